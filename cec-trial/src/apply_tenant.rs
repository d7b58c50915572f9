//! `applyTenant`: applies for the trial tenant with the SMS code `generateverifycode` sent.
//! `POST /apiaccess/rest/ipccprovision/v1/applyTry/applyTenant`, no credentials.
//!
//! Never retried once it may have been sent. After a "may have been sent" error, do not apply
//! again at once: a second application for the same company answers `004` (a tenant exists),
//! and the account details arrive by email when the first one succeeded.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;
use vcode_core::{ErrorClass, REDACTED, SdkError, ServiceErrorKind, VendorCode};

use crate::{CecTrial, Client};

/// The operation's path.
pub const APPLY_PATH: &str = "/apiaccess/rest/ipccprovision/v1/applyTry/applyTenant";
/// How long to wait after `005` (resource conflict), as the reference says.
pub const RESOURCE_CONFLICT_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A validated `applyTenant` request. `Debug` masks the phone and email and hides the code.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyTenantInput {
    company_name: String,
    phone: String,
    phone_verify_code: String,
    email: String,
}

impl fmt::Debug for ApplyTenantInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApplyTenantInput")
            .field("company_name", &self.company_name)
            .field("phone", &vcode_core::mask::phone(&self.phone))
            .field("phone_verify_code", &REDACTED)
            .field("email", &vcode_core::mask::email(&self.email))
            .finish()
    }
}

impl ApplyTenantInput {
    /// A builder.
    pub fn builder() -> ApplyTenantInputBuilder {
        ApplyTenantInputBuilder::default()
    }
}

/// Builds an [`ApplyTenantInput`]. Every field is required; the reference documents no
/// lengths or formats, so the guards below are this crate's.
#[derive(Clone, Default)]
pub struct ApplyTenantInputBuilder {
    company_name: Option<String>,
    phone: Option<String>,
    phone_verify_code: Option<String>,
    email: Option<String>,
}

impl fmt::Debug for ApplyTenantInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApplyTenantInputBuilder")
            .field("company_name", &self.company_name)
            .field("phone", &self.phone.as_deref().map(vcode_core::mask::phone))
            .field(
                "phone_verify_code",
                &self.phone_verify_code.as_ref().map(|_| REDACTED),
            )
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .finish()
    }
}

impl ApplyTenantInputBuilder {
    /// `companyName`: 1 to 256 characters, no control characters.
    #[must_use]
    pub fn company_name(mut self, name: impl Into<String>) -> Self {
        self.company_name = Some(name.into());
        self
    }

    /// `phone`: the number the code was sent to, as sent (digits, optional leading `+`, at
    /// most 32 characters).
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// `phoneVerifyCode`: the six-digit code (the reference's example; its length is not
    /// documented otherwise).
    #[must_use]
    pub fn phone_verify_code(mut self, code: impl Into<String>) -> Self {
        self.phone_verify_code = Some(code.into());
        self
    }

    /// `email`: where the account details are mailed, at most 254 characters.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Checks the rules and reports every violation.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each wire field.
    pub fn build(self) -> Result<ApplyTenantInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(name) = v.required("companyName", self.company_name.as_deref())
            && v.char_len("companyName", name, 1..=256, Shown::Plain)
        {
            v.header_value("companyName", name, Shown::Plain);
        }
        if let Some(phone) = v.required("phone", self.phone.as_deref()) {
            v.char_len("phone", phone, 1..=32, Shown::Phone);
            v.phone_number("phone", phone);
        }
        if let Some(code) = v.required("phoneVerifyCode", self.phone_verify_code.as_deref())
            && v.char_len("phoneVerifyCode", code, 6..=6, Shown::Hidden)
        {
            v.digits("phoneVerifyCode", code, Shown::Hidden);
        }
        if let Some(email) = v.required("email", self.email.as_deref())
            && v.char_len("email", email, 1..=254, Shown::Email)
        {
            v.email("email", email);
        }
        v.finish()?;
        Ok(ApplyTenantInput {
            company_name: self.company_name.unwrap_or_default(),
            phone: self.phone.unwrap_or_default(),
            phone_verify_code: self.phone_verify_code.unwrap_or_default(),
            email: self.email.unwrap_or_default(),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<ApplyTenantOutput, SdkError<ApplyTenantError>> {
        client.send(&self.build()?).await
    }
}

/// `000`: applied; the account details will be emailed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyTenantOutput {
    message: String,
}

impl ApplyTenantOutput {
    /// `returnMsg` (or `retMsg`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Every outcome of `applyTenant` other than `000`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApplyTenantError {
    /// `001`: no code exists for the phone, or it expired; get a new one.
    CodeMissingOrExpired,
    /// `002`: the code is wrong.
    WrongCode,
    /// `003`: checking the code failed; contact operations.
    CodeCheckFailed,
    /// `004`: a tenant in trial-commercial or commercial use exists; no trial.
    TenantExists,
    /// `005`: resource conflict; try again in a minute ([`RESOURCE_CONFLICT_RETRY_AFTER`],
    /// never retried automatically).
    ResourceConflict,
    /// `006`: no voice or multimedia access code is free for a trial; contact operations.
    NoAccessCode,
    /// `205`: today's email threshold was reached; contact operations.
    DailyEmailThreshold,
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
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use ApplyTenantError as E;

/// The result codes, and the documented statuses as `HTTP <status>`.
impl VendorCode for ApplyTenantError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "001",
            E::CodeMissingOrExpired,
            "no code exists for this phone, or it expired",
        ),
        ("002", E::WrongCode, "the verification code is wrong"),
        (
            "003",
            E::CodeCheckFailed,
            "checking the code failed; contact operations",
        ),
        (
            "004",
            E::TenantExists,
            "a commercial or trial tenant already exists",
        ),
        (
            "005",
            E::ResourceConflict,
            "resource conflict; try again in a minute",
        ),
        (
            "006",
            E::NoAccessCode,
            "no access code is free for a trial; contact operations",
        ),
        (
            "205",
            E::DailyEmailThreshold,
            "today's email threshold was reached",
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

impl fmt::Display for ApplyTenantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.describe(f, None)
    }
}

impl ServiceErrorKind for ApplyTenantError {
    fn class(&self) -> ErrorClass {
        match self {
            E::TenantExists | E::DailyEmailThreshold => ErrorClass::BusinessLimit,
            E::Unauthorized | E::AuthenticationFailed => ErrorClass::Authentication,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, E::ResourceConflict).then_some(RESOURCE_CONFLICT_RETRY_AFTER)
    }
}

impl Operation for ApplyTenantInput {
    type Service = CecTrial;
    type Output = ApplyTenantOutput;
    type Error = ApplyTenantError;
    const NAME: &'static str = "applyTenant";

    fn request(&self) -> OperationRequest {
        let body = serde_json::to_vec(self).expect("a struct of strings always serializes");
        OperationRequest::post_json(APPLY_PATH, body)
    }

    /// `returnCode`/`returnMsg` as the reference's table says, or `retCode`/`retMsg` as its
    /// example shows; `000` is success.
    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<ApplyTenantOutput, Failure<ApplyTenantError>> {
        crate::ret::decode(
            &response,
            &[("returnCode", "returnMsg"), ("retCode", "retMsg")],
            "000",
        )
        .map(|message| ApplyTenantOutput { message })
    }
}
