//! `SendVerifyCode`: texts a verification code to a future customer's phone, which
//! `CreateAccount` then takes as `VerifyCode`. 20 requests a second; one code per phone per 60 s.

use std::fmt;

use serde::Serialize;
use vcode_core::VendorCode;
use vcode_core::guard::{GuardKey, RecipientRule, normalize_phone};
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::{InvalidInput, Rule};

use crate::{Client, Partners, SdkError, SendVerifyCodeError, VERSION};

/// The action.
pub const ACTION: &str = "SendVerifyCode";
/// Requests per second the action allows (per account).
pub const DOCUMENTED_RATE_LIMIT: u32 = 20;
/// Calling codes the reference says `SendVerifyCode` does not accept.
pub const EXCLUDED_COUNTRY_CODES: [&str; 3] = ["7", "380", "86"];

/// Checks `CountryCode` (both actions share the rule): 1 to 4 digits, no leading zero, not
/// 7, 380 or 86. One leading `+` is the same calling code and is dropped. Answers the code to
/// send.
pub(crate) fn check_country_code<'a>(v: &mut Validator, code: Option<&'a str>) -> Option<&'a str> {
    let code = code.map(|code| code.strip_prefix('+').unwrap_or(code));
    if let Some(code) = v.required("CountryCode", code) {
        let shape_ok = v.char_len("CountryCode", code, 1..=4, Shown::Plain)
            & v.digits("CountryCode", code, Shown::Plain);
        if shape_ok && code.starts_with('0') {
            v.violation(
                "CountryCode",
                Rule::NotAllowed("must not start with 0 (no calling code does)"),
                Some(code.to_owned()),
            );
        } else if shape_ok && EXCLUDED_COUNTRY_CODES.contains(&code) {
            v.violation(
                "CountryCode",
                Rule::NotAllowed("is not accepted (7, 380 and 86 are excluded)"),
                Some(code.to_owned()),
            );
        }
    }
    code
}

/// A validated `SendVerifyCode` request.
#[derive(Clone, PartialEq, Eq)]
pub struct SendVerifyCodeInput {
    country_code: String,
    phone_num: String,
}

impl fmt::Debug for SendVerifyCodeInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendVerifyCodeInput")
            .field("country_code", &self.country_code)
            .field("phone_num", &vcode_core::mask::phone(&self.phone_num))
            .finish()
    }
}

impl SendVerifyCodeInput {
    /// A builder.
    pub fn builder() -> SendVerifyCodeInputBuilder {
        SendVerifyCodeInputBuilder::default()
    }

    /// The calling code.
    pub fn country_code(&self) -> &str {
        &self.country_code
    }

    /// The phone number without the calling code.
    pub fn phone_num(&self) -> &str {
        &self.phone_num
    }
}

/// Builds a [`SendVerifyCodeInput`].
#[derive(Clone, Default)]
pub struct SendVerifyCodeInputBuilder {
    country_code: Option<String>,
    phone_num: Option<String>,
}

impl fmt::Debug for SendVerifyCodeInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendVerifyCodeInputBuilder")
            .field("country_code", &self.country_code)
            .field(
                "phone_num",
                &self.phone_num.as_deref().map(vcode_core::mask::phone),
            )
            .finish()
    }
}

impl SendVerifyCodeInputBuilder {
    /// The calling code: 1 to 4 digits, not 7, 380 or 86 (which the reference excludes).
    /// One leading `+` is accepted and dropped (`+852` is sent as `852`); a leading zero is
    /// refused, since no calling code has one (`086` is not 86 to the vendor, nor to a person).
    /// Required.
    #[must_use]
    pub fn country_code(mut self, code: impl Into<String>) -> Self {
        self.country_code = Some(code.into());
        self
    }

    /// The phone number without the calling code: 1 to 32 digits. Required.
    #[must_use]
    pub fn phone_num(mut self, phone: impl Into<String>) -> Self {
        self.phone_num = Some(phone.into());
        self
    }

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming `CountryCode` and/or `PhoneNum` and the rule broken.
    pub fn build(self) -> Result<SendVerifyCodeInput, InvalidInput> {
        let mut v = Validator::new();
        let country_code = check_country_code(&mut v, self.country_code.as_deref());
        if let Some(phone) = v.required("PhoneNum", self.phone_num.as_deref()) {
            v.char_len("PhoneNum", phone, 1..=32, Shown::Phone);
            v.digits("PhoneNum", phone, Shown::Phone);
        }
        v.finish()?;
        Ok(SendVerifyCodeInput {
            country_code: country_code.unwrap_or_default().to_owned(),
            phone_num: self.phone_num.unwrap_or_default(),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<SendVerifyCodeOutput, SdkError<SendVerifyCodeError>> {
        client.send(&self.build()?).await
    }
}

/// Tencent accepted the request and will text the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendVerifyCodeOutput {
    request_id: String,
}

impl SendVerifyCodeOutput {
    /// Tencent's `RequestId`, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        Some(&self.request_id)
    }
}

impl Operation for SendVerifyCodeInput {
    type Service = Partners;
    type Output = SendVerifyCodeOutput;
    type Error = SendVerifyCodeError;
    const NAME: &'static str = ACTION;

    fn request(&self) -> OperationRequest {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Wire<'a> {
            country_code: &'a str,
            phone_num: &'a str,
        }
        let body = serde_json::to_vec(&Wire {
            country_code: &self.country_code,
            phone_num: &self.phone_num,
        })
        .expect("a struct of strings always serializes");
        vcode_tencent::action_request(ACTION, VERSION, body)
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<SendVerifyCodeOutput, Failure<SendVerifyCodeError>> {
        vcode_tencent::decode_envelope(&response, SendVerifyCodeError::from_code)
            .map(|request_id| SendVerifyCodeOutput { request_id })
    }

    /// One code per phone per [`RESEND_INTERVAL`](crate::RESEND_INTERVAL), and
    /// [`DOCUMENTED_RATE_LIMIT`](DOCUMENTED_RATE_LIMIT) requests a second per account.
    fn guard_key(&self) -> Option<GuardKey> {
        const RULES: [RecipientRule; 1] = [RecipientRule::cooldown(crate::RESEND_INTERVAL)];
        Some(
            GuardKey::recipient(
                "tencent-partners",
                Self::NAME,
                &normalize_phone(&self.country_code, &self.phone_num),
                &RULES,
            )
            .with_rate(DOCUMENTED_RATE_LIMIT),
        )
    }
}
