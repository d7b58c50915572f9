//! Building blocks both schemes share: digests, HMAC, percent-encoding and header sorting.
//! Everything writes into caller-owned buffers so a signature costs a handful of allocations.

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};
use sha2::{Digest, Sha256};

use crate::request::{SignableBody, SignableRequest};
use crate::{SigningError, UNSIGNED_PAYLOAD, VerifyError};

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// RFC 3986 unreserved characters stay; everything else becomes `%XX` (upper-case hex).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A lower-case hex SHA-256 digest kept on the stack.
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    pub(crate) fn of(bytes: &[u8]) -> Self {
        Self::from_raw(&Sha256::digest(bytes).into())
    }

    pub(crate) fn from_raw(raw: &[u8; 32]) -> Self {
        // A two-characters-per-byte table: this runs three times per signature, and the
        // general-purpose encoder of the `hex` crate costs several times as much here.
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (pair, byte) in out.chunks_exact_mut(2).zip(raw) {
            pair[0] = DIGITS[usize::from(byte >> 4)];
            pair[1] = DIGITS[usize::from(byte & 0x0f)];
        }
        Self(out)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Hex digits are ASCII, so this never fails; the fallback keeps the code panic-free.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = new_mac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub(crate) fn new_mac(key: &[u8]) -> HmacSha256 {
    <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Checks a hex signature against a MAC in constant time.
pub(crate) fn signature_matches(mac: HmacSha256, provided_hex: &str) -> bool {
    let mut provided = [0u8; 32];
    if hex::decode_to_slice(provided_hex, &mut provided).is_err() {
        return false;
    }
    mac.verify_slice(&provided).is_ok()
}

/// Percent-encodes `bytes` with the unreserved set, appending to `out`.
pub(crate) fn encode_into(out: &mut String, bytes: &[u8]) {
    for chunk in percent_encode(bytes, UNRESERVED) {
        out.push_str(chunk);
    }
}

/// Huawei canonical URI: decode the path, split on `/`, encode each segment, and end with `/`.
pub(crate) fn write_canonical_uri(out: &mut String, path: &str) {
    // Most API paths are plain ASCII words: decoding and re-encoding leaves them unchanged.
    let plain = path
        .bytes()
        .all(|b| b == b'/' || b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
    if plain {
        out.push_str(path);
        if !out.ends_with('/') {
            out.push('/');
        }
        return;
    }
    let decoded: Cow<'_, [u8]> = percent_decode(path.as_bytes()).into();
    for (i, segment) in decoded.split(|b| *b == b'/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(out, segment);
    }
    if !out.ends_with('/') {
        out.push('/');
    }
}

/// Decodes one `application/x-www-form-urlencoded` component (`+` is a space).
fn decode_component(raw: &str) -> Cow<'_, [u8]> {
    if raw.contains('+') {
        let spaced: Vec<u8> = raw
            .bytes()
            .map(|b| if b == b'+' { b' ' } else { b })
            .collect();
        Cow::Owned(percent_decode(&spaced).collect())
    } else {
        percent_decode(raw.as_bytes()).into()
    }
}

/// One decoded `key=value` pair of a query string.
type QueryPair<'a> = (Cow<'a, [u8]>, Cow<'a, [u8]>);

/// Huawei canonical query: pairs sorted by decoded key then value, each re-encoded, `k=v`
/// joined by `&`.
pub(crate) fn write_canonical_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<QueryPair<'_>> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(key), decode_component(value))
        })
        .collect();
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(out, key);
        out.push('=');
        encode_into(out, value);
    }
}

/// A header for the canonical block: the name as given (written lower-case), trimmed value.
#[derive(Clone, Copy, Default)]
pub(crate) struct CanonicalHeader<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: &'a str,
}

/// The headers to canonicalize, on the stack for the usual handful and on the heap beyond.
pub(crate) struct HeaderList<'a> {
    stack: [CanonicalHeader<'a>; 16],
    len: usize,
    heap: Vec<CanonicalHeader<'a>>,
}

