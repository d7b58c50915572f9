//! The steps both schemes share: hashing, HMAC, the canonical URI and query, the canonical
//! headers block, the payload hash, and reading a received `Authorization` header.

use std::borrow::Cow;

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};
use sha2::{Digest, Sha256};

use crate::request::{SignableBody, SignableRequest};
use crate::{SigningError, UNSIGNED_PAYLOAD, VerifyError};

pub(crate) type HmacSha256 = Hmac<Sha256>;

// The signers keep HMAC state keyed with the secret key, which must be wiped on drop like the
// key itself. That takes the `zeroize` features of `sha2` and `hmac`: without them this stops
// compiling instead of silently leaving key material in freed memory.
const _: fn() = || {
    fn wiped_on_drop<T: sha2::digest::zeroize::ZeroizeOnDrop>() {}
    wiped_on_drop::<sha2::block_api::Sha256VarCore>();
};

/// RFC 3986 unreserved characters stay; everything else becomes `%XX` (upper-case hex).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Appends lower-case hex SHA-256 to `out`: the `HexEncode(Hash(...))` of both vendors'
/// documents.
pub(crate) fn push_sha256_hex(out: &mut String, bytes: &[u8]) {
    push_hex(out, &Sha256::digest(bytes).into());
}

/// Appends `HexEncode` of a 32-byte digest or MAC to `out`: 64 lower-case hex digits.
fn push_hex(out: &mut String, bytes: &[u8; 32]) {
    // Neither step can fail: the buffer is exactly twice the input's length, and hex digits
    // are ASCII. Together they cost a fifth of `hex::encode`'s character-by-character string.
    let mut digits = [0u8; 64];
    hex::encode_to_slice(bytes, &mut digits).expect("64 digits for 32 bytes");
    out.push_str(std::str::from_utf8(&digits).expect("hex digits are ASCII"));
}

/// An HMAC-SHA256 keyed with `key` (any length).
pub(crate) fn new_mac(key: &[u8]) -> HmacSha256 {
    <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// `HMAC-SHA256(key, data)`.
pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    new_mac(key)
        .chain_update(data)
        .finalize()
        .into_bytes()
        .into()
}

/// The hex signature: `HexEncode(HMAC(keyed mac, string to sign))`.
pub(crate) fn signature(mut mac: HmacSha256, string_to_sign: &str) -> String {
    mac.update(string_to_sign.as_bytes());
    let mut hex = String::with_capacity(64);
    push_hex(&mut hex, &mac.finalize().into_bytes().into());
    hex
}

/// Percent-encodes with the unreserved set.
fn encode(bytes: &[u8]) -> String {
    percent_encode(bytes, UNRESERVED).collect()
}

/// Huawei's canonical URI: the path decoded, each `/`-separated segment encoded again, always
/// ending in `/`. (Encoding the decoded path with `/` kept is the same as encoding each segment
/// and joining them with `/`.)
pub(crate) fn canonical_uri(path: &str) -> String {
    const SEGMENT: &AsciiSet = &UNRESERVED.remove(b'/');
    let mut uri = String::with_capacity(path.len() + 1);
    // A path of unreserved characters and `/` (every vendor path) decodes and re-encodes to
    // itself.
    if path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~/".contains(&b))
    {
        uri.push_str(path);
    } else {
        let decoded: Cow<'_, [u8]> = percent_decode(path.as_bytes()).into();
        uri.extend(percent_encode(&decoded, SEGMENT));
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Huawei's canonical query: each `key=value` pair decoded (`+` is a space), sorted by key
/// then value, encoded again and joined by `&`.
pub(crate) fn canonical_query(query: &str) -> String {
    let decode =
        |raw: &str| -> Vec<u8> { percent_decode(raw.replace('+', " ").as_bytes()).collect() };
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A header to sign: its lower-case name and its value without surrounding blanks.
pub(crate) struct CanonicalHeader<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) value: &'a str,
}

impl<'a> CanonicalHeader<'a> {
    /// The header as it is signed; a value with control characters would change the canonical
    /// request's lines (header injection) and is refused.
    pub(crate) fn new(name: &'a str, value: &'a str) -> Result<Self, SigningError> {
        // Bytes, not chars: a control character is ASCII, and no byte of a multi-byte UTF-8
        // character is.
        if value.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return Err(SigningError::InvalidHeaderValue {
                name: name.to_owned(),
            });
        }
        // Header maps already hold lower-case names: borrow those.
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        Ok(Self {
            name,
            value: value.trim(),
        })
    }
}

