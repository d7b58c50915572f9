//! Tencent Cloud API 3.0 `TC3-HMAC-SHA256` signing and verification, in the steps of
//! Tencent's "Signature v3" document:
//!
//! 1. canonical request (`canonical_request`): the method, the URI (`/` for every API 3.0
//!    endpoint), the raw query (empty for `POST`), the canonical headers (exactly
//!    `content-type` and `host` as sent; `Host` carries the port when the endpoint uses a
//!    non-default one), the signed headers and the hex SHA-256 of the payload;
//! 2. string to sign (`string_to_sign`): `TC3-HMAC-SHA256`, the `X-TC-Timestamp` value, the
//!    credential scope `date/service/tc3_request` and the hex SHA-256 of the canonical
//!    request;
//! 3. signing key (`signing_key`): `HMAC("TC3" + SecretKey, date)`, then the service, then
//!    `tc3_request`; the date is the UTC day of the timestamp, so a signature is valid for
//!    one product and one day;
//! 4. signature: the hex HMAC-SHA256 of the string to sign under the signing key;
//! 5. `Authorization: TC3-HMAC-SHA256 Credential=SecretId/scope, SignedHeaders=..., Signature=...`.

use std::fmt;
use std::time::{Duration, SystemTime};

use hmac::Mac;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use crate::canonical::{self, CanonicalHeader, HmacSha256, hmac_sha256, new_mac};
use crate::last::LastValue;
use crate::output::{AddedHeader, SigningOutput, Steps, add_session_headers};
use crate::request::SignableRequest;
use crate::{SigningError, VerifyError, timefmt};

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// Header carrying the signing time in unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-TC-Timestamp";
/// Header carrying the session token of temporary credentials.
pub const TOKEN_HEADER: &str = "X-TC-Token";
/// Header whose value `UNSIGNED-PAYLOAD` leaves the body out of the signature.
pub const CONTENT_SHA256_HEADER: &str = "X-TC-Content-SHA256";
/// The headers TC3 signs, in canonical order.
pub const SIGNED_HEADERS: &str = "content-type;host";
const TERMINATOR: &str = "tc3_request";

/// Signs requests with a Tencent Cloud SecretId/SecretKey for one service (product).
///
/// `Debug` shows the secret id and service, never the secret key or the token.
///
/// It holds HMAC-SHA256 state keyed with `"TC3" + secret key`, not the key itself (see the
/// crate docs for why), wiped on drop. The date and service keys (TC3's step 3) change once a
/// day: they are derived on the first signature of a day and kept, as keyed state wiped on
/// drop, until the date changes.
#[derive(Clone)]
pub struct Signer {
    secret_id: String,
    keyed_mac: HmacSha256,
    token: Option<SecretString>,
    service: String,
    /// The last UTC day signed (days since 1970): its date text and its signing key's MAC.
    day: LastValue<i64, (String, HmacSha256)>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("tencent::Signer")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"[REDACTED]")
            .field("token", &self.token.as_ref().map(|_| "[REDACTED]"))
            .field("service", &self.service)
            .finish()
    }
}

impl Signer {
    /// A signer for `service`, the product name that prefixes its endpoint (e.g.
    /// `intlpartnersmgt`).
    pub fn new(
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
        service: impl Into<String>,
    ) -> Self {
        Self::from_secret(secret_id, SecretString::from(secret_key.into()), service)
    }

    /// A signer from an already-protected secret key.
    pub fn from_secret(
        secret_id: impl Into<String>,
        secret_key: SecretString,
        service: impl Into<String>,
    ) -> Self {
        Self {
            secret_id: secret_id.into(),
            keyed_mac: tc3_keyed_mac(&secret_key),
            token: None,
            service: service.into(),
            day: LastValue::default(),
        }
    }

    /// Temporary credentials: the token is sent as `X-TC-Token`.
    #[must_use]
    pub fn with_token(mut self, token: SecretString) -> Self {
        self.token = Some(token);
        self
    }

    /// The secret id.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The service the signatures are scoped to.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Signs `request` as of `time` (reusing `X-TC-Timestamp` when the request has one).
    ///
    /// # Errors
    /// No `Content-Type` or `Host` header, a header value with control characters, a
    /// caller-set timestamp that is not unix seconds, or a time before 1970.
    pub fn sign(
        &self,
        request: &SignableRequest<'_>,
        time: SystemTime,
    ) -> Result<SigningOutput, SigningError> {
        let mut added = Vec::with_capacity(4);
        let timestamp: i64 = match request.header_value(TIMESTAMP_HEADER) {
            Some(given) => given
                .trim()
                .parse()
                .map_err(|_| SigningError::InvalidTime)?,
            None => {
                let now = timefmt::unix_seconds(time)?;
                added.push(AddedHeader::new(TIMESTAMP_HEADER, now.to_string()));
                now
            }
        };
        add_session_headers(
            &mut added,
            request,
            (TOKEN_HEADER, self.token.as_ref()),
            CONTENT_SHA256_HEADER,
        );
        let mut headers = Vec::with_capacity(2);
        for name in ["content-type", "host"] {
            let value = request
                .header_value(name)
                .ok_or(SigningError::MissingHeader { name })?;
            headers.push(CanonicalHeader::new(name, value)?);
        }

        let (date, day_mac) = self.day(timestamp)?;
        let canonical_request = canonical_request(request, headers)?;
        let string_to_sign = string_to_sign(timestamp, &date, &self.service, &canonical_request);
        let signature = canonical::signature(day_mac, &string_to_sign);
        let authorization = [
            ALGORITHM,
            " Credential=",
            &self.secret_id,
            "/",
            &date,
            "/",
            &self.service,
            "/",
            TERMINATOR,
            ", SignedHeaders=",
            SIGNED_HEADERS,
            ", Signature=",
            &signature,
        ]
        .concat();
        Ok(SigningOutput::new(
            added,
            authorization,
            Steps {
                canonical_request,
                signed_headers: SIGNED_HEADERS.to_owned(),
                string_to_sign,
                signature,
            },
        ))
    }
}

