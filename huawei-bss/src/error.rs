//! Every error code `SendVerificationMessageCode` documents, plus the API gateway's.

use std::fmt;

use vcode_core::huawei::GatewayError;
use vcode_core::{ErrorClass, ServiceErrorKind};

/// Codes the vendor documents for this operation (and the gateway in front of it).
/// Unknown codes keep their text in [`SendVerificationCodeError::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendVerificationCodeError {
    /// `CBC.0100` (400): a parameter is wrong.
    InvalidParameter,
    /// `CBC.99000035` (400): the caller is not yet a customer of a partner.
    NotPartnerCustomer,
    /// `CBC.99004002` (400): the verification code could not be generated.
    CodeGenerationFailed,
    /// `CBC.99004003` (400): the code was generated but could not be sent.
    CodeNotSent,
    /// `CBC.99004004` (400): the email address is empty or ill-formed.
    InvalidEmail,
    /// `CBC.99004015` (400): the send limit for this address was reached:
    /// [`SEND_LIMIT_PER_HOUR`] per hour and [`SEND_LIMIT_PER_DAY`] per day. Never retried.
    SendLimitReached,
    /// `CBC.0154` (401): the IAM token is invalid or expired.
    TokenInvalid,
    /// `CBC.0151` (403): access denied.
    AccessDenied,
    /// `CBC.0999` (500): other error.
    InternalError,
    /// `APIG.*`: the API gateway in front of the service.
    Gateway(GatewayError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

/// Codes that may be sent to one address in an hour before `CBC.99004015`.
pub const SEND_LIMIT_PER_HOUR: u32 = 15;
/// Codes that may be sent to one address in a day before `CBC.99004015`.
pub const SEND_LIMIT_PER_DAY: u32 = 60;

impl SendVerificationCodeError {
    /// Maps a vendor code to its variant.
    pub fn from_code(code: &str) -> Self {
        match code {
            "CBC.0100" => Self::InvalidParameter,
            "CBC.99000035" => Self::NotPartnerCustomer,
            "CBC.99004002" => Self::CodeGenerationFailed,
            "CBC.99004003" => Self::CodeNotSent,
            "CBC.99004004" => Self::InvalidEmail,
            "CBC.99004015" => Self::SendLimitReached,
            "CBC.0154" => Self::TokenInvalid,
            "CBC.0151" => Self::AccessDenied,
            "CBC.0999" => Self::InternalError,
            other => GatewayError::from_code(other)
                .map_or_else(|| Self::Unknown(other.to_owned()), Self::Gateway),
        }
    }

    /// The vendor code of this variant.
    pub fn code(&self) -> &str {
        match self {
            Self::InvalidParameter => "CBC.0100",
            Self::NotPartnerCustomer => "CBC.99000035",
            Self::CodeGenerationFailed => "CBC.99004002",
            Self::CodeNotSent => "CBC.99004003",
            Self::InvalidEmail => "CBC.99004004",
            Self::SendLimitReached => "CBC.99004015",
            Self::TokenInvalid => "CBC.0154",
            Self::AccessDenied => "CBC.0151",
            Self::InternalError => "CBC.0999",
            Self::Gateway(gateway) => gateway.code(),
            Self::Unknown(code) => code,
        }
    }

    /// For [`SendLimitReached`](Self::SendLimitReached): the documented limits
    /// `(per hour, per day)`.
    pub fn send_limits(&self) -> Option<(u32, u32)> {
        matches!(self, Self::SendLimitReached).then_some((SEND_LIMIT_PER_HOUR, SEND_LIMIT_PER_DAY))
    }
}

impl fmt::Display for SendVerificationCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidParameter => f.write_str("a parameter is invalid"),
            Self::NotPartnerCustomer => f.write_str("the caller is not yet a partner's customer"),
            Self::CodeGenerationFailed => {
                f.write_str("the verification code could not be generated")
            }
            Self::CodeNotSent => f.write_str("the verification code could not be sent"),
            Self::InvalidEmail => f.write_str("the email address is empty or ill-formed"),
            Self::SendLimitReached => write!(
                f,
                "the send limit was reached ({SEND_LIMIT_PER_HOUR} per hour, {SEND_LIMIT_PER_DAY} per day)"
            ),
            Self::TokenInvalid => f.write_str("the IAM token is invalid or expired"),
            Self::AccessDenied => f.write_str("access denied"),
            Self::InternalError => f.write_str("the vendor reported an internal error"),
            Self::Gateway(gateway) => gateway.fmt(f),
            Self::Unknown(_) => f.write_str("unrecognised error code"),
        }
    }
}

impl ServiceErrorKind for SendVerificationCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Gateway(gateway) => gateway.class(),
            Self::TokenInvalid | Self::AccessDenied => ErrorClass::Authentication,
            Self::SendLimitReached => ErrorClass::BusinessLimit,
            _ => ErrorClass::Other,
        }
    }
}
