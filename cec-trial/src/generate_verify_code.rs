//! `generateverifycode`: input, wire body, output and decoding.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use vcode_core::guard::{GuardKey, RecipientRule, normalize_phone};
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;
use vcode_core::{ErrorClass, ServiceErrorKind, VendorCode};

use crate::{CecTrial, Client, SdkError};

/// The operation's path.
pub const PATH: &str = "/apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode";

/// A validated `generateverifycode` request; it serializes as the request body,
/// `{"phone": ...}`.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct GenerateVerifyCodeInput {
    phone: String,
}

impl fmt::Debug for GenerateVerifyCodeInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenerateVerifyCodeInput")
            .field("phone", &vcode_core::mask::phone(&self.phone))
            .finish()
    }
}

impl GenerateVerifyCodeInput {
    /// A builder.
    pub fn builder() -> GenerateVerifyCodeInputBuilder {
        GenerateVerifyCodeInputBuilder::default()
    }

    /// The phone number.
    pub fn phone(&self) -> &str {
        &self.phone
    }
}

/// Builds a [`GenerateVerifyCodeInput`].
#[derive(Clone, Default)]
pub struct GenerateVerifyCodeInputBuilder {
    phone: Option<String>,
}

impl fmt::Debug for GenerateVerifyCodeInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenerateVerifyCodeInputBuilder")
            .field("phone", &self.phone.as_deref().map(vcode_core::mask::phone))
            .finish()
    }
}

impl GenerateVerifyCodeInputBuilder {
    /// The mobile number: digits with an optional leading `+`, no spaces, at most 32
    /// characters. The vendor documents no limit; 32 is this crate's guard. Required.
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// Checks the rules and reports every violation.
    ///
    /// # Errors
    /// [`InvalidInput`] for a missing, over-long or non-numeric phone.
    pub fn build(self) -> Result<GenerateVerifyCodeInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(phone) = v.required("phone", self.phone.as_deref()) {
            v.char_len("phone", phone, 1..=32, Shown::Phone);
            v.phone_number("phone", phone);
        }
        v.finish()?;
        Ok(GenerateVerifyCodeInput {
            phone: self.phone.unwrap_or_default(),
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
    ) -> Result<GenerateVerifyCodeOutput, SdkError<GenerateVerifyCodeError>> {
        client.send(&self.build()?).await
    }
}

/// The vendor sent the code (`retCode` 200).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateVerifyCodeOutput {
    ret_msg: String,
}

impl GenerateVerifyCodeOutput {
    /// The vendor's `retMsg`.
    pub fn ret_msg(&self) -> &str {
        &self.ret_msg
    }
}

impl Operation for GenerateVerifyCodeInput {
    type Service = CecTrial;
    type Output = GenerateVerifyCodeOutput;
    type Error = GenerateVerifyCodeError;
    const NAME: &'static str = "generateverifycode";

    fn request(&self) -> OperationRequest {
        let body = serde_json::to_vec(self).expect("a struct of strings always serializes");
        OperationRequest::post_json(PATH, body)
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<GenerateVerifyCodeOutput, Failure<GenerateVerifyCodeError>> {
        decode(&response)
    }

    /// One code per phone while a code exists ([`CODE_EXISTS_RETRY_AFTER`], this crate's
    /// assumption of a code's validity).
    fn guard_key(&self) -> Option<GuardKey> {
        const RULES: [RecipientRule; 1] = [RecipientRule::cooldown(CODE_EXISTS_RETRY_AFTER)];
        Some(GuardKey::recipient(
            "cec-trial",
            Self::NAME,
            &normalize_phone("", &self.phone),
            &RULES,
        ))
    }
}

fn decode(
    response: &HttpResponse,
) -> Result<GenerateVerifyCodeOutput, Failure<GenerateVerifyCodeError>> {
    crate::ret::decode(response, &[("retCode", "retMsg")], "200")
        .map(|ret_msg| GenerateVerifyCodeOutput { ret_msg })
}

/// How long to wait after [`GenerateVerifyCodeError::CodeAlreadyExists`]. The vendor only says
/// "send later"; five minutes is this crate's assumption (a code's usual validity).
pub const CODE_EXISTS_RETRY_AFTER: Duration = Duration::from_secs(300);

/// The outcomes of `generateverifycode` other than success: each `retCode`, and each HTTP
/// status the reference documents.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenerateVerifyCodeError {
    /// `retCode` 201: a code already exists for this phone; send later
    /// ([`CODE_EXISTS_RETRY_AFTER`]). Never retried automatically.
    CodeAlreadyExists,
    /// `retCode` 202: the SMS verification code failed to send.
    VerificationCodeSendFailed,
    /// `retCode` 204: the SMS message failed to send.
    SmsSendFailed,
    /// `retCode` 205: today's sending threshold was reached.
    DailyThresholdReached,
    /// HTTP 400: bad path or parameters.
    BadRequest,
    /// HTTP 401: unauthorized (service not purchased, or the account's state).
    Unauthorized,
    /// HTTP 403: authentication failed.
    AuthenticationFailed,
    /// HTTP 404: path not found (check the domain).
    NotFound,
    /// HTTP 500: business failure.
    BusinessFailure,
    /// A `retCode` this version does not know, kept as received.
    Unknown(String),
}

use GenerateVerifyCodeError as E;

/// The result codes, and the documented statuses as `HTTP <status>`.
impl VendorCode for GenerateVerifyCodeError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "201",
            E::CodeAlreadyExists,
            "a code already exists for this phone; send later",
        ),
        (
            "202",
            E::VerificationCodeSendFailed,
            "the verification code failed to send",
        ),
        ("204", E::SmsSendFailed, "the text message failed to send"),
        (
            "205",
            E::DailyThresholdReached,
            "today's sending threshold was reached",
        ),
        ("HTTP 400", E::BadRequest, "bad path or parameters"),
        (
            "HTTP 401",
            E::Unauthorized,
            "unauthorized (service not purchased, or account state)",
        ),
        ("HTTP 403", E::AuthenticationFailed, "authentication failed"),
        ("HTTP 404", E::NotFound, "path not found"),
        ("HTTP 500", E::BusinessFailure, "business failure"),
    ];

    fn undocumented(code: &str) -> Self {
        E::Unknown(code.to_owned())
    }

    fn undocumented_code(&self) -> &str {
        match self {
            E::Unknown(code) => code,
            _ => "",
        }
    }
}

impl std::fmt::Display for GenerateVerifyCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.describe(f, None)
    }
}

impl ServiceErrorKind for GenerateVerifyCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::CodeAlreadyExists | Self::DailyThresholdReached => ErrorClass::BusinessLimit,
            Self::Unauthorized | Self::AuthenticationFailed => ErrorClass::Authentication,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, Self::CodeAlreadyExists).then_some(CODE_EXISTS_RETRY_AFTER)
    }
}
