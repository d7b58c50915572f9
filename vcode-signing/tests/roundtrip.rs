//! Property tests: whatever a signer signs, its verifier accepts; change any signed part by one
//! character and the verifier rejects it with the reason that part deserves.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use percent_encoding::utf8_percent_encode;
use proptest::prelude::*;
use secrecy::SecretString;
use vcode_signing::{SignableBody, SignableRequest, VerifyError, huawei, tencent};

// Only the encoding of the shared test support is needed here.
#[allow(dead_code)]
#[path = "support/signing_vectors.rs"]
mod signing_vectors;

use signing_vectors::{UNRESERVED, encoded_query};

const AK: &str = "HPUAPROPTESTAK";
const SK: &str = "proptest-secret-key";
const SKEW: Duration = Duration::from_secs(300);

/// A request in logical (decoded) form; `wire()` encodes it as a client would send it.
#[derive(Clone, Debug)]
struct Logical {
    method: String,
    segments: Vec<String>,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

struct Wire {
    path_and_query: String,
    headers: Vec<(String, String)>,
}

impl Logical {
    fn wire(&self) -> Wire {
        let mut path = String::new();
        for segment in &self.segments {
            path.push('/');
            path.extend(utf8_percent_encode(segment, UNRESERVED));
        }
        if path.is_empty() {
            path.push('/');
        }
        if !self.query.is_empty() {
            path.push('?');
            path.push_str(&encoded_query(&self.query));
        }
        Wire {
            path_and_query: path,
            headers: self
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

fn request<'a>(logical: &'a Logical, wire: &'a Wire) -> SignableRequest<'a> {
    SignableRequest::new(
        &logical.method,
        &wire.path_and_query,
        SignableBody::Bytes(&logical.body),
    )
    .headers(wire.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn segment() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 %é一._~+&=?-]{0,8}"
}

fn header_value() -> impl Strategy<Value = String> {
    "[!-~]([ -~]{0,10}[!-~])?"
}

fn logical() -> impl Strategy<Value = Logical> {
    (
        prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "patch"]),
        prop::collection::vec(segment(), 0..4),
        prop::collection::vec(
            (prop::sample::select(vec!["a", "b", "K", "ü x"]), segment()),
            0..5,
        ),
        prop::collection::btree_map("X-[A-Za-z]{1,6}", header_value(), 0..4),
        header_value(),
        header_value(),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(
            |(method, segments, query, extra, content_type, host, body)| {
                let mut headers: BTreeMap<String, String> = extra
                    .into_iter()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v))
                    .collect();
                headers.insert("content-type".into(), content_type);
                headers.insert("host".into(), host);
                Logical {
                    method: method.to_owned(),
                    segments: segments.into_iter().map(|s| s.replace('/', "")).collect(),
                    query: query.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                    headers,
                    body,
                }
            },
        )
}

/// Changes one character of `s` (or appends one when empty) so the result always differs.
fn mutate(s: &mut String, index: usize, replacement: char) {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        s.push(replacement);
        return;
    }
    let i = index % chars.len();
    let new = if chars[i] == replacement {
        if replacement == 'a' { 'b' } else { 'a' }
    } else {
        replacement
    };
    *s = chars
        .iter()
        .enumerate()
        .map(|(j, c)| if j == i { new } else { *c })
        .collect();
}

#[derive(Clone, Copy, Debug)]
enum Part {
    Body,
    Path,
    Query,
    Header,
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        Just(Part::Body),
        Just(Part::Path),
        Just(Part::Query),
        Just(Part::Header)
    ]
}

/// Applies one mutation to the logical request.
fn apply(logical: &mut Logical, part: Part, index: usize, c: char) {
    match part {
        Part::Body => {
            if logical.body.is_empty() {
                logical.body.push(c as u8);
            } else {
                let i = index % logical.body.len();
                logical.body[i] ^= 0x01;
            }
        }
        Part::Path => {
            if logical.segments.is_empty() {
                logical.segments.push(String::new());
            }
            let i = index % logical.segments.len();
            mutate(&mut logical.segments[i], index / 7, c);
        }
        Part::Query => {
            if logical.query.is_empty() {
                logical.query.push(("a".into(), String::new()));
            }
            let i = index % logical.query.len();
            mutate(&mut logical.query[i].1, index / 7, c);
        }
        Part::Header => {
            let keys: Vec<String> = logical.headers.keys().cloned().collect();
            let key = &keys[index % keys.len()];
            let value = logical.headers.get_mut(key).expect("key exists");
            mutate(value, index / 7, c);
        }
    }
}

fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_336_200)
}

fn huawei_lookup(ak: &str) -> Option<SecretString> {
    (ak == AK).then(|| SK.into())
}

