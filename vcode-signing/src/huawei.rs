//! Huawei Cloud API Gateway `SDK-HMAC-SHA256` (AK/SK) signing and verification, in the steps
//! of Huawei's "AK/SK Signing and Authentication Algorithm":
//!
//! 1. canonical request (`canonical_request`): the method; the canonical URI (path decoded,
//!    each segment re-encoded, always ending in `/`); the canonical query (pairs sorted by key
//!    then value); one `name:value` line per signed header, sorted; the `;`-joined signed
//!    header names; and the hex SHA-256 of the body;
//! 2. string to sign (`string_to_sign`): `SDK-HMAC-SHA256`, the `X-Sdk-Date` value and the hex
//!    SHA-256 of the canonical request, one per line;
//! 3. signature: the hex HMAC-SHA256 of the string to sign under the secret key;
//! 4. `Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=..., Signature=...`.
//!
//! Every header given to the signer is signed except names containing `_` (the gateway ignores
//! those) and `Authorization`; `X-Sdk-Date` is added (or reused when the request already has
//! one) and so is `X-Security-Token` for temporary credentials. Give the signer `Host` and
//! `Content-Type` when the request has them: the gateway only checks what `SignedHeaders`
//! lists, so leaving them out weakens the signature.

use std::fmt;
use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};

use crate::canonical::{self, CanonicalHeader, HmacSha256, new_mac};
use crate::last::LastValue;
use crate::output::{AddedHeader, SigningOutput, Steps, add_session_headers};
use crate::request::SignableRequest;
use crate::{SigningError, VerifyError, timefmt};

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// Header carrying the signing time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const DATE_HEADER: &str = "X-Sdk-Date";
/// Header carrying the session token of temporary credentials.
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
/// Header whose value `UNSIGNED-PAYLOAD` leaves the body out of the signature.
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";

/// Signs requests with a Huawei Cloud access key (AK) and secret key (SK).
///
/// `Debug` shows the access key id and never the secret key or the security token.
///
/// The signer holds HMAC-SHA256 state keyed with the secret key, not the key itself (see the
/// crate docs for why); it is wiped on drop, as is every copy. It also keeps the `X-Sdk-Date`
/// text of the last second it signed in, which changes once a second.
#[derive(Clone)]
pub struct Signer {
    access_key_id: String,
    keyed_mac: HmacSha256,
    security_token: Option<SecretString>,
    /// The last second signed in (unix seconds) and its `X-Sdk-Date` text.
    last_date: LastValue<i64, String>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("huawei::Signer")
            .field("access_key_id", &self.access_key_id)
            .field("secret_key", &"[REDACTED]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

impl Signer {
    /// A signer for permanent credentials.
    pub fn new(access_key_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self::from_secret(access_key_id, SecretString::from(secret_key.into()))
    }

    /// A signer from an already-protected secret key.
    pub fn from_secret(access_key_id: impl Into<String>, secret_key: SecretString) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            keyed_mac: new_mac(secret_key.expose_secret().as_bytes()),
            security_token: None,
            last_date: LastValue::default(),
        }
    }