/// The canonical request both schemes hash, one part per line: the method, the URI and the
/// query (each already in the scheme's canonical form), the canonical headers (`name:value\n`
/// per header, sorted by name), the signed headers (the names joined by `;`) and the payload
/// hash. Returns it with its signed headers list. A header name given twice cannot be signed.
pub(crate) fn canonical_request(
    request: &SignableRequest<'_>,
    uri: &str,
    query: &str,
    mut headers: Vec<CanonicalHeader<'_>>,
    opt_out_header: &str,
) -> Result<(String, String), SigningError> {
    headers.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    if let Some(pair) = headers.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(SigningError::DuplicateHeader {
            name: pair[0].name.clone().into_owned(),
        });
    }
    let mut signed_headers = String::with_capacity(64);
    for (i, header) in headers.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(&header.name);
    }
    // The lines below, with room for the method, the newlines and the 64-digit payload hash.
    let header_lines: usize = headers
        .iter()
        .map(|h| h.name.len() + h.value.len() + 2)
        .sum();
    let mut canonical =
        String::with_capacity(uri.len() + query.len() + header_lines + signed_headers.len() + 80);
    // HTTPRequestMethod
    canonical.push_str(request.method);
    canonical.make_ascii_uppercase();
    // CanonicalURI, CanonicalQueryString
    for part in [uri, query] {
        canonical.push('\n');
        canonical.push_str(part);
    }
    canonical.push('\n');
    // CanonicalHeaders
    for header in &headers {
        canonical.push_str(&header.name);
        canonical.push(':');
        canonical.push_str(header.value);
        canonical.push('\n');
    }
    // SignedHeaders
    canonical.push('\n');
    canonical.push_str(&signed_headers);
    canonical.push('\n');
    // HexEncode(Hash(RequestPayload))
    push_payload_hash(&mut canonical, request, opt_out_header);
    Ok((canonical, signed_headers))
}

/// Appends the payload hash: the body's hex SHA-256, or `UNSIGNED-PAYLOAD` when the request
/// opts out (an unsigned body, or `opt_out_header: UNSIGNED-PAYLOAD`).
fn push_payload_hash(out: &mut String, request: &SignableRequest<'_>, opt_out_header: &str) {
    let opted_out = request
        .header_value(opt_out_header)
        .is_some_and(|v| v.trim() == UNSIGNED_PAYLOAD);
    match request.body {
        SignableBody::Bytes(body) if !opted_out => push_sha256_hex(out, body),
        _ => out.push_str(UNSIGNED_PAYLOAD),
    }
}

/// Parses a received `Authorization: Algorithm Key=Value, Key=Value, ...` and returns the
/// values of the three `fields`, each required and non-empty.
pub(crate) fn parse_authorization<'a>(
    request: &SignableRequest<'a>,
    algorithm: &str,
    fields: [&'static str; 3],
) -> Result<[&'a str; 3], VerifyError> {
    let header = request
        .header_value("authorization")
        .ok_or(VerifyError::MissingAuthorization)?;
    let malformed = VerifyError::MalformedAuthorization;
    let rest = header
        .strip_prefix(algorithm)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or(malformed("unsupported algorithm"))?;
    let mut found: [Option<&str>; 3] = [None; 3];
    for field in rest.split(',') {
        let (key, value) = field
            .trim()
            .split_once('=')
            .ok_or(malformed("a field has no `=`"))?;
        if let Some(i) = fields.iter().position(|f| *f == key) {
            found[i] = Some(value);
        }
    }
    let [Some(a), Some(b), Some(c)] = found else {
        return Err(malformed("a required field is missing"));
    };
    if a.is_empty() || b.is_empty() || c.is_empty() {
        return Err(malformed("a required field is empty"));
    }
    Ok([a, b, c])
}

