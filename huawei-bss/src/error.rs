//! Every error code `SendVerificationMessageCode` documents, plus the API gateway's.

use std::fmt;

use vcode_core::{ErrorClass, ServiceErrorKind};
use vcode_huawei::GatewayError;

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

/// The codes every BSS partner operation can answer (the generic table), plus the gateway's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommonError {
    /// `CBC.0100` (400): a parameter is wrong.
    InvalidParameter,
    /// `CBC.0150` (403; `CBC.0156` on the China pages): the customer does not belong to this
    /// site.
    WrongSite,
    /// `CBC.0151` (403): access denied.
    AccessDenied,
    /// `CBC.0154` (401): the IAM token is invalid or expired.
    TokenInvalid,
    /// `CBC.0999` (500): other error.
    InternalError,
    /// `APIG.*`: the API gateway in front of the service.
    Gateway(GatewayError),
}

impl CommonError {
    /// The common error of a code, when it is one.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "CBC.0100" => Self::InvalidParameter,
            "CBC.0150" | "CBC.0156" => Self::WrongSite,
            "CBC.0151" => Self::AccessDenied,
            "CBC.0154" => Self::TokenInvalid,
            "CBC.0999" => Self::InternalError,
            other => Self::Gateway(GatewayError::from_code(other)?),
        })
    }

    /// The vendor code (`CBC.0150` for [`WrongSite`](Self::WrongSite)).
    pub fn code(&self) -> &str {
        match self {
            Self::InvalidParameter => "CBC.0100",
            Self::WrongSite => "CBC.0150",
            Self::AccessDenied => "CBC.0151",
            Self::TokenInvalid => "CBC.0154",
            Self::InternalError => "CBC.0999",
            Self::Gateway(gateway) => gateway.code(),
        }
    }

    fn class(&self) -> ErrorClass {
        match self {
            Self::Gateway(gateway) => gateway.class(),
            Self::TokenInvalid | Self::AccessDenied | Self::WrongSite => ErrorClass::Authentication,
            Self::InvalidParameter | Self::InternalError => ErrorClass::Other,
        }
    }
}

impl fmt::Display for CommonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InvalidParameter => "a parameter is invalid",
            Self::WrongSite => "the customer does not belong to this site",
            Self::AccessDenied => "access denied",
            Self::TokenInvalid => "the IAM token is invalid or expired",
            Self::InternalError => "the vendor reported an internal error",
            Self::Gateway(gateway) => return gateway.fmt(f),
        })
    }
}

/// The error of the read-only operations (`CheckUserIdentity`, `ListSubCustomers`), which
/// document only the common codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// A common code.
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

impl QueryError {
    /// Maps a vendor code to its variant.
    pub fn from_code(code: &str) -> Self {
        CommonError::from_code(code).map_or_else(|| Self::Unknown(code.to_owned()), Self::Common)
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            Self::Common(common) => common.code(),
            Self::Unknown(code) => code,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Common(common) => common.fmt(f),
            Self::Unknown(_) => f.write_str("unrecognised error code"),
        }
    }
}

impl ServiceErrorKind for QueryError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Common(common) => common.class(),
            Self::Unknown(_) => ErrorClass::Other,
        }
    }
}

/// Every code documented for `CreateSubCustomer` (some only on the China site's page of the
/// same API), plus the common ones. `CBC.99000050` is not here: the customer was created, and
/// it comes back as a success ([`Association::Pending`](crate::Association::Pending)).
///
/// The vendor does not document which code a wrong or expired `verification_code` gets; the
/// generic [`CommonError::InvalidParameter`] (`CBC.0100`) is the likely one, and what the
/// sandbox answers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CreateSubCustomerError {
    /// `CBC.99000029` (400): the mobile number is already registered.
    MobileRegistered,
    /// `CBC.99000030` (400): the mobile number reached its registration limit.
    MobileRegistrationLimit,
    /// `CBC.99000031` (400): the account name (`domain_name`) is invalid.
    InvalidDomainName,
    /// `CBC.99000036` (400): the password does not meet the policy.
    InvalidPassword,
    /// `CBC.99000037` (400): no permission on this reseller (`indirect_partner_id`).
    NoResellerPermission,
    /// `CBC.99000038` (400): the account name is taken (wraps `CBC.7156`, "domainName exist").
    DomainNameExists,
    /// `CBC.99000051` (400): the mobile number or email was reported; no customer can be
    /// created with it.
    ContactReported,
    /// A common code.
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use CreateSubCustomerError as Create;

/// Code, variant and description of each of `CreateSubCustomer`'s own codes.
const CREATE_CODES: &[(&str, Create, &str)] = &[
    (
        "CBC.99000029",
        Create::MobileRegistered,
        "the mobile number is already registered",
    ),
    (
        "CBC.99000030",
        Create::MobileRegistrationLimit,
        "the mobile number reached its registration limit",
    ),
    (
        "CBC.99000031",
        Create::InvalidDomainName,
        "the account name is invalid",
    ),
    (
        "CBC.99000036",
        Create::InvalidPassword,
        "the password does not meet the policy",
    ),
    (
        "CBC.99000037",
        Create::NoResellerPermission,
        "no permission on this reseller",
    ),
    (
        "CBC.99000038",
        Create::DomainNameExists,
        "the account name is already taken",
    ),
    (
        "CBC.99000051",
        Create::ContactReported,
        "the mobile number or email was reported and cannot register",
    ),
];

impl CreateSubCustomerError {
    /// Every code this type names, the common ones included (for tests and tools).
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        CREATE_CODES
            .iter()
            .map(|(code, _, _)| *code)
            .chain(["CBC.0100", "CBC.0150", "CBC.0151", "CBC.0154", "CBC.0999"])
    }

    /// Maps a vendor code to its variant.
    pub fn from_code(code: &str) -> Self {
        if let Some((_, variant, _)) = CREATE_CODES.iter().find(|(c, _, _)| *c == code) {
            return variant.clone();
        }
        CommonError::from_code(code)
            .map_or_else(|| Create::Unknown(code.to_owned()), Create::Common)
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            Create::Common(common) => common.code(),
            Create::Unknown(code) => code,
            known => CREATE_CODES
                .iter()
                .find(|(_, v, _)| v == known)
                .map_or("", |(code, _, _)| code),
        }
    }
}

impl fmt::Display for CreateSubCustomerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Create::Common(common) => common.fmt(f),
            known => match CREATE_CODES.iter().find(|(_, v, _)| v == known) {
                Some((_, _, description)) => f.write_str(description),
                None => f.write_str("unrecognised error code"),
            },
        }
    }
}

impl ServiceErrorKind for CreateSubCustomerError {
    fn class(&self) -> ErrorClass {
        match self {
            Create::Common(common) => common.class(),
            Create::MobileRegistrationLimit => ErrorClass::BusinessLimit,
            _ => ErrorClass::Other,
        }
    }
}
