//! Building blocks both schemes share: digests, HMAC, percent-encoding and header sorting.
//! Everything writes into caller-owned buffers so a signature costs a handful of allocations.

use std::borrow::Cow;
use std::ops::Range;

use hmac::{Hmac, Mac};
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

/// A lower-case hex SHA-256 digest kept on the stack.
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    pub(crate) fn of(bytes: &[u8]) -> Self {
        Self::from_raw(&Sha256::digest(bytes).into())
    }

    pub(crate) fn from_raw(raw: &[u8; 32]) -> Self {
        // Eight bytes at a time in a register, stored as 16 digits at once. Writing digit by
        // digit and then copying the result costs more than the arithmetic: the copy's wide
        // loads stall on the narrow stores they read.
        let mut out = [0u8; 64];
        for (digits, bytes) in out.chunks_exact_mut(16).zip(raw.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(bytes);
            digits.copy_from_slice(&hex_digits(u64::from_be_bytes(word)).to_be_bytes());
        }
        Self(out)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Hex digits are ASCII, so this never fails; the fallback keeps the code panic-free.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The 16 lower-case hex digits of `bytes`, most significant first, as big-endian bytes.
fn hex_digits(bytes: u64) -> u128 {
    const LOW_NIBBLES: u128 = 0x0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f;
    const ONES: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    // Spread the bytes apart until each of the 16 output bytes holds one nibble.
    let mut x = u128::from(bytes);
    x = (x | (x << 32)) & 0x0000_0000_ffff_ffff_0000_0000_ffff_ffff;
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff_0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff_00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & LOW_NIBBLES;
    // '0' + n, plus the distance from '9' + 1 to 'a' where n >= 10 (n + 6 carries into bit 4).
    let letters = ((x + 6 * ONES) >> 4) & ONES;
    x + u128::from(b'0') * ONES + letters * u128::from(b'a' - b'0' - 10)
}

/// HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = new_mac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub(crate) fn new_mac(key: &[u8]) -> HmacSha256 {
    <HmacSha256 as hmac::KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Checks the hex `signature` a request carries against the MAC of its string to sign, in
/// constant time.
pub(crate) fn check_signature(
    mut mac: HmacSha256,
    text: &SigningText,
    signature: &str,
) -> Result<(), VerifyError> {
    mac.update(text.string_to_sign().as_bytes());
    let mut provided = [0u8; 32];
    if hex::decode_to_slice(signature, &mut provided).is_err()
        || mac.verify_slice(&provided).is_err()
    {
        return Err(VerifyError::SignatureMismatch);
    }
    Ok(())
}

/// Fails unless `name` is among the `;`-joined signed header names.
pub(crate) fn require_signed(signed_list: &str, name: &'static str) -> Result<(), VerifyError> {
    if signed_list.split(';').any(|signed| signed == name) {
        Ok(())
    } else {
        Err(VerifyError::RequiredHeaderNotSigned(name))
    }
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
    // A fold rather than `all`: without the early exit the check compiles to a vector loop.
    let plain = path.bytes().fold(true, |plain, b| {
        plain & (b.is_ascii_alphanumeric() | matches!(b, b'/' | b'-' | b'_' | b'.' | b'~'))
    });
    if plain {
        out.push_str(path);
        // Asked of the path, not of `out`: reading back a byte just copied stalls.
        if !path.ends_with('/') {
            out.push('/');
        }
        return;
    }
    write_reencoded_uri(out, path);
}

/// The general canonical URI: every segment decoded and re-encoded.
fn write_reencoded_uri(out: &mut String, path: &str) {
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

    pub(crate) fn push(&mut self, name: &'a str, value: &'a str) {
        let header = CanonicalHeader { name, value };
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

/// Appends `method` in upper case without an intermediate allocation.
pub(crate) fn push_upper(out: &mut String, method: &str) {
    let start = out.len();
    out.push_str(method);
    // Methods usually arrive upper-case; checking the source avoids rereading what was copied.
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        out[start..].make_ascii_uppercase();
    }
}

/// Lower-case hex of a finished MAC (the signature).
pub(crate) fn mac_hex(mac: HmacSha256) -> HexDigest {
    HexDigest::from_raw(&mac.finalize().into_bytes().into())
}

/// Rejects values that would change the canonical form's line structure (header injection).
pub(crate) fn check_header_value(name: &str, value: &str) -> Result<(), SigningError> {
    // A fold over every byte rather than `any`: without the early exit it compiles to a
    // vector loop, and valid values (the usual case) are read to the end anyway.
    let has_control = value.bytes().fold(false, |found, b| {
        found | ((b < 0x20) & (b != b'\t')) | (b == 0x7f)
    });
    if has_control {
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

/// Writes `name:value\n` for each header, a blank line, then the `;`-joined names, and
/// returns where those names lie in `out`.
fn write_headers(out: &mut String, headers: &[CanonicalHeader<'_>]) -> Range<usize> {
    let block_start = out.len();
    for header in headers {
        out.push_str(header.name);
        out.push(':');
        out.push_str(header.value);
        out.push('\n');
    }
    out.push('\n');
    let list_start = out.len();
    for (i, header) in headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(header.name);
    }
    // Names are lower-cased once all is written: rereading each name right after copying it
    // stalls on the copy's stores.
    let mut line_start = block_start;
    for header in headers {
        out[line_start..line_start + header.name.len()].make_ascii_lowercase();
        line_start += header.name.len() + header.value.len() + 2;
    }
    out[list_start..].make_ascii_lowercase();
    list_start..out.len()
}

/// The canonical request immediately followed by its string to sign, in one allocation.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct SigningText {
    text: String,
    canonical_len: usize,
    signed_headers: Range<usize>,
}

impl SigningText {
    /// Builds both texts. `request_line` writes the scheme's method, path and query lines
    /// (each ending in `\n`); the headers block and payload hash follow. The string to sign is
    /// `string_to_sign_head` followed by the hex SHA-256 of the canonical request.
    pub(crate) fn build(
        request: &SignableRequest<'_>,
        request_line: impl FnOnce(&mut String),
        headers: &[CanonicalHeader<'_>],
        payload_hash: &PayloadHash,
        string_to_sign_head: &[&str],
    ) -> Self {
        let mut text = String::with_capacity(text_capacity(request, headers));
        request_line(&mut text);
        let signed_headers = write_headers(&mut text, headers);
        text.push('\n');
        text.push_str(payload_hash.as_str());
        let canonical_len = text.len();
        let digest = HexDigest::of(text.as_bytes());
        for part in string_to_sign_head {
            text.push_str(part);
        }
        text.push_str(digest.as_str());
        Self {
            text,
            canonical_len,
            signed_headers,
        }
    }

    pub(crate) fn canonical_request(&self) -> &str {
        self.text.get(..self.canonical_len).unwrap_or_default()
    }

    pub(crate) fn string_to_sign(&self) -> &str {
        self.text.get(self.canonical_len..).unwrap_or_default()
    }

    /// The `;`-joined lower-case names of the signed headers.
    pub(crate) fn signed_headers(&self) -> &str {
        self.text
            .get(self.signed_headers.clone())
            .unwrap_or_default()
    }
}

/// Room for the canonical request and string to sign of `request`, so neither reallocates.
fn text_capacity(request: &SignableRequest<'_>, headers: &[CanonicalHeader<'_>]) -> usize {
    let headers_len: usize = headers
        .iter()
        .map(|h| h.name.len() * 2 + h.value.len() + 3)
        .sum();
    request.method.len() + request.path.len() * 3 + request.query.len() * 3 + headers_len + 256
}

/// Parses the request's `Authorization: Algorithm Key=Value, Key=Value, ...` and returns the
/// values of the three `fields`, each required.
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
        headers.push(name, value.trim());
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn hex_digits_match_the_hex_crate(raw in proptest::array::uniform32(any::<u8>())) {
            let digest = HexDigest::from_raw(&raw);
            prop_assert_eq!(digest.as_str(), hex::encode(raw));
        }

        #[test]
        fn plain_paths_skip_reencoding_without_changing_the_result(
            path in "[a-zA-Z0-9/_.~%+ -]{0,24}"
        ) {
            let (mut fast, mut general) = (String::from("x\n"), String::from("x\n"));
            write_canonical_uri(&mut fast, &path);
            write_reencoded_uri(&mut general, &path);
            prop_assert_eq!(fast, general);
        }

        #[test]
        fn methods_are_written_upper_case(method in "[a-zA-Z]{0,10}") {
            let mut out = String::from("x");
            push_upper(&mut out, &method);
            prop_assert_eq!(out, format!("x{}", method.to_ascii_uppercase()));
        }

        #[test]
        fn header_values_are_rejected_exactly_when_they_hold_control_characters(
            value in "[\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,40}"
        ) {
            let has_control = value.chars().any(|c| (c < ' ' && c != '\t') || c == '\x7f');
            prop_assert_eq!(check_header_value("x-test", &value).is_err(), has_control);
        }
    }

    #[test]
    fn hex_digits_of_the_extremes() {
        assert_eq!(HexDigest::from_raw(&[0; 32]).as_str(), "0".repeat(64));
        assert_eq!(HexDigest::from_raw(&[0xff; 32]).as_str(), "f".repeat(64));
        let ramp: [u8; 32] = std::array::from_fn(|i| (i * 8) as u8);
        assert_eq!(HexDigest::from_raw(&ramp).as_str(), hex::encode(ramp));
    }
}