/// Fails unless `name` is among the `;`-joined signed header names.
pub(crate) fn require_signed(signed_list: &str, name: &'static str) -> Result<(), VerifyError> {
    if signed_list.split(';').any(|signed| signed == name) {
        Ok(())
    } else {
        Err(VerifyError::RequiredHeaderNotSigned(name))
    }
}

/// The request's value of each header the signature lists, in the listed order.
pub(crate) fn listed_headers<'a>(
    request: &SignableRequest<'a>,
    signed_list: &'a str,
) -> Result<Vec<CanonicalHeader<'a>>, VerifyError> {
    signed_list
        .split(';')
        .map(|name| {
            let value = request
                .header_value(name)
                .ok_or_else(|| VerifyError::MissingSignedHeader(name.to_owned()))?;
            CanonicalHeader::new(name, value).map_err(|_| VerifyError::SignatureMismatch)
        })
        .collect()
}

/// Compares the hex `signature` a request carries with the MAC of its string to sign, in
/// constant time.
pub(crate) fn check_signature(
    mac: HmacSha256,
    string_to_sign: &str,
    signature: &str,
) -> Result<(), VerifyError> {
    let mut provided = [0u8; 32];
    if hex::decode_to_slice(signature, &mut provided).is_err()
        || mac
            .chain_update(string_to_sign.as_bytes())
            .verify_slice(&provided)
            .is_err()
    {
        return Err(VerifyError::SignatureMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn header_values_are_rejected_exactly_when_they_hold_control_characters(
            value in "[\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,40}"
        ) {
            let has_control = value.chars().any(|c| (c < ' ' && c != '\t') || c == '\x7f');
            prop_assert_eq!(CanonicalHeader::new("x-test", &value).is_err(), has_control);
        }

        #[test]
        fn canonical_uri_is_the_decoded_path_encoded_with_a_final_slash(
            path in "[a-zA-Z0-9/%~._ \\-é+]{0,30}"
        ) {
            let uri = canonical_uri(&path);
            let decoded: Vec<u8> = percent_decode(path.as_bytes()).collect();
            let mut expected = decoded.clone();
            if expected.last() != Some(&b'/') {
                expected.push(b'/');
            }
            prop_assert_eq!(percent_decode(uri.as_bytes()).collect::<Vec<u8>>(), expected);
            // Only unreserved characters, `/` and upper-case `%XX` escapes.
            let bytes = uri.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if b == b'%' {
                    let escape = &uri[i + 1..i + 3];
                    prop_assert!(escape.bytes().all(|h| h.is_ascii_digit() || h.is_ascii_uppercase()));
                    i += 3;
                } else {
                    prop_assert!(b.is_ascii_alphanumeric() || b"-_.~/".contains(&b), "{uri}");
                    i += 1;
                }
            }
        }
    }

    #[test]
    fn canonical_uri_reencodes_each_segment_and_ends_in_a_slash() {
        assert_eq!(canonical_uri("/v2/a b/%7Ex"), "/v2/a%20b/~x/");
        assert_eq!(canonical_uri("/v2/x/"), "/v2/x/");
        assert_eq!(canonical_uri(""), "/");
    }

    #[test]
    fn canonical_query_sorts_decoded_pairs() {
        assert_eq!(canonical_query("b=2&a=x+y&a=1&c"), "a=1&a=x%20y&b=2&c=");
        assert_eq!(canonical_query(""), "");
    }
}
