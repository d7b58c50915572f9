//! The error codes of `SendVerifyCode`: its own five and every API 3.0 common code, grouped by
//! prefix so that, for example, every `AuthFailure.*` matches `SendVerifyCodeError::AuthFailure(_)`.

use std::fmt;
use std::time::Duration;

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

/// `AuthFailure.*`: the request was not authenticated. Never retried, except
/// [`SignatureExpire`](Self::SignatureExpire) once after correcting the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthFailure {
    /// `AuthFailure.InvalidAuthorization`: the Authorization header is malformed.
    InvalidAuthorization,
    /// `AuthFailure.InvalidSecretId`: the SecretId is not a valid key (not a cloud API key).
    InvalidSecretId,
    /// `AuthFailure.MFAFailure`: multi-factor authentication failed.
    MfaFailure,
    /// `AuthFailure.SecretIdNotFound`: the SecretId does not exist or is disabled.
    SecretIdNotFound,
    /// `AuthFailure.SignatureExpire`: the timestamp is more than five minutes off the server's.
    SignatureExpire,
    /// `AuthFailure.SignatureFailure`: the signature is wrong.
    SignatureFailure,
    /// `AuthFailure.TokenFailure`: the session token is wrong or expired.
    TokenFailure,
    /// `AuthFailure.UnauthorizedOperation`: the key may not call this action.
    UnauthorizedOperation,
    /// Another `AuthFailure.*` code, kept as received.
    Other(String),
}

/// `RequestLimitExceeded` and its sub-codes: throttled before processing, retried with backoff.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestLimitExceeded {
    /// `RequestLimitExceeded`: too many requests.
    General,
    /// `RequestLimitExceeded.GlobalRegionUinLimitExceeded`: the account's global limit.
    GlobalRegionUinLimitExceeded,
    /// `RequestLimitExceeded.IPLimitExceeded`: this IP's limit.
    IpLimitExceeded,
    /// `RequestLimitExceeded.UinLimitExceeded`: the account's limit.
    UinLimitExceeded,
    /// Another `RequestLimitExceeded.*` code, kept as received.
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
    /// `AuthFailure.*`.
    AuthFailure(AuthFailure),
    /// `RequestLimitExceeded*`.
    RequestLimitExceeded(RequestLimitExceeded),
    /// `ActionOffline`: the action is offline.
    ActionOffline,
    /// `DryRunOperation`: a dry run would have succeeded.
    DryRunOperation,
    /// `InternalError`: internal error.
    InternalError,
    /// `InvalidAction`: the action does not exist.
    InvalidAction,
    /// `InvalidParameter`: a parameter is wrong.
    InvalidParameter,
    /// `InvalidRequest`: the request body is malformed.
    InvalidRequest,
    /// `IpInBlacklist`: the caller's IP is blocked.
    IpInBlacklist,
    /// `IpNotInWhitelist`: the caller's IP is not allowed.
    IpNotInWhitelist,
    /// `LimitExceeded`: a quota was exceeded.
    LimitExceeded,
    /// `MissingParameter`: a required parameter is missing.
    MissingParameter,
    /// `NoSuchProduct`: the product does not exist.
    NoSuchProduct,
    /// `NoSuchVersion`: the API version does not exist.
    NoSuchVersion,
    /// `RequestSizeLimitExceeded`: the request is too large.
    RequestSizeLimitExceeded,
    /// `ResourceInUse`: the resource is in use.
    ResourceInUse,
    /// `ResourceInsufficient`: insufficient resources.
    ResourceInsufficient,
    /// `ResourceNotFound`: the resource does not exist.
    ResourceNotFound,
    /// `ResourceUnavailable`: the resource is unavailable.
    ResourceUnavailable,
    /// `ResponseSizeLimitExceeded`: the response would be too large.
    ResponseSizeLimitExceeded,
    /// `ServiceUnavailable`: the service is unavailable.
    ServiceUnavailable,
    /// `UnauthorizedOperation`: the operation is not authorized.
    UnauthorizedOperation,
    /// `UnknownParameter`: an unknown parameter was sent.
    UnknownParameter,
    /// `UnsupportedOperation`: the operation is not supported.
    UnsupportedOperation,
    /// `UnsupportedProtocol`: the protocol is not supported (HTTPS is required).
    UnsupportedProtocol,
    /// `UnsupportedRegion`: the region is not supported.
    UnsupportedRegion,
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use FailedOperation as FO;
use InvalidParameterValue as IPV;
use RequestLimitExceeded as RLE;
use SendVerifyCodeError as E;

