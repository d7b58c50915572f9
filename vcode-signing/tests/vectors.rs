//! Known-answer tests: every vector in `tests/data/signing.json` (computed with the vendors'
//! official signing code) is reproduced step by step. A failure names the first step that differs.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use vcode_signing::{SignableBody, SignableRequest, SigningOutput, huawei, tencent};

#[path = "support/signing_vectors.rs"]
mod signing_vectors;

use signing_vectors::{HuaweiVector, encoded_query};

/// Compares one step; the message names the vector and the step.
fn step(vector: &str, name: &str, expected: &str, actual: &str) {
    assert!(
        expected == actual,
        "vector `{vector}`: first differing step is `{name}`\n  expected: {expected:?}\n  actual:   {actual:?}"
    );
}

fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

fn path_and_query(v: &HuaweiVector) -> String {
    if v.query.is_empty() {
        v.path.clone()
    } else {
        format!("{}?{}", v.path, encoded_query(&v.query))
    }
}

/// `20260102T030405Z` → `SystemTime`, computed independently of the crate's own formatter.
fn sdk_date_to_time(date: &str) -> SystemTime {
    let num = |r: std::ops::Range<usize>| date[r].parse::<i64>().expect("digits");
    let (y, m, d) = (num(0..4), num(4..6), num(6..8));
    let (hh, mm, ss) = (num(9..11), num(11..13), num(13..15));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).expect("after 1970"))
}

fn check_huawei(v: &HuaweiVector, out: &SigningOutput) {
    step(
        &v.name,
        "canonical_request",
        &v.canonical_request,
        out.canonical_request(),
    );
    step(
        &v.name,
        "canonical_request_sha256",
        &v.canonical_request_sha256,
        &sha256_hex(out.canonical_request()),
    );
    step(
        &v.name,
        "string_to_sign",
        &v.string_to_sign,
        out.string_to_sign(),
    );
    step(&v.name, "signature", &v.signature, out.signature());
    step(
        &v.name,
        "signed_headers",
        &v.signed_headers,
        out.signed_headers(),
    );
    step(
        &v.name,
        "authorization",
        &v.authorization,
        out.authorization(),
    );
}

#[test]
fn huawei_vectors_reproduce_every_step() {
    for v in signing_vectors::load().huawei {
        let path_and_query = path_and_query(&v);
        let mut request = SignableRequest::new(
            &v.method,
            &path_and_query,
            SignableBody::Bytes(v.body.as_bytes()),
        )
        .headers(
            v.headers_in
                .iter()
                .map(|(k, val)| (k.as_str(), val.as_str())),
        );
        if let Some(host) = &v.host {
            request = request.header("Host", host);
        }
        // The security token in these vectors is one of the caller's headers, so the signer
        // signs it as given rather than adding its own.
        let signer = huawei::Signer::new(&v.ak, &v.sk);
        let out = signer
            .sign(&request, sdk_date_to_time(&v.x_sdk_date))
            .unwrap_or_else(|e| panic!("vector `{}`: signing failed: {e}", v.name));
        check_huawei(&v, &out);

        let mut sent: BTreeMap<String, String> = v.headers_in.clone();
        if let Some(host) = &v.host {
            sent.insert("Host".into(), host.clone());
        }
        for h in out.headers() {
            sent.insert(h.name().to_owned(), h.value().to_owned());
        }
        assert_eq!(sent, v.headers_out, "vector `{}`: headers to send", v.name);
    }
}