impl<'a> HeaderList<'a> {
    pub(crate) fn new() -> Self {
        Self {
            stack: [CanonicalHeader::default(); 16],
            len: 0,
            heap: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, header: CanonicalHeader<'a>) {
        if self.heap.is_empty() && self.len < self.stack.len() {
            self.stack[self.len] = header;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.push(header);
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [CanonicalHeader<'a>] {
        if self.heap.is_empty() {
            &mut self.stack[..self.len]
        } else {
            &mut self.heap
        }
    }
}

/// Compares header names case-insensitively, as their lower-case forms would compare.
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Appends `name` in lower case without an intermediate allocation.
pub(crate) fn push_lower(out: &mut String, name: &str) {
    let start = out.len();
    out.push_str(name);
    out[start..].make_ascii_lowercase();
}

/// Appends `method` in upper case without an intermediate allocation.
pub(crate) fn push_upper(out: &mut String, method: &str) {
    let start = out.len();
    out.push_str(method);
    out[start..].make_ascii_uppercase();
}

/// Lower-case hex of a finished MAC (the signature).
pub(crate) fn mac_hex(mac: HmacSha256) -> HexDigest {
    HexDigest::from_raw(&mac.finalize().into_bytes().into())
}

/// Rejects values that would change the canonical form's line structure (header injection).
pub(crate) fn check_header_value(name: &str, value: &str) -> Result<(), SigningError> {
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(SigningError::InvalidHeaderValue {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Sorts headers by name and rejects duplicates, which the schemes cannot represent.
pub(crate) fn sort_unique(headers: &mut [CanonicalHeader<'_>]) -> Result<(), SigningError> {
    headers.sort_unstable_by(|a, b| cmp_names(a.name, b.name));
    if let Some(pair) = headers
        .windows(2)
        .find(|w| w[0].name.eq_ignore_ascii_case(w[1].name))
    {
        return Err(SigningError::DuplicateHeader {
            name: pair[0].name.to_ascii_lowercase(),
        });
    }
    Ok(())
}

/// Writes `name:value\n` for each header, a blank line, then the `;`-joined names.
pub(crate) fn write_headers(out: &mut String, headers: &[CanonicalHeader<'_>]) {
    for header in headers {
        push_lower(out, header.name);
        out.push(':');
        out.push_str(header.value);
        out.push('\n');
    }
    out.push('\n');
    for (i, header) in headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        push_lower(out, header.name);
    }
}

/// Room for the canonical request and string to sign of `request`, so neither reallocates.
pub(crate) fn text_capacity(
    request: &SignableRequest<'_>,
    headers: &[CanonicalHeader<'_>],
) -> usize {
    let headers_len: usize = headers
        .iter()
        .map(|h| h.name.len() * 2 + h.value.len() + 3)
        .sum();
    request.method.len() + request.path.len() * 3 + request.query.len() * 3 + headers_len + 256
}

/// Parses `Algorithm Key=Value, Key=Value, ...` and returns the values of the three `fields`,
/// each required.
pub(crate) fn parse_authorization<'a>(
    header: &'a str,
    algorithm: &str,
    fields: [&'static str; 3],
) -> Result<[&'a str; 3], VerifyError> {
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

/// The body hash, or the literal `UNSIGNED-PAYLOAD` when the request opts out (unsigned body,
/// or `opt_out_header: UNSIGNED-PAYLOAD`).
pub(crate) enum PayloadHash {
    Digest(HexDigest),
    Unsigned,
}

impl PayloadHash {
    pub(crate) fn of(request: &SignableRequest<'_>, opt_out_header: &str) -> Self {
        let opted_out = request
            .header_value(opt_out_header)
            .is_some_and(|v| v.trim() == UNSIGNED_PAYLOAD);
        match request.body {
            SignableBody::Bytes(body) if !opted_out => Self::Digest(HexDigest::of(body)),
            _ => Self::Unsigned,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Self::Digest(digest) => digest.as_str(),
            Self::Unsigned => UNSIGNED_PAYLOAD,
        }
    }
}

/// Looks up each signed header in the request (trimmed value), in the order listed.
pub(crate) fn listed_headers<'a>(
    request: &SignableRequest<'a>,
    signed_list: &'a str,
) -> Result<HeaderList<'a>, VerifyError> {
    let mut headers = HeaderList::new();
    for name in signed_list.split(';') {
        let value = request
            .header_value(name)
            .ok_or_else(|| VerifyError::MissingSignedHeader(name.to_owned()))?;
        headers.push(CanonicalHeader {
            name,
            value: value.trim(),
        });
    }
    Ok(headers)
}
