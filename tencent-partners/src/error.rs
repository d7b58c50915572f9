//! The error codes of `SendVerifyCode`: its own (`FailedOperation.*`, `InvalidParameterValue.*`)
//! and the API 3.0 common codes, which live once in `vcode_core::tencent::CommonError`.

use std::fmt;
use std::time::Duration;

use vcode_core::tencent::CommonError;
use vcode_core::{ErrorClass, ServiceErrorKind};

/// The minimum wait between two codes to one phone (`FailedOperation.SendVerifyCodeLimit60`).
pub const RESEND_INTERVAL: Duration = Duration::from_secs(60);

/// `FailedOperation` and its sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailedOperation {
    /// `FailedOperation`: the operation failed.
    General,
    /// `FailedOperation.PhoneBindUpper`: the number reached its account limit.
    PhoneBindUpper,
    /// `FailedOperation.SendVerifyCodeLimit`: codes were sent too often.
    SendVerifyCodeLimit,
    /// `FailedOperation.SendVerifyCodeLimit60`: at least 60 s must pass between codes.
    SendVerifyCodeLimit60,
    /// Another `FailedOperation.*` code, kept as received.
    Other(String),
}

/// `InvalidParameterValue` and its sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidParameterValue {
    /// `InvalidParameterValue`: a parameter value is wrong.
    General,
    /// `InvalidParameterValue.UnSupportArea`: the country or region is not supported.
    UnsupportedArea,
    /// Another `InvalidParameterValue.*` code, kept as received.
    Other(String),
}

/// Every code `SendVerifyCode` can answer. Unknown codes keep their text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendVerifyCodeError {
    /// `FailedOperation*`.
    FailedOperation(FailedOperation),
    /// `InvalidParameterValue*`.
    InvalidParameterValue(InvalidParameterValue),
    /// An API 3.0 common code (`AuthFailure.*`, `RequestLimitExceeded*`, `InternalError`, ...).
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use FailedOperation as FO;
use InvalidParameterValue as IPV;
use SendVerifyCodeError as E;

/// Code, variant and description of each code of the action's own.
const CODES: &[(&str, E, &str)] = &[
    (
        "FailedOperation",
        E::FailedOperation(FO::General),
        "the operation failed",
    ),
    (
        "FailedOperation.PhoneBindUpper",
        E::FailedOperation(FO::PhoneBindUpper),
        "the phone number reached its account limit",
    ),
    (
        "FailedOperation.SendVerifyCodeLimit",
        E::FailedOperation(FO::SendVerifyCodeLimit),
        "codes were sent to this number too often",
    ),
    (
        "FailedOperation.SendVerifyCodeLimit60",
        E::FailedOperation(FO::SendVerifyCodeLimit60),
        "at least 60 s must pass between codes to one number",
    ),
    (
        "InvalidParameterValue",
        E::InvalidParameterValue(IPV::General),
        "a parameter value is invalid",
    ),
    (
        "InvalidParameterValue.UnSupportArea",
        E::InvalidParameterValue(IPV::UnsupportedArea),
        "the country or region is not supported",
    ),
];

impl SendVerifyCodeError {
    /// Every documented code, the common ones included, for tests and tools.
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        CODES
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }

    /// Maps a vendor code to its variant; unlisted sub-codes of a known group land in that
    /// group's `Other`.
    pub fn from_code(code: &str) -> Self {
        if let Some((_, variant, _)) = CODES.iter().find(|(c, _, _)| *c == code) {
            return variant.clone();
        }
        match code.split_once('.').map(|(group, _)| group) {
            Some("FailedOperation") => E::FailedOperation(FO::Other(code.to_owned())),
            Some("InvalidParameterValue") => E::InvalidParameterValue(IPV::Other(code.to_owned())),
            _ => {
                CommonError::from_code(code).map_or_else(|| E::Unknown(code.to_owned()), E::Common)
            }
        }
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            E::FailedOperation(FO::Other(code))
            | E::InvalidParameterValue(IPV::Other(code))
            | E::Unknown(code) => code,
            E::Common(common) => common.code(),
            known => CODES
                .iter()
                .find(|(_, v, _)| v == known)
                .map_or("", |(code, _, _)| code),
        }
    }
}

impl fmt::Display for SendVerifyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let E::Common(common) = self {
            return common.fmt(f);
        }
        match CODES.iter().find(|(_, v, _)| v == self) {
            Some((_, _, description)) => f.write_str(description),
            None => f.write_str("unrecognised error code"),
        }
    }
}

impl ServiceErrorKind for SendVerifyCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            E::Common(common) => common.class(),
            E::FailedOperation(
                FO::SendVerifyCodeLimit | FO::SendVerifyCodeLimit60 | FO::PhoneBindUpper,
            ) => ErrorClass::BusinessLimit,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, E::FailedOperation(FO::SendVerifyCodeLimit60)).then_some(RESEND_INTERVAL)
    }
}