#[test]
fn huawei_signer_adds_security_token_itself() {
    // The ticket vector, but with the token held by the signer: the wire result is identical.
    let v = signing_vectors::load()
        .huawei
        .into_iter()
        .find(|v| v.name == "ticket-send-verify-codes-with-token")
        .expect("vector present");
    let token = v.headers_in["X-Security-Token"].clone();
    let host = v.host.clone().expect("host");
    let request = SignableRequest::new(&v.method, &v.path, SignableBody::Bytes(v.body.as_bytes()))
        .headers(
            v.headers_in
                .iter()
                .filter(|(k, _)| *k != "X-Security-Token")
                .map(|(k, val)| (k.as_str(), val.as_str())),
        )
        .header("Host", &host);
    let signer = huawei::Signer::new(&v.ak, &v.sk).with_security_token(token.clone().into());
    let out = signer
        .sign(&request, sdk_date_to_time(&v.x_sdk_date))
        .expect("signs");
    check_huawei(&v, &out);
    let added = out
        .headers()
        .iter()
        .find(|h| h.name() == "X-Security-Token")
        .expect("token header added");
    assert_eq!(added.value(), token);
    assert!(added.is_sensitive());
    assert!(!format!("{out:?}").contains(&token));
    let redacted = out.canonical_request_redacted();
    assert!(!redacted.contains(&token));
    assert!(redacted.contains("\nx-security-token:[REDACTED]\n"));
    assert_eq!(
        redacted.replace("[REDACTED]", &token),
        out.canonical_request(),
        "only the token changes"
    );
}

#[test]
fn tencent_vectors_reproduce_every_step() {
    for v in signing_vectors::load().tencent {
        let request = SignableRequest::new("POST", "/", SignableBody::Bytes(v.body.as_bytes()))
            .header("Content-Type", &v.content_type)
            .header("Host", &v.host);
        let signer = tencent::Signer::new(&v.secret_id, &v.secret_key, &v.service);
        let out = signer
            .sign(&request, UNIX_EPOCH + Duration::from_secs(v.timestamp))
            .unwrap_or_else(|e| panic!("vector `{}`: signing failed: {e}", v.name));
        let payload_hash = out
            .canonical_request()
            .rsplit('\n')
            .next()
            .unwrap_or_default();
        step(&v.name, "payload_sha256", &v.payload_sha256, payload_hash);
        step(
            &v.name,
            "canonical_request",
            &v.canonical_request,
            out.canonical_request(),
        );
        step(
            &v.name,
            "canonical_request_sha256",
            &v.canonical_request_sha256,
            &sha256_hex(out.canonical_request()),
        );
        let scope = out.string_to_sign().split('\n').nth(2).unwrap_or_default();
        step(&v.name, "credential_scope", &v.credential_scope, scope);
        step(
            &v.name,
            "string_to_sign",
            &v.string_to_sign,
            out.string_to_sign(),
        );
        step(&v.name, "signature", &v.signature, out.signature());
        step(
            &v.name,
            "authorization",
            &v.authorization,
            out.authorization(),
        );
        let timestamp = out
            .headers()
            .iter()
            .find(|h| h.name() == "X-TC-Timestamp")
            .expect("timestamp header");
        assert_eq!(timestamp.value(), v.timestamp.to_string());
    }
}

#[test]
fn every_vector_verifies() {
    let all = signing_vectors::load();
    for v in &all.tencent {
        let ts = v.timestamp.to_string();
        let request = SignableRequest::new("POST", "/", SignableBody::Bytes(v.body.as_bytes()))
            .header("Content-Type", &v.content_type)
            .header("Host", &v.host)
            .header("X-TC-Timestamp", &ts)
            .header("Authorization", &v.authorization);
        let now = UNIX_EPOCH + Duration::from_secs(v.timestamp + 10);
        let secret = v.secret_key.clone();
        let verified = tencent::verify(
            &request,
            &v.service,
            |id| (id == v.secret_id).then(|| secret.into()),
            now,
            Duration::from_secs(300),
        )
        .unwrap_or_else(|e| panic!("vector `{}`: {e}", v.name));
        assert_eq!(verified.secret_id, v.secret_id);
    }
    for v in &all.huawei {
        let headers = &v.headers_out;
        let path_and_query = path_and_query(v);
        let request = SignableRequest::new(
            &v.method,
            &path_and_query,
            SignableBody::Bytes(v.body.as_bytes()),
        )
        .headers(headers.iter().map(|(k, val)| (k.as_str(), val.as_str())));
        let sk = v.sk.clone();
        huawei::verify(
            &request,
            |ak| (ak == v.ak).then(|| sk.into()),
            sdk_date_to_time(&v.x_sdk_date),
            Duration::from_secs(900),
        )
        .unwrap_or_else(|e| panic!("vector `{}`: {e}", v.name));
    }
}
