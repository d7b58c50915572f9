//! Tencent Cloud API 3.0 `TC3-HMAC-SHA256` signing and verification.
//!
//! The canonical request signs the method, the path (`/` for every API 3.0 endpoint), the raw
//! query (empty for `POST`), exactly `content-type` and `host` as sent (the `Host` value carries
//! the port when the endpoint uses a non-default one), and the payload hash. The key is derived
//! from the secret key through the UTC date of `X-TC-Timestamp` and the service name, so a
//! signature is only valid for one product and one day.

use std::fmt;
use std::time::{Duration, SystemTime};

use hmac::Mac;
use secrecy::zeroize::{Zeroize, Zeroizing};
use secrecy::{ExposeSecret, SecretString};

use crate::canonical::{
    self, CanonicalHeader, HmacSha256, PayloadHash, SigningText, check_header_value, hmac, new_mac,
};
use crate::output::{AddedHeader, SigningOutput, add_session_headers};
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
/// Like [`crate::huawei::Signer`], it keeps the HMAC state keyed with `"TC3" + secret key`
/// rather than the key itself, wiped on drop; the date and service keys are derived from it
/// per signature.
#[derive(Clone)]
pub struct Signer {
    secret_id: String,
    keyed_mac: HmacSha256,
    token: Option<SecretString>,
    service: String,
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
            keyed_mac: new_mac_with_prefix(secret_key.expose_secret()),
            token: None,
            service: service.into(),
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
        let timestamp = match request.header_value(TIMESTAMP_HEADER) {
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
        let mut headers = [CanonicalHeader::default(); 2];
        for (slot, name) in headers.iter_mut().zip(["content-type", "host"]) {
            let value = request
                .header_value(name)
                .ok_or(SigningError::MissingHeader { name })?;
            check_header_value(name, value)?;
            *slot = CanonicalHeader {
                name,
                value: value.trim(),
            };
        }

        let scope_date = timefmt::scope_date(timestamp)?;
        let date = scope_date.as_str();
        let payload_hash = PayloadHash::of(request, CONTENT_SHA256_HEADER);
        let text = signing_text(
            request,
            &headers,
            &payload_hash,
            timestamp,
            date,
            &self.service,
        );
        let signature = canonical::mac_hex(
            signing_mac(&self.keyed_mac, date, &self.service)
                .chain_update(text.string_to_sign().as_bytes()),
        );
        let authorization = [
            ALGORITHM,
            " Credential=",
            &self.secret_id,
            "/",
            date,
            "/",
            &self.service,
            "/",
            TERMINATOR,
            ", SignedHeaders=",
            SIGNED_HEADERS,
            ", Signature=",
            signature.as_str(),
        ]
        .concat();
        added.push(AddedHeader::new("Authorization", authorization));
        Ok(SigningOutput {
            headers: added,
            text,
        })
    }
}

/// The MAC keyed with the derived signing key for `date` and `service`, from the MAC keyed
/// with `"TC3" + secret_key`.
fn signing_mac(keyed_mac: &HmacSha256, date: &str, service: &str) -> HmacSha256 {
    // The derived keys sign for a whole day: wiped when they go out of scope.
    let k_date = Zeroizing::new(<[u8; 32]>::from(
        keyed_mac
            .clone()
            .chain_update(date.as_bytes())
            .finalize()
            .into_bytes(),
    ));
    let k_service = Zeroizing::new(hmac(&*k_date, service.as_bytes()));
    let k_signing = Zeroizing::new(hmac(&*k_service, TERMINATOR.as_bytes()));
    new_mac(&*k_signing)
}

/// HMAC keyed with `"TC3" + secret_key`, built without a heap copy of the secret.
fn new_mac_with_prefix(secret_key: &str) -> HmacSha256 {
    const PREFIX: &[u8] = b"TC3";
    let mut key = [0u8; 128];
    let len = PREFIX.len() + secret_key.len();
    if len <= key.len() {
        key[..PREFIX.len()].copy_from_slice(PREFIX);
        key[PREFIX.len()..len].copy_from_slice(secret_key.as_bytes());
        let mac = new_mac(&key[..len]);
        // `zeroize`, not `fill`: a plain write to a buffer about to die may be optimized out.
        key.zeroize();
        mac
    } else {
        // Zeroized on drop.
        let long = secrecy::SecretSlice::from([PREFIX, secret_key.as_bytes()].concat());
        new_mac(long.expose_secret())
    }
}

/// The canonical request, then the string to sign.
fn signing_text(
    request: &SignableRequest<'_>,
    headers: &[CanonicalHeader<'_>],
    payload_hash: &PayloadHash,
    timestamp: i64,
    date: &str,
    service: &str,
) -> SigningText {
    let request_line = |out: &mut String| {
        canonical::push_upper(out, request.method);
        out.push('\n');
        out.push_str(if request.path.is_empty() {
            "/"
        } else {
            request.path
        });
        out.push('\n');
        out.push_str(request.query);
        out.push('\n');
    };
    let mut digits = [0u8; 20];
    SigningText::build(
        request,
        request_line,
        headers,
        payload_hash,
        &[
            ALGORITHM,
            "\n",
            decimal(timestamp, &mut digits),
            "\n",
            date,
            "/",
            service,
            "/",
            TERMINATOR,
            "\n",
        ],
    )
}

/// Formats a (non-negative) timestamp into `buf` without allocating.
fn decimal(mut n: i64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10).unsigned_abs() as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
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
    let mut headers = canonical::listed_headers(request, signed_list)?;
    let timestamp: i64 = request
        .header_value(TIMESTAMP_HEADER)
        .ok_or(VerifyError::MissingTimestamp)?
        .trim()
        .parse()
        .map_err(|_| VerifyError::MalformedTimestamp)?;
    let expected_date =
        timefmt::scope_date(timestamp).map_err(|_| VerifyError::MalformedTimestamp)?;
    let date = expected_date.as_str();
    let secret =
        lookup(secret_id).ok_or_else(|| VerifyError::UnknownAccessKey(secret_id.to_owned()))?;
    timefmt::check_skew(timestamp, now, max_skew)?;
    if scope_date != date || scope_service != service {
        return Err(VerifyError::CredentialScopeMismatch);
    }

    let payload_hash = PayloadHash::of(request, CONTENT_SHA256_HEADER);
    let text = signing_text(
        request,
        headers.as_mut_slice(),
        &payload_hash,
        timestamp,
        date,
        service,
    );
    let mac = signing_mac(&new_mac_with_prefix(secret.expose_secret()), date, service);
    canonical::check_signature(mac, &text, signature)?;
    Ok(Verified {
        secret_id: secret_id.to_owned(),
        timestamp,
    })
}
