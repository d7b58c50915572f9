//! Why a request could not be signed, or why a received request failed verification.

use std::fmt;

/// A request that cannot be signed as given. Nothing about it depends on the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// A header the scheme must sign is absent (for TC3: `content-type` or `host`).
    MissingHeader {
        /// Lower-case header name.
        name: &'static str,
    },
    /// The same header name appears twice; neither scheme can sign that unambiguously.
    DuplicateHeader {
        /// Lower-case header name.
        name: String,
    },
    /// A header value holds control characters (or is not text), which would alter the
    /// canonical request.
    InvalidHeaderValue {
        /// Header name as given.
        name: String,
    },
    /// The signing time cannot be represented (before 1970 or past year 9999), or a timestamp
    /// header the caller set is not in the scheme's format.
    InvalidTime,
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader { name } => write!(f, "the `{name}` header is required to sign"),
            Self::DuplicateHeader { name } => write!(f, "the `{name}` header appears twice"),
            Self::InvalidHeaderValue { name } => {
                write!(f, "the `{name}` header value holds control characters")
            }
            Self::InvalidTime => f.write_str("the signing time is out of range or malformed"),
        }
    }
}

impl std::error::Error for SigningError {}

/// Why a received request's signature was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Authorization` header.
    MissingAuthorization,
    /// The `Authorization` header is not of the scheme's form; says which part is wrong.
    MalformedAuthorization(&'static str),
    /// The access key id is not known to the verifier.
    UnknownAccessKey(String),
    /// No timestamp header (`X-Sdk-Date` / `X-TC-Timestamp`).
    MissingTimestamp,
    /// The timestamp header is not in the scheme's format.
    MalformedTimestamp,
    /// The timestamp is older than the allowed clock skew.
    TimestampExpired {
        /// How far in the past the timestamp is, in seconds.
        age_secs: u64,
    },
    /// The timestamp is further in the future than the allowed clock skew.
    TimestampInFuture {
        /// How far in the future the timestamp is, in seconds.
        ahead_secs: u64,
    },
    /// A header the scheme requires to be signed is not listed in `SignedHeaders`.
    RequiredHeaderNotSigned(&'static str),
    /// A header listed in `SignedHeaders` is not in the request.
    MissingSignedHeader(String),
    /// The credential scope (TC3 date or service) does not match the request.
    CredentialScopeMismatch,
    /// The request is well-formed but the signature does not match it.
    SignatureMismatch,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingAuthorization => f.write_str("the authorization header is missing"),
            Self::MalformedAuthorization(why) => {
                write!(f, "the authorization header is malformed: {why}")
            }
            Self::UnknownAccessKey(_) => f.write_str("the access key id is unknown"),
            Self::MissingTimestamp => f.write_str("the request timestamp is missing"),
            Self::MalformedTimestamp => f.write_str("the request timestamp is malformed"),
            Self::TimestampExpired { age_secs } => {
                write!(f, "the request timestamp is {age_secs} s in the past")
            }
            Self::TimestampInFuture { ahead_secs } => {
                write!(f, "the request timestamp is {ahead_secs} s in the future")
            }
            Self::RequiredHeaderNotSigned(name) => write!(f, "the `{name}` header is not signed"),
            Self::MissingSignedHeader(name) => {
                write!(f, "the signed header `{name}` is not in the request")
            }
            Self::CredentialScopeMismatch => f.write_str("the credential scope does not match"),
            Self::SignatureMismatch => f.write_str("the signature does not match the request"),
        }
    }
}

impl std::error::Error for VerifyError {}
