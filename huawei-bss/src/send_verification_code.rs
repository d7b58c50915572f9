//! `SendVerificationMessageCode` ("Sending a Verification Code"): mails a code to a future
//! customer before [Creating a Customer]. `POST /v2/bases/verificationcode/send`.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use vcode_core::VendorCode;
use vcode_core::guard::{GuardKey, RecipientRule, normalize_email};
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::{Bss, Client, SdkError, SendVerificationCodeError};

/// The operation's path.
pub const PATH: &str = "/v2/bases/verificationcode/send";

/// Where the code is sent. The vendor accepts only email.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReceiverType {
    /// An email (wire value `2`).
    #[default]
    Email,
}

impl ReceiverType {
    /// The wire value.
    pub fn wire_value(self) -> u8 {
        match self {
            Self::Email => 2,
        }
    }
}

/// The language of the email.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese, `zh-cn`.
    ZhCn,
    /// English, `en-us` (the vendor's default).
    EnUs,
}

impl Language {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-cn",
            Self::EnUs => "en-us",
        }
    }
}

/// A validated request to mail a verification code.
///
/// Build one with [`SendVerificationCodeInput::builder`]; every documented rule is checked by
/// `build()`, so an input that exists can be sent.
#[derive(Clone, PartialEq, Eq)]
pub struct SendVerificationCodeInput {
    receiver_type: ReceiverType,
    timeout_minutes: Option<u32>,
    email: String,
    lang: Option<Language>,
}

impl fmt::Debug for SendVerificationCodeInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendVerificationCodeInput")
            .field("receiver_type", &self.receiver_type)
            .field("timeout_minutes", &self.timeout_minutes)
            .field("email", &vcode_core::mask::email(&self.email))
            .field("lang", &self.lang)
            .finish()
    }
}

impl SendVerificationCodeInput {
    /// A builder.
    pub fn builder() -> SendVerificationCodeInputBuilder {
        SendVerificationCodeInputBuilder::default()
    }

    /// Where the code goes.
    pub fn receiver_type(&self) -> ReceiverType {
        self.receiver_type
    }

    /// The code's validity in minutes, when set.
    pub fn timeout_minutes(&self) -> Option<u32> {
        self.timeout_minutes
    }

    /// The recipient.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The email's language, when set.
    pub fn language(&self) -> Option<Language> {
        self.lang
    }

    /// The exact JSON body sent: `receiver_type`, `timeout` (when set), `email`, `lang` (when
    /// set), in that order.
    pub fn to_body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Wire<'a> {
            receiver_type: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            timeout: Option<u32>,
            email: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            lang: Option<&'static str>,
        }
        let wire = Wire {
            receiver_type: self.receiver_type.wire_value(),
            timeout: self.timeout_minutes,
            email: &self.email,
            lang: self.lang.map(Language::as_str),
        };
        serde_json::to_vec(&wire).expect("a struct of strings and integers always serializes")
    }
}

/// Builds a [`SendVerificationCodeInput`].
#[derive(Clone, Default)]
pub struct SendVerificationCodeInputBuilder {
    receiver_type: ReceiverType,
    timeout_minutes: Option<u32>,
    email: Option<String>,
    lang: Option<Language>,
}

impl fmt::Debug for SendVerificationCodeInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendVerificationCodeInputBuilder")
            .field("receiver_type", &self.receiver_type)
            .field("timeout_minutes", &self.timeout_minutes)
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .field("lang", &self.lang)
            .finish()
    }
}

impl SendVerificationCodeInputBuilder {
    /// The recipient: at most 64 characters, an email address. Required.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// The code's validity, 1 to 3000 minutes. Unset, the vendor uses its default (documented
    /// as 10 minutes; the API Explorer says 5). The vendor treats any value over 60 as 5.
    #[must_use]
    pub fn timeout_minutes(mut self, minutes: u32) -> Self {
        self.timeout_minutes = Some(minutes);
        self
    }

    /// The email's language. Unset, the vendor uses English.
    #[must_use]
    pub fn language(mut self, language: Language) -> Self {
        self.lang = Some(language);
        self
    }

    /// Where the code goes (only email exists, and is the default).
    #[must_use]
    pub fn receiver_type(mut self, receiver_type: ReceiverType) -> Self {
        self.receiver_type = receiver_type;
        self
    }

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field (`email`, `timeout`) and the rule it broke.
    pub fn build(self) -> Result<SendVerificationCodeInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(email) = v.required("email", self.email.as_deref()) {
            let length_ok = v.char_len("email", email, 1..=64, Shown::Email);
            if length_ok {
                v.email("email", email);
            }
        }
        if let Some(minutes) = self.timeout_minutes {
            v.range("timeout", i64::from(minutes), 1..=3000);
        }
        v.finish()?;
        Ok(SendVerificationCodeInput {
            receiver_type: self.receiver_type,
            timeout_minutes: self.timeout_minutes,
            email: self.email.unwrap_or_default(),
            lang: self.lang,
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
    ) -> Result<SendVerificationCodeOutput, SdkError<SendVerificationCodeError>> {
        client.send(&self.build()?).await
    }
}

/// The vendor accepted the request and will mail the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendVerificationCodeOutput {
    request_id: Option<String>,
}

impl SendVerificationCodeOutput {
    /// The vendor's request id (`X-Request-Id`), for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for SendVerificationCodeInput {
    type Service = Bss;
    type Output = SendVerificationCodeOutput;
    type Error = SendVerificationCodeError;
    const NAME: &'static str = "SendVerificationMessageCode";

    fn request(&self) -> OperationRequest {
        OperationRequest::post_json(PATH, self.to_body())
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<SendVerificationCodeOutput, Failure<SendVerificationCodeError>> {
        decode(&response)
    }

    /// One address: [`SEND_LIMIT_PER_HOUR`](crate::SEND_LIMIT_PER_HOUR) an hour and
    /// [`SEND_LIMIT_PER_DAY`](crate::SEND_LIMIT_PER_DAY) a day; 10 requests a second per
    /// account (the China site's documented limit; the international one is unconfirmed).
    fn guard_key(&self) -> Option<GuardKey> {
        const RULES: [RecipientRule; 2] = [
            RecipientRule::new(Duration::from_secs(3600), crate::SEND_LIMIT_PER_HOUR),
            RecipientRule::new(Duration::from_secs(86_400), crate::SEND_LIMIT_PER_DAY),
        ];
        Some(
            GuardKey::recipient(
                "huawei-bss",
                Self::NAME,
                &normalize_email(&self.email),
                &RULES,
            )
            .with_rate(10),
        )
    }
}

/// The Huawei family's rule for an answer without data
/// ([`decode_empty_success`](vcode_huawei::decode_empty_success)): 204, or a 2xx with an empty
/// body or a JSON object without an error code (or with `CBC.0000`), is success; an error code
/// is that error, whatever the status; anything else is an unreadable response.
fn decode(
    response: &HttpResponse,
) -> Result<SendVerificationCodeOutput, Failure<SendVerificationCodeError>> {
    vcode_huawei::decode_empty_success(response, SendVerificationCodeError::from_code)
        .map(|request_id| SendVerificationCodeOutput { request_id })
}
