//! Huawei Cloud API Gateway `SDK-HMAC-SHA256` (AK/SK) signing and verification.
//!
//! The canonical request is, line by line: the method; the canonical URI (path decoded, each
//! segment re-encoded, always ending in `/`); the canonical query (pairs sorted by key then
//! value); one `name:value` line per signed header, sorted; the `;`-joined signed header names;
//! and the payload hash. Every header given to the signer is signed except names containing `_`
//! (the gateway ignores those) and `Authorization`; `X-Sdk-Date` is added (or reused when the
//! request already has one) and so is `X-Security-Token` for temporary credentials.
//!
//! Give the signer `Host` and `Content-Type` when the request has them: the gateway only checks
//! what `SignedHeaders` lists, so leaving them out weakens the signature.

use std::fmt;
use std::time::{Duration, SystemTime};

use hmac::Mac;
use secrecy::{ExposeSecret, SecretString};

use crate::canonical::{
    self, CanonicalHeader, HeaderList, HmacSha256, PayloadHash, SigningText, check_header_value,
    new_mac, sort_unique,
};
use crate::output::{AddedHeader, SigningOutput, add_session_headers};
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
/// The signer keeps the HMAC state already keyed with the secret key rather than the key
/// itself: each signature starts from a copy of it and skips the key schedule (two SHA-256
/// blocks). That state lets anyone sign like the key, so it is treated like the key: it is
/// wiped on drop (the `zeroize` features of `hmac` and `sha2`), as is every copy.
#[derive(Clone)]
pub struct Signer {
    access_key_id: String,
    keyed_mac: HmacSha256,
    security_token: Option<SecretString>,
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
        // Converted first, used later: std's conversion ends in a load that waits for its own
        // stores, and the header checks below can run meanwhile.
        let now = timefmt::unix_seconds(time);
        // The caller's own X-Sdk-Date is reused; otherwise ours is added (and is the first header).
        let given_date = request.header_value(DATE_HEADER);
        let unix_time = match given_date {
            Some(given) => timefmt::parse_sdk_date(given).ok_or(SigningError::InvalidTime)?,
            None => now?,
        };
        let mut headers = HeaderList::new();
        for &(name, value) in &request.headers {
            if name.contains('_') || name.eq_ignore_ascii_case("authorization") {
                continue;
            }
            check_header_value(name, value)?;
            headers.push(name, value.trim());
        }

        let mut added = Vec::with_capacity(4);
        if given_date.is_none() {
            added.push(AddedHeader::new(DATE_HEADER, timefmt::sdk_date(unix_time)?));
        }
        add_session_headers(
            &mut added,
            request,
            (SECURITY_TOKEN_HEADER, self.security_token.as_ref()),
            CONTENT_SHA256_HEADER,
        );
        for header in &added {
            headers.push(header.name(), header.value());
        }
        let headers = headers.as_mut_slice();
        sort_unique(headers)?;

        let date = match given_date {
            Some(given) => given,
            None => added[0].value(),
        };
        let payload_hash = PayloadHash::of(request, CONTENT_SHA256_HEADER);
        let text = signing_text(request, headers, &payload_hash, date);
        let mut mac = self.keyed_mac.clone();
        mac.update(text.string_to_sign().as_bytes());
        let signature = canonical::mac_hex(mac);
        let authorization = [
            ALGORITHM,
            " Access=",
            &self.access_key_id,
            ", SignedHeaders=",
            text.signed_headers(),
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

/// The canonical request over headers already in signing order, then the string to sign.
fn signing_text(
    request: &SignableRequest<'_>,
    headers: &[CanonicalHeader<'_>],
    payload_hash: &PayloadHash,
    date: &str,
) -> SigningText {
    let request_line = |out: &mut String| {
        canonical::push_upper(out, request.method);
        out.push('\n');
        canonical::write_canonical_uri(out, request.path);
        out.push('\n');
        canonical::write_canonical_query(out, request.query);
        out.push('\n');
    };
    SigningText::build(
        request,
        request_line,
        headers,
        payload_hash,
        &[ALGORITHM, "\n", date, "\n"],
    )
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
    let mut headers = canonical::listed_headers(request, signed_list)?;
    let date = request
        .header_value(DATE_HEADER)
        .ok_or(VerifyError::MissingTimestamp)?
        .trim();
    let request_time = timefmt::parse_sdk_date(date).ok_or(VerifyError::MalformedTimestamp)?;
    let secret = lookup(access).ok_or_else(|| VerifyError::UnknownAccessKey(access.to_owned()))?;
    timefmt::check_skew(request_time, now, max_skew)?;

    let payload_hash = PayloadHash::of(request, CONTENT_SHA256_HEADER);
    let text = signing_text(request, headers.as_mut_slice(), &payload_hash, date);
    canonical::check_signature(new_mac(secret.expose_secret().as_bytes()), &text, signature)?;
    Ok(Verified {
        access_key_id: access.to_owned(),
        signed_headers: signed_list.split(';').map(str::to_owned).collect(),
    })
}