    /// Temporary credentials: the token is sent (and signed) as `X-Security-Token`.
    #[must_use]
    pub fn with_security_token(mut self, token: SecretString) -> Self {
        self.security_token = Some(token);
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The `X-Sdk-Date` text of a second: formatted once per second.
    fn sdk_date(&self, unix: i64) -> Result<String, SigningError> {
        self.last_date
            .get_or_try_insert_with(&unix, || timefmt::sdk_date(unix))
    }

    /// Signs `request` as of `time`.
    ///
    /// # Errors
    /// A header given twice or holding control characters, a caller-set `X-Sdk-Date` that is not
    /// `YYYYMMDDTHHMMSSZ`, or a time before 1970.
    pub fn sign(
        &self,
        request: &SignableRequest<'_>,
        time: SystemTime,
    ) -> Result<SigningOutput, SigningError> {
        // The caller's own X-Sdk-Date is signed as given; otherwise ours is added, first.
        let mut added = Vec::with_capacity(4);
        let given_date = request.header_value(DATE_HEADER);
        match given_date {
            Some(given) => {
                timefmt::parse_sdk_date(given).ok_or(SigningError::InvalidTime)?;
            }
            None => {
                let date = self.sdk_date(timefmt::unix_seconds(time)?)?;
                added.push(AddedHeader::new(DATE_HEADER, date));
            }
        }
        add_session_headers(
            &mut added,
            request,
            (SECURITY_TOKEN_HEADER, self.security_token.as_ref()),
            CONTENT_SHA256_HEADER,
        );

        let mut headers = Vec::with_capacity(request.headers.len() + 3);
        for &(name, value) in &request.headers {
            if !name.contains('_') && !name.eq_ignore_ascii_case("authorization") {
                headers.push(CanonicalHeader::new(name, value)?);
            }
        }
        for header in &added {
            headers.push(CanonicalHeader::new(header.name(), header.value())?);
        }
        let (canonical_request, signed_headers) = canonical_request(request, headers)?;
        let date = given_date.unwrap_or_else(|| added.first().map_or("", AddedHeader::value));
        let string_to_sign = string_to_sign(date, &canonical_request);
        let signature = canonical::signature(self.keyed_mac.clone(), &string_to_sign);
        let authorization = [
            ALGORITHM,
            " Access=",
            &self.access_key_id,
            ", SignedHeaders=",
            &signed_headers,
            ", Signature=",
            &signature,
        ]
        .concat();
        Ok(SigningOutput::new(
            added,
            authorization,
            Steps {
                canonical_request,
                signed_headers,
                string_to_sign,
                signature,
            },
        ))
    }
}

/// Step 1: the canonical request, and the signed headers list it ends with. Huawei
/// canonicalizes the path and the query.
fn canonical_request(
    request: &SignableRequest<'_>,
    headers: Vec<CanonicalHeader<'_>>,
) -> Result<(String, String), SigningError> {
    canonical::canonical_request(
        request,
        &canonical::canonical_uri(request.path),
        &canonical::canonical_query(request.query),
        headers,
        CONTENT_SHA256_HEADER,
    )
}

/// Step 2: the string to sign.
fn string_to_sign(date: &str, canonical_request: &str) -> String {
    let mut string = String::with_capacity(ALGORITHM.len() + date.len() + 66);
    for part in [ALGORITHM, "\n", date, "\n"] {
        string.push_str(part);
    }
    canonical::push_sha256_hex(&mut string, canonical_request.as_bytes());
    string
}

/// A request whose signature checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The access key id that signed it.
    pub access_key_id: String,
    /// The lower-case names it signed.
    pub signed_headers: Vec<String>,
}

/// Verifies a received request.
///
/// `lookup` answers the secret key of an access key id (or `None` when unknown). The request
/// time (`X-Sdk-Date`) must lie within `max_skew` of `now`, in either direction. `x-sdk-date`
/// must be among the signed headers. Signatures are compared in constant time.
///
/// # Errors
/// A [`VerifyError`] naming the first check that failed.
pub fn verify<F>(
    request: &SignableRequest<'_>,
    lookup: F,
    now: SystemTime,
    max_skew: Duration,
) -> Result<Verified, VerifyError>
where
    F: FnOnce(&str) -> Option<SecretString>,
{
    let [access, signed_list, signature] = canonical::parse_authorization(
        request,
        ALGORITHM,
        ["Access", "SignedHeaders", "Signature"],
    )?;
    canonical::require_signed(signed_list, "x-sdk-date")?;
    let headers = canonical::listed_headers(request, signed_list)?;
    let date = request
        .header_value(DATE_HEADER)
        .ok_or(VerifyError::MissingTimestamp)?
        .trim();
    let request_time = timefmt::parse_sdk_date(date).ok_or(VerifyError::MalformedTimestamp)?;
    let secret = lookup(access).ok_or_else(|| VerifyError::UnknownAccessKey(access.to_owned()))?;
    timefmt::check_skew(request_time, now, max_skew)?;

    let (canonical_request, _) =
        canonical_request(request, headers).map_err(|_| VerifyError::SignatureMismatch)?;
    let string_to_sign = string_to_sign(date, &canonical_request);
    canonical::check_signature(
        new_mac(secret.expose_secret().as_bytes()),
        &string_to_sign,
        signature,
    )?;
    Ok(Verified {
        access_key_id: access.to_owned(),
        signed_headers: signed_list.split(';').map(str::to_owned).collect(),
    })
}
