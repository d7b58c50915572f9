//! Every error code `SendVerificationMessageCode` documents, plus the API gateway's.

use std::fmt;

use vcode_core::{ErrorClass, ServiceErrorKind, VendorCode};
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

use SendVerificationCodeError as Send;

impl VendorCode for SendVerificationCodeError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        ("CBC.0100", Send::InvalidParameter, "a parameter is invalid"),
        (
            "CBC.99000035",
            Send::NotPartnerCustomer,
            "the caller is not yet a partner's customer",
        ),
        (
            "CBC.99004002",
            Send::CodeGenerationFailed,
            "the verification code could not be generated",
        ),
        (
            "CBC.99004003",
            Send::CodeNotSent,
            "the verification code could not be sent",
        ),
        (
            "CBC.99004004",
            Send::InvalidEmail,
            "the email address is empty or ill-formed",
        ),
        (
            "CBC.99004015",
            Send::SendLimitReached,
            "the send limit was reached (15 per hour, 60 per day)",
        ),
        (
            "CBC.0154",
            Send::TokenInvalid,
            "the IAM token is invalid or expired",
        ),
        ("CBC.0151", Send::AccessDenied, "access denied"),
        (
            "CBC.0999",
            Send::InternalError,
            "the vendor reported an internal error",
        ),
    ];

    fn undocumented(code: &str) -> Self {
        GatewayError::from_code(code).map_or_else(|| Send::Unknown(code.to_owned()), Send::Gateway)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            Send::Gateway(gateway) => gateway.code(),
            Send::Unknown(code) => code,
            _ => "",
        }
    }
}

impl SendVerificationCodeError {
    /// The hourly and daily limits of [`SendLimitReached`](Self::SendLimitReached).
    pub fn send_limits(&self) -> Option<(u32, u32)> {
        matches!(self, Self::SendLimitReached).then_some((SEND_LIMIT_PER_HOUR, SEND_LIMIT_PER_DAY))
    }
}

impl fmt::Display for SendVerificationCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            Send::Gateway(gateway) => Some(gateway),
            _ => None,
        };
        self.describe(f, fallback)
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

/// Code, error and description of each common code.
const COMMON_CODES: &[(&str, CommonError, &str)] = &[
    (
        "CBC.0100",
        CommonError::InvalidParameter,
        "a parameter is invalid",
    ),
    (
        "CBC.0150",
        CommonError::WrongSite,
        "the customer does not belong to this site",
    ),
    ("CBC.0151", CommonError::AccessDenied, "access denied"),
    (
        "CBC.0154",
        CommonError::TokenInvalid,
        "the IAM token is invalid or expired",
    ),
    (
        "CBC.0999",
        CommonError::InternalError,
        "the vendor reported an internal error",
    ),
];

impl CommonError {
    /// The common error of a code, when it is one (`CBC.0156`, the China pages' spelling of
    /// `CBC.0150`, included).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = if code == "CBC.0156" { "CBC.0150" } else { code };
        COMMON_CODES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, error, _)| error.clone())
            .or_else(|| GatewayError::from_code(code).map(Self::Gateway))
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            Self::Gateway(gateway) => gateway.code(),
            known => COMMON_CODES
                .iter()
                .find(|(_, error, _)| error == known)
                .map_or("", |(code, _, _)| code),
        }
    }

    /// Every common code (the gateway's included).
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        COMMON_CODES
            .iter()
            .map(|(code, _, _)| *code)
            .chain(["APIG.0301", "APIG.0308"])
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
        match self {
            Self::Gateway(gateway) => gateway.fmt(f),
            known => match COMMON_CODES.iter().find(|(_, error, _)| error == known) {
                Some((_, _, description)) => f.write_str(description),
                None => f.write_str("unrecognised error code"),
            },
        }
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

impl VendorCode for QueryError {
    /// Only the common codes: they are the group's, found by [`CommonError::from_code`].
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[];

    fn undocumented(code: &str) -> Self {
        CommonError::from_code(code).map_or_else(|| Self::Unknown(code.to_owned()), Self::Common)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            Self::Common(common) => common.code(),
            Self::Unknown(code) => code,
        }
    }

    fn documented_codes() -> impl Iterator<Item = &'static str> {
        CommonError::documented_codes()
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            Self::Common(common) => Some(common),
            Self::Unknown(_) => None,
        };
        self.describe(f, fallback)
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

impl VendorCode for CreateSubCustomerError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
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

    fn undocumented(code: &str) -> Self {
        CommonError::from_code(code)
            .map_or_else(|| Create::Unknown(code.to_owned()), Create::Common)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            Create::Common(common) => common.code(),
            Create::Unknown(code) => code,
            _ => "",
        }
    }

    /// The operation's own codes, then the common ones.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }
}

impl fmt::Display for CreateSubCustomerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            Create::Common(common) => Some(common),
            _ => None,
        };
        self.describe(f, fallback)
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