/// Code, variant and description of every documented code, in one place.
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
    (
        "AuthFailure.InvalidAuthorization",
        E::AuthFailure(AuthFailure::InvalidAuthorization),
        "the authorization header is invalid",
    ),
    (
        "AuthFailure.InvalidSecretId",
        E::AuthFailure(AuthFailure::InvalidSecretId),
        "the secret id is invalid",
    ),
    (
        "AuthFailure.MFAFailure",
        E::AuthFailure(AuthFailure::MfaFailure),
        "multi-factor authentication failed",
    ),
    (
        "AuthFailure.SecretIdNotFound",
        E::AuthFailure(AuthFailure::SecretIdNotFound),
        "the secret id does not exist",
    ),
    (
        "AuthFailure.SignatureExpire",
        E::AuthFailure(AuthFailure::SignatureExpire),
        "the signature expired (clock skew)",
    ),
    (
        "AuthFailure.SignatureFailure",
        E::AuthFailure(AuthFailure::SignatureFailure),
        "the signature is wrong",
    ),
    (
        "AuthFailure.TokenFailure",
        E::AuthFailure(AuthFailure::TokenFailure),
        "the session token is invalid",
    ),
    (
        "AuthFailure.UnauthorizedOperation",
        E::AuthFailure(AuthFailure::UnauthorizedOperation),
        "the key may not call this action",
    ),
    (
        "RequestLimitExceeded",
        E::RequestLimitExceeded(RLE::General),
        "too many requests",
    ),
    (
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        E::RequestLimitExceeded(RLE::GlobalRegionUinLimitExceeded),
        "the account's global request limit was exceeded",
    ),
    (
        "RequestLimitExceeded.IPLimitExceeded",
        E::RequestLimitExceeded(RLE::IpLimitExceeded),
        "this IP's request limit was exceeded",
    ),
    (
        "RequestLimitExceeded.UinLimitExceeded",
        E::RequestLimitExceeded(RLE::UinLimitExceeded),
        "the account's request limit was exceeded",
    ),
    ("ActionOffline", E::ActionOffline, "the action is offline"),
    (
        "DryRunOperation",
        E::DryRunOperation,
        "a dry run would have succeeded",
    ),
    ("InternalError", E::InternalError, "internal error"),
    (
        "InvalidAction",
        E::InvalidAction,
        "the action does not exist",
    ),
    (
        "InvalidParameter",
        E::InvalidParameter,
        "a parameter is invalid",
    ),
    (
        "InvalidRequest",
        E::InvalidRequest,
        "the request is malformed",
    ),
    (
        "IpInBlacklist",
        E::IpInBlacklist,
        "the caller's IP is blocked",
    ),
    (
        "IpNotInWhitelist",
        E::IpNotInWhitelist,
        "the caller's IP is not allowed",
    ),
    ("LimitExceeded", E::LimitExceeded, "a quota was exceeded"),
    (
        "MissingParameter",
        E::MissingParameter,
        "a required parameter is missing",
    ),
    (
        "NoSuchProduct",
        E::NoSuchProduct,
        "the product does not exist",
    ),
    (
        "NoSuchVersion",
        E::NoSuchVersion,
        "the API version does not exist",
    ),
    (
        "RequestSizeLimitExceeded",
        E::RequestSizeLimitExceeded,
        "the request is too large",
    ),
    ("ResourceInUse", E::ResourceInUse, "the resource is in use"),
    (
        "ResourceInsufficient",
        E::ResourceInsufficient,
        "insufficient resources",
    ),
    (
        "ResourceNotFound",
        E::ResourceNotFound,
        "the resource does not exist",
    ),
    (
        "ResourceUnavailable",
        E::ResourceUnavailable,
        "the resource is unavailable",
    ),
    (
        "ResponseSizeLimitExceeded",
        E::ResponseSizeLimitExceeded,
        "the response would be too large",
    ),
    (
        "ServiceUnavailable",
        E::ServiceUnavailable,
        "the service is unavailable",
    ),
    (
        "UnauthorizedOperation",
        E::UnauthorizedOperation,
        "the operation is not authorized",
    ),
    (
        "UnknownParameter",
        E::UnknownParameter,
        "an unknown parameter was sent",
    ),
    (
        "UnsupportedOperation",
        E::UnsupportedOperation,
        "the operation is not supported",
    ),
    (
        "UnsupportedProtocol",
        E::UnsupportedProtocol,
        "the protocol is not supported",
    ),
    (
        "UnsupportedRegion",
        E::UnsupportedRegion,
        "the region is not supported",
    ),
];

impl SendVerifyCodeError {
    /// Every documented code, for tests and tools.
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        CODES.iter().map(|(code, _, _)| *code)
    }

    /// Maps a vendor code to its variant; unlisted sub-codes of a known group land in that
    /// group's `Other`.
    pub fn from_code(code: &str) -> Self {
        if let Some((_, variant, _)) = CODES.iter().find(|(c, _, _)| *c == code) {
            return variant.clone();
        }
        let other = || code.to_owned();
        match code.split_once('.').map(|(group, _)| group) {
            Some("FailedOperation") => E::FailedOperation(FO::Other(other())),
            Some("InvalidParameterValue") => E::InvalidParameterValue(IPV::Other(other())),
            Some("AuthFailure") => E::AuthFailure(AuthFailure::Other(other())),
            Some("RequestLimitExceeded") => E::RequestLimitExceeded(RLE::Other(other())),
            _ => E::Unknown(other()),
        }
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            E::FailedOperation(FO::Other(code))
            | E::InvalidParameterValue(IPV::Other(code))
            | E::AuthFailure(AuthFailure::Other(code))
            | E::RequestLimitExceeded(RLE::Other(code))
            | E::Unknown(code) => code,
            known => CODES
                .iter()
                .find(|(_, v, _)| v == known)
                .map_or("", |(code, _, _)| code),
        }
    }
}

impl fmt::Display for SendVerifyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match CODES.iter().find(|(_, v, _)| v == self) {
            Some((_, _, description)) => f.write_str(description),
            None => f.write_str("unrecognised error code"),
        }
    }
}

impl ServiceErrorKind for SendVerifyCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            E::RequestLimitExceeded(_) => ErrorClass::Throttling,
            E::AuthFailure(AuthFailure::SignatureExpire) => ErrorClass::ClockSkew,
            E::AuthFailure(_) | E::UnauthorizedOperation => ErrorClass::Authentication,
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
