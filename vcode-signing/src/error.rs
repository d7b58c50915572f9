//! Why a request could not be signed, or why a received request failed verification.

/// A request that cannot be signed as given. Nothing about it depends on the secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// A header the scheme must sign is absent (for TC3: `content-type` or `host`).
    #[error("the `{name}` header is required to sign")]
    MissingHeader {
        /// Lower-case header name.
        name: &'static str,
    },
    /// The same header name appears twice; neither scheme can sign that unambiguously.
    #[error("the `{name}` header appears twice")]
    DuplicateHeader {
        /// Lower-case header name.
        name: String,
    },
    /// A header value holds control characters (or is not text), which would alter the
    /// canonical request.
    #[error("the `{name}` header value holds control characters")]
    InvalidHeaderValue {
        /// Header name as given.
        name: String,
    },
    /// The signing time cannot be represented (before 1970 or past year 9999), or a timestamp
    /// header the caller set is not in the scheme's format.
    #[error("the signing time is out of range or malformed")]
    InvalidTime,
}

/// Why a received request's signature was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Authorization` header.
    #[error("the authorization header is missing")]
    MissingAuthorization,
    /// The `Authorization` header is not of the scheme's form; says which part is wrong.
    #[error("the authorization header is malformed: {0}")]
    MalformedAuthorization(&'static str),
    /// The access key id is not known to the verifier.
    #[error("the access key id is unknown")]
    UnknownAccessKey(String),
    /// No timestamp header (`X-Sdk-Date` / `X-TC-Timestamp`).
    #[error("the request timestamp is missing")]
    MissingTimestamp,
    /// The timestamp header is not in the scheme's format.
    #[error("the request timestamp is malformed")]
    MalformedTimestamp,
    /// The timestamp is older than the allowed clock skew.
    #[error("the request timestamp is {age_secs} s in the past")]
    TimestampExpired {
        /// How far in the past the timestamp is, in seconds.
        age_secs: u64,
    },
    /// The timestamp is further in the future than the allowed clock skew.
    #[error("the request timestamp is {ahead_secs} s in the future")]
    TimestampInFuture {
        /// How far in the future the timestamp is, in seconds.
        ahead_secs: u64,
    },
    /// A header the scheme requires to be signed is not listed in `SignedHeaders`.
    #[error("the `{0}` header is not signed")]
    RequiredHeaderNotSigned(&'static str),
    /// A header listed in `SignedHeaders` is not in the request.
    #[error("the signed header `{0}` is not in the request")]
    MissingSignedHeader(String),
    /// The credential scope (TC3 date or service) does not match the request.
    #[error("the credential scope does not match")]
    CredentialScopeMismatch,
    /// The request is well-formed but the signature does not match it.
    #[error("the signature does not match the request")]
    SignatureMismatch,
}
