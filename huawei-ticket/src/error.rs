//! The OSM error codes of the verify-code operations, plus the API gateway's.

use std::fmt;
use std::time::Duration;

use vcode_core::{ErrorClass, ServiceErrorKind};
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

impl VerifyCodesError {
    /// Maps a vendor code, with or without the `OSM.` prefix, to its variant.
    pub fn from_code(code: &str) -> Self {
        let bare = code.strip_prefix("OSM.").unwrap_or(code);
        match (code, bare) {
            ("OSM.0001", _) => Self::ParameterCheckFailed,
            ("OSM.0002", _) => Self::Unauthorized,
            ("OSM.0003", _) => Self::Forbidden,
            ("OSM.0004", _) => Self::InternalError,
            (_, "01010001") => Self::ParameterValidationFailed,
            (_, "01010002") => Self::NoPermission,
            (_, "01010010") => Self::VerificationFailed,
            (_, "01010011") => Self::CustomerInfoUnavailable,
            (_, "01010012") => Self::InvalidContactWay,
            (_, "01010014") => Self::OperationFailed,
            (_, "01010024") => Self::ResentTooOften,
            _ => GatewayError::from_code(code)
                .map_or_else(|| Self::Unknown(code.to_owned()), Self::Gateway),
        }
    }

    /// The canonical vendor code of this variant (with the `OSM.` prefix).
    pub fn code(&self) -> &str {
        match self {
            Self::ParameterCheckFailed => "OSM.0001",
            Self::Unauthorized => "OSM.0002",
            Self::Forbidden => "OSM.0003",
            Self::InternalError => "OSM.0004",
            Self::ParameterValidationFailed => "OSM.01010001",
            Self::NoPermission => "OSM.01010002",
            Self::VerificationFailed => "OSM.01010010",
            Self::CustomerInfoUnavailable => "OSM.01010011",
            Self::InvalidContactWay => "OSM.01010012",
            Self::OperationFailed => "OSM.01010014",
            Self::ResentTooOften => "OSM.01010024",
            Self::Gateway(gateway) => gateway.code(),
            Self::Unknown(code) => code,
        }
    }
}

impl fmt::Display for VerifyCodesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ParameterCheckFailed => "parameter check failed",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::InternalError => "the vendor reported an internal error",
            Self::ParameterValidationFailed => "parameter validation failed",
            Self::NoPermission => "no permission for the operation",
            Self::VerificationFailed => "the verification code was not accepted",
            Self::CustomerInfoUnavailable => "customer information cannot be read from the token",
            Self::InvalidContactWay => "the contact way must be sms (0) or email (1)",
            Self::OperationFailed => "the operation failed at the vendor",
            Self::ResentTooOften => "a code was sent to this contact less than a minute ago",
            Self::Gateway(gateway) => return gateway.fmt(f),
            Self::Unknown(_) => "unrecognised error code",
        })
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
