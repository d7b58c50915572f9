//! The OSM error codes of the verify-code operations, plus the API gateway's.

use std::fmt;
use std::time::Duration;

use vcode_core::{ErrorClass, ServiceErrorKind, VendorCode};
use vcode_huawei::GatewayError;

/// How long a contact must wait between two codes (`OSM.01010024`).
pub const RESEND_INTERVAL: Duration = Duration::from_secs(60);
/// How long a code stays valid.
pub const CODE_VALIDITY: Duration = Duration::from_secs(300);

/// Codes documented for `SendVerifyCodes` and `CheckVerifyCodes`. The `01010xxx` codes come
/// with HTTP 200; they are accepted with or without the `OSM.` prefix. Unknown codes keep their
/// text in [`VerifyCodesError::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyCodesError {
    /// `OSM.0001` (400): parameter check failed.
    ParameterCheckFailed,
    /// `OSM.0002` (401): unauthorized or bad token.
    Unauthorized,
    /// `OSM.0003` (403): forbidden.
    Forbidden,
    /// `OSM.0004` (500): internal error.
    InternalError,
    /// `OSM.01010001`: parameter validation failed.
    ParameterValidationFailed,
    /// `OSM.01010002`: no permission for the operation.
    NoPermission,
    /// `OSM.01010010`: verification not passed (wrong or expired code).
    VerificationFailed,
    /// `OSM.01010011`: customer information cannot be read from the token.
    CustomerInfoUnavailable,
    /// `OSM.01010012`: the contact way must be 0 (SMS) or 1 (email).
    InvalidContactWay,
    /// `OSM.01010014`: the operation failed inside the vendor.
    OperationFailed,
    /// `OSM.01010024`: a code was sent to this contact less than a minute ago (codes are valid
    /// five minutes). [`retry_after`](vcode_core::ServiceError::retry_after) says one minute;
    /// never retried automatically.
    ResentTooOften,
    /// `APIG.*`: the API gateway in front of the service.
    Gateway(GatewayError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use VerifyCodesError as E;

impl VendorCode for VerifyCodesError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "OSM.0001",
            E::ParameterCheckFailed,
            "parameter check failed",
        ),
        ("OSM.0002", E::Unauthorized, "unauthorized"),
        ("OSM.0003", E::Forbidden, "forbidden"),
        (
            "OSM.0004",
            E::InternalError,
            "the vendor reported an internal error",
        ),
        (
            "OSM.01010001",
            E::ParameterValidationFailed,
            "parameter validation failed",
        ),
        (
            "OSM.01010002",
            E::NoPermission,
            "no permission for the operation",
        ),
        (
            "OSM.01010010",
            E::VerificationFailed,
            "the verification code was not accepted",
        ),
        (
            "OSM.01010011",
            E::CustomerInfoUnavailable,
            "customer information cannot be read from the token",
        ),
        (
            "OSM.01010012",
            E::InvalidContactWay,
            "the contact way must be sms (0) or email (1)",
        ),
        (
            "OSM.01010014",
            E::OperationFailed,
            "the operation failed at the vendor",
        ),
        (
            "OSM.01010024",
            E::ResentTooOften,
            "a code was sent to this contact less than a minute ago",
        ),
    ];

    /// The `01010xxx` codes come with or without the `OSM.` prefix; then the gateway's codes.
    fn undocumented(code: &str) -> Self {
        if code.starts_with("01010") {
            let prefixed = format!("OSM.{code}");
            if let Some((_, error, _)) = Self::DOCUMENTED.iter().find(|(c, _, _)| *c == prefixed) {
                return error.clone();
            }
        }
        GatewayError::from_code(code).map_or_else(|| E::Unknown(code.to_owned()), E::Gateway)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            E::Gateway(gateway) => gateway.code(),
            E::Unknown(code) => code,
            _ => "",
        }
    }
}

impl fmt::Display for VerifyCodesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            E::Gateway(gateway) => Some(gateway),
            _ => None,
        };
        self.describe(f, fallback)
    }
}

impl ServiceErrorKind for VerifyCodesError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Gateway(gateway) => gateway.class(),
            Self::Unauthorized | Self::Forbidden | Self::NoPermission => ErrorClass::Authentication,
            Self::ResentTooOften => ErrorClass::BusinessLimit,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, Self::ResentTooOften).then_some(RESEND_INTERVAL)
    }
}