fn tencent_lookup(id: &str) -> Option<SecretString> {
    (id == AK).then(|| SK.into())
}

/// Signs `logical` with Huawei and returns the headers to send (originals plus added).
fn huawei_signed(logical: &Logical, at: SystemTime) -> Vec<(String, String)> {
    let wire = logical.wire();
    let out = huawei::Signer::new(AK, SK)
        .sign(&request(logical, &wire), at)
        .expect("signs");
    out.headers()
        .iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect()
}

fn huawei_verify(
    logical: &Logical,
    added: &[(String, String)],
    now: SystemTime,
) -> Result<huawei::Verified, VerifyError> {
    let wire = logical.wire();
    let req = request(logical, &wire).headers(added.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    huawei::verify(&req, huawei_lookup, now, SKEW)
}

fn tencent_signed(logical: &Logical, at: SystemTime) -> Vec<(String, String)> {
    let wire = logical.wire();
    let out = tencent::Signer::new(AK, SK, "intlpartnersmgt")
        .sign(&request(logical, &wire), at)
        .expect("signs");
    out.headers()
        .iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect()
}

fn tencent_verify(
    logical: &Logical,
    added: &[(String, String)],
    now: SystemTime,
) -> Result<tencent::Verified, VerifyError> {
    let wire = logical.wire();
    let req = request(logical, &wire).headers(added.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    tencent::verify(&req, "intlpartnersmgt", tencent_lookup, now, SKEW)
}

fn replace(headers: &mut [(String, String)], name: &str, value: String) {
    for (k, v) in headers.iter_mut() {
        if k == name {
            *v = value.clone();
        }
    }
}

fn value_of(headers: &[(String, String)], name: &str) -> String {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .expect("header present")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn huawei_sign_then_verify(logical in logical(), drift in -300i64..=300) {
        let added = huawei_signed(&logical, t0());
        let now = if drift >= 0 { t0() + Duration::from_secs(drift as u64) } else { t0() - Duration::from_secs(drift.unsigned_abs()) };
        let verified = huawei_verify(&logical, &added, now);
        prop_assert!(verified.is_ok(), "{:?}", verified);
    }

    #[test]
    fn huawei_any_changed_part_is_a_mismatch(logical in logical(), part in part(), index in 0usize..1000, c in "[a-z %é]") {
        let added = huawei_signed(&logical, t0());
        let mut changed = logical.clone();
        apply(&mut changed, part, index, c.chars().next().expect("one char"));
        prop_assert_eq!(huawei_verify(&changed, &added, t0()), Err(VerifyError::SignatureMismatch));
    }

    #[test]
    fn huawei_changed_timestamp_is_a_mismatch(logical in logical(), delta in 1u64..=SKEW.as_secs()) {
        let mut added = huawei_signed(&logical, t0());
        let other = value_of(&huawei_signed(&logical, t0() + Duration::from_secs(delta)), "X-Sdk-Date");
        replace(&mut added, "X-Sdk-Date", other);
        prop_assert_eq!(huawei_verify(&logical, &added, t0()), Err(VerifyError::SignatureMismatch));
    }

    #[test]
    fn tencent_sign_then_verify(logical in logical(), drift in -300i64..=300) {
        let added = tencent_signed(&logical, t0());
        let now = if drift >= 0 { t0() + Duration::from_secs(drift as u64) } else { t0() - Duration::from_secs(drift.unsigned_abs()) };
        let verified = tencent_verify(&logical, &added, now);
        prop_assert!(verified.is_ok(), "{:?}", verified);
    }

    #[test]
    fn tencent_any_changed_part_is_a_mismatch(logical in logical(), part in part(), index in 0usize..1000, c in "[a-z %é]") {
        let added = tencent_signed(&logical, t0());
        let mut changed = logical.clone();
        // TC3 signs only content-type and host among the headers.
        if let Part::Header = part {
            let key = if index % 2 == 0 { "content-type" } else { "host" };
            let value = changed.headers.get_mut(key).expect("present");
            mutate(value, index / 7, c.chars().next().expect("one char"));
        } else {
            apply(&mut changed, part, index, c.chars().next().expect("one char"));
        }
        prop_assert_eq!(tencent_verify(&changed, &added, t0()), Err(VerifyError::SignatureMismatch));
    }

    #[test]
    fn tencent_changed_timestamp_is_a_mismatch(logical in logical(), delta in 1u64..=60) {
        // Stay inside one UTC day so the scope date still matches and only the signature can fail.
        let base = UNIX_EPOCH + Duration::from_secs(1_795_300_000);
        let mut added = tencent_signed(&logical, base);
        replace(&mut added, "X-TC-Timestamp", (1_795_300_000 + delta).to_string());
        prop_assert_eq!(tencent_verify(&logical, &added, base), Err(VerifyError::SignatureMismatch));
    }

    #[test]
    fn skew_outside_the_window_is_rejected_both_ways(logical in logical(), extra in 1u64..100_000) {
        let past = t0() - SKEW - Duration::from_secs(extra);
        let future = t0() + SKEW + Duration::from_secs(extra);
        let age = SKEW.as_secs() + extra;
        let added = huawei_signed(&logical, past);
        prop_assert_eq!(huawei_verify(&logical, &added, t0()), Err(VerifyError::TimestampExpired { age_secs: age }));
        let added = huawei_signed(&logical, future);
        prop_assert_eq!(huawei_verify(&logical, &added, t0()), Err(VerifyError::TimestampInFuture { ahead_secs: age }));
        let added = tencent_signed(&logical, past);
        prop_assert_eq!(tencent_verify(&logical, &added, t0()), Err(VerifyError::TimestampExpired { age_secs: age }));
        let added = tencent_signed(&logical, future);
        prop_assert_eq!(tencent_verify(&logical, &added, t0()), Err(VerifyError::TimestampInFuture { ahead_secs: age }));
    }
}

fn sample() -> Logical {
    Logical {
        method: "POST".into(),
        segments: vec!["v2".into(), "send".into()],
        query: vec![],
        headers: BTreeMap::from([
            ("content-type".into(), "application/json".into()),
            ("host".into(), "example.com".into()),
        ]),
        body: b"{}".to_vec(),
    }
}

#[test]
fn verifier_reasons_for_malformed_requests() {
    let logical = sample();
    let added = huawei_signed(&logical, t0());
    let without = |name: &str| -> Vec<(String, String)> {
        added.iter().filter(|(k, _)| k != name).cloned().collect()
    };
    assert_eq!(
        huawei_verify(&logical, &without("Authorization"), t0()),
        Err(VerifyError::MissingAuthorization)
    );
    let mut wrong_algo = added.clone();
    let auth = value_of(&added, "Authorization").replace("SDK-HMAC-SHA256", "SDK-HMAC-SM3");
    replace(&mut wrong_algo, "Authorization", auth);
    assert!(matches!(
        huawei_verify(&logical, &wrong_algo, t0()),
        Err(VerifyError::MalformedAuthorization(_))
    ));
    let mut unknown = added.clone();
    let auth = value_of(&added, "Authorization").replace(AK, "SOMEONE-ELSE");
    replace(&mut unknown, "Authorization", auth);
    assert_eq!(
        huawei_verify(&logical, &unknown, t0()),
        Err(VerifyError::UnknownAccessKey("SOMEONE-ELSE".into()))
    );
    let mut no_date = added.clone();
    let auth = value_of(&added, "Authorization").replace("x-sdk-date", "x-other");
    replace(&mut no_date, "Authorization", auth);
    assert_eq!(
        huawei_verify(&logical, &no_date, t0()),
        Err(VerifyError::RequiredHeaderNotSigned("x-sdk-date"))
    );
    let mut dropped = logical.clone();
    dropped.headers.remove("host");
    assert_eq!(
        huawei_verify(&dropped, &added, t0()),
        Err(VerifyError::MissingSignedHeader("host".into()))
    );
    let mut garbled = added.clone();
    replace(&mut garbled, "X-Sdk-Date", "2026-11-22T08:30:00Z".into());
    assert_eq!(
        huawei_verify(&logical, &garbled, t0()),
        Err(VerifyError::MalformedTimestamp)
    );
}

#[test]
fn tencent_scope_must_match_service_and_date() {
    let logical = sample();
    let added = tencent_signed(&logical, t0());
    let wire = logical.wire();
    let req = request(&logical, &wire).headers(added.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(
        tencent::verify(&req, "cvm", tencent_lookup, t0(), SKEW),
        Err(VerifyError::CredentialScopeMismatch)
    );
    // Signed a second before midnight UTC, timestamp moved past it: the scope date no longer fits.
    let before_midnight = UNIX_EPOCH + Duration::from_secs(1_795_391_999);
    let mut added = tencent_signed(&logical, before_midnight);
    replace(&mut added, "X-TC-Timestamp", "1795392000".into());
    assert_eq!(
        tencent_verify(&logical, &added, before_midnight),
        Err(VerifyError::CredentialScopeMismatch)
    );
}

#[test]
fn huawei_unsigned_payload_ignores_the_body() {
    let logical = sample();
    let wire = logical.wire();
    let req = SignableRequest::new("POST", &wire.path_and_query, SignableBody::Unsigned)
        .headers(wire.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let out = huawei::Signer::new(AK, SK).sign(&req, t0()).expect("signs");
    assert!(out.canonical_request().ends_with("\nUNSIGNED-PAYLOAD"));
    let added: Vec<(String, String)> = out
        .headers()
        .iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect();
    assert!(
        added
            .iter()
            .any(|(k, v)| k == "X-Sdk-Content-Sha256" && v == "UNSIGNED-PAYLOAD")
    );
    let mut other_body = logical.clone();
    other_body.body = b"anything".to_vec();
    assert!(huawei_verify(&other_body, &added, t0()).is_ok());
}

#[test]
fn signer_debug_never_shows_secrets() {
    let canary = "CANARY-SECRET-0123";
    let token = "CANARY-TOKEN-4567";
    let h = huawei::Signer::new(AK, canary).with_security_token(token.into());
    let t = tencent::Signer::new(AK, canary, "intlpartnersmgt").with_token(token.into());
    for shown in [format!("{h:?}"), format!("{t:?}"), format!("{h:#?}")] {
        assert!(!shown.contains(canary) && !shown.contains(token), "{shown}");
        assert!(shown.contains(AK));
    }
}

#[test]
fn header_injection_is_refused() {
    let req = SignableRequest::new("POST", "/", SignableBody::Bytes(b""))
        .header("Host", "example.com")
        .header("Content-Type", "application/json\nx-evil: 1");
    assert!(matches!(
        huawei::Signer::new(AK, SK).sign(&req, t0()),
        Err(vcode_signing::SigningError::InvalidHeaderValue { .. })
    ));
    assert!(matches!(
        tencent::Signer::new(AK, SK, "s").sign(&req, t0()),
        Err(vcode_signing::SigningError::InvalidHeaderValue { .. })
    ));
}

#[test]
fn more_headers_than_the_stack_holds_still_sign_and_verify() {
    let mut logical = sample();
    for i in 0..24 {
        logical
            .headers
            .insert(format!("x-extra-{i:02}"), format!("value {i}"));
    }
    let added = huawei_signed(&logical, t0());
    let verified = huawei_verify(&logical, &added, t0()).expect("verifies");
    assert_eq!(
        verified.signed_headers.len(),
        27,
        "24 extra + content-type, host, x-sdk-date"
    );
    let mut changed = logical.clone();
    changed
        .headers
        .insert("x-extra-23".into(), "tampered".into());
    assert_eq!(
        huawei_verify(&changed, &added, t0()),
        Err(VerifyError::SignatureMismatch)
    );
}

/// TC3's daily key is derived once per date and kept: a signer that signed other dates before
/// signs exactly as a fresh one.
#[test]
fn tc3_signatures_do_not_depend_on_the_dates_signed_before() {
    use std::time::{Duration, UNIX_EPOCH};
    use vcode_signing::{SignableBody, SignableRequest, tencent};
    let request = SignableRequest::new("POST", "/", SignableBody::Bytes(b"{}"))
        .header("Content-Type", "application/json")
        .header("Host", "intlpartnersmgt.tencentcloudapi.com");
    let used = tencent::Signer::new("AKID", "key", "intlpartnersmgt");
    for day in [0u64, 1, 0, 2, 2, 0] {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_336_200 + day * 86_400);
        let fresh = tencent::Signer::new("AKID", "key", "intlpartnersmgt");
        let (a, b) = (
            used.sign(&request, time).expect("signed"),
            fresh.sign(&request, time).expect("signed"),
        );
        assert_eq!(a.signature(), b.signature(), "day {day}");
        assert!(!a.signature().is_empty());
    }
}

/// The `X-Sdk-Date` text is kept for the second it names: a signer that signed other seconds
/// before signs (date and signature) exactly as a fresh one.
#[test]
fn huawei_signatures_do_not_depend_on_the_seconds_signed_before() {
    use std::time::{Duration, UNIX_EPOCH};
    use vcode_signing::{SignableBody, SignableRequest, huawei};
    let request = SignableRequest::new("POST", "/v2/x", SignableBody::Bytes(b"{}"))
        .header("content-type", "application/json")
        .header("host", "bss-intl.myhuaweicloud.com");
    let used = huawei::Signer::new("AK", "SK");
    for second in [0u64, 1, 0, 59, 60, 60, 86_400, 0] {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_336_200 + second);
        let fresh = huawei::Signer::new("AK", "SK");
        let (a, b) = (
            used.sign(&request, time).expect("signed"),
            fresh.sign(&request, time).expect("signed"),
        );
        assert_eq!(a.headers(), b.headers(), "second {second}");
        assert_eq!(a.signature(), b.signature(), "second {second}");
    }
}