/// Step 1: the canonical request. TC3 takes the path (`/` when empty) and the query as sent.
fn canonical_request(
    request: &SignableRequest<'_>,
    headers: Vec<CanonicalHeader<'_>>,
) -> Result<String, SigningError> {
    let uri = if request.path.is_empty() {
        "/"
    } else {
        request.path
    };
    let (canonical_request, _) =
        canonical::canonical_request(request, uri, request.query, headers, CONTENT_SHA256_HEADER)?;
    Ok(canonical_request)
}

/// Step 2: the string to sign.
fn string_to_sign(timestamp: i64, date: &str, service: &str, canonical_request: &str) -> String {
    let timestamp = timestamp.to_string();
    let mut string = String::with_capacity(ALGORITHM.len() + date.len() + service.len() + 110);
    for part in [
        ALGORITHM, "\n", &timestamp, "\n", date, "/", service, "/", TERMINATOR, "\n",
    ] {
        string.push_str(part);
    }
    canonical::push_sha256_hex(&mut string, canonical_request.as_bytes());
    string
}

/// Step 3: the signing key, derived from the MAC keyed with `"TC3" + secret key` through the
/// date and the service. The derived keys sign for a whole day: wiped when dropped.
fn signing_key(keyed_mac: &HmacSha256, date: &str, service: &str) -> Zeroizing<[u8; 32]> {
    let secret_date = Zeroizing::new(<[u8; 32]>::from(
        keyed_mac
            .clone()
            .chain_update(date.as_bytes())
            .finalize()
            .into_bytes(),
    ));
    let secret_service = Zeroizing::new(hmac_sha256(&*secret_date, service.as_bytes()));
    Zeroizing::new(hmac_sha256(&*secret_service, TERMINATOR.as_bytes()))
}

impl Signer {
    /// The UTC date of `timestamp` and the MAC keyed with that date's signing key: both
    /// derived once per day.
    fn day(&self, timestamp: i64) -> Result<(String, HmacSha256), SigningError> {
        const DAY: i64 = 24 * 60 * 60;
        self.day
            .get_or_try_insert_with(&timestamp.div_euclid(DAY), || {
                let date = timefmt::scope_date(timestamp)?;
                let mac = new_mac(&*signing_key(&self.keyed_mac, &date, &self.service));
                Ok((date, mac))
            })
    }
}

/// The MAC keyed with `"TC3" + secret key` (the key buffer is wiped once used).
fn tc3_keyed_mac(secret_key: &SecretString) -> HmacSha256 {
    let key = Zeroizing::new(format!("TC3{}", secret_key.expose_secret()));
    new_mac(key.as_bytes())
}

/// A request whose signature checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The secret id that signed it.
    pub secret_id: String,
    /// The request time (`X-TC-Timestamp`), unix seconds.
    pub timestamp: i64,
}

/// Verifies a received request for `service`.
///
/// `lookup` answers the secret key of a secret id (or `None` when unknown). `X-TC-Timestamp`
/// must lie within `max_skew` of `now` in either direction, and the credential scope must name
/// its UTC date and `service`. `content-type` and `host` must be signed. Signatures are compared
/// in constant time.
///
/// # Errors
/// A [`VerifyError`] naming the first check that failed.
pub fn verify<F>(
    request: &SignableRequest<'_>,
    service: &str,
    lookup: F,
    now: SystemTime,
    max_skew: Duration,
) -> Result<Verified, VerifyError>
where
    F: FnOnce(&str) -> Option<SecretString>,
{
    let [credential, signed_list, signature] = canonical::parse_authorization(
        request,
        ALGORITHM,
        ["Credential", "SignedHeaders", "Signature"],
    )?;
    let mut scope = credential.splitn(4, '/');
    let (Some(secret_id), Some(scope_date), Some(scope_service), Some(terminator)) =
        (scope.next(), scope.next(), scope.next(), scope.next())
    else {
        return Err(VerifyError::MalformedAuthorization(
            "Credential is not id/date/service/tc3_request",
        ));
    };
    if terminator != TERMINATOR {
        return Err(VerifyError::MalformedAuthorization(
            "Credential does not end in tc3_request",
        ));
    }

    for required in ["content-type", "host"] {
        canonical::require_signed(signed_list, required)?;
    }
    let headers = canonical::listed_headers(request, signed_list)?;
    let timestamp: i64 = request
        .header_value(TIMESTAMP_HEADER)
        .ok_or(VerifyError::MissingTimestamp)?
        .trim()
        .parse()
        .map_err(|_| VerifyError::MalformedTimestamp)?;
    let date = timefmt::scope_date(timestamp).map_err(|_| VerifyError::MalformedTimestamp)?;
    let secret =
        lookup(secret_id).ok_or_else(|| VerifyError::UnknownAccessKey(secret_id.to_owned()))?;
    timefmt::check_skew(timestamp, now, max_skew)?;
    if scope_date != date || scope_service != service {
        return Err(VerifyError::CredentialScopeMismatch);
    }

    let canonical_request =
        canonical_request(request, headers).map_err(|_| VerifyError::SignatureMismatch)?;
    let string_to_sign = string_to_sign(timestamp, &date, service, &canonical_request);
    let key = signing_key(&tc3_keyed_mac(&secret), &date, service);
    canonical::check_signature(new_mac(&*key), &string_to_sign, signature)?;
    Ok(Verified {
        secret_id: secret_id.to_owned(),
        timestamp,
    })
}
