//! The vendors' documented success shapes, and checks that every decoder answers `Ok` for
//! exactly those: shared by the property tests (`tests/decoders.rs`) and the fuzz targets
//! (`fuzz/`). Every check panics on a mismatch.

use serde_json::{Map, Value};
use vcode_core::service::{Failure, HttpResponse, Operation};

fn response(status: u16, body: &[u8]) -> HttpResponse {
    HttpResponse::new(status, vcode_core::http::HeaderMap::new(), body.to_vec())
}

fn object(body: &[u8]) -> Option<Map<String, Value>> {
    serde_json::from_slice(body).ok()
}

fn is_2xx(status: u16) -> bool {
    (200..300).contains(&status)
}

/// BSS: no body (204, or a 2xx with an empty body or `{}`).
pub fn bss_success(status: u16, body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    is_2xx(status) && (trimmed.is_empty() || object(trimmed).is_some_and(|o| o.is_empty()))
}

/// OSM: a 2xx object whose `error_code` is present and empty or null, with no other code and
/// no field of a type the service never sends.
pub fn osm_success(status: u16, body: &[u8]) -> bool {
    let Some(o) = object(body) else { return false };
    let text_or_null = |key: &str| {
        o.get(key)
            .is_none_or(|v| matches!(v, Value::Null | Value::String(_) | Value::Number(_)))
    };
    let empty = |key: &str| match o.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    };
    is_2xx(status)
        && o.contains_key("error_code")
        && ["error_code", "code", "errorCode"].iter().all(|k| empty(k))
        && [
            "error_msg",
            "message",
            "errorMsg",
            "error_message",
            "request_id",
            "requestId",
        ]
        .iter()
        .all(|k| text_or_null(k))
}

/// CEC: HTTP 200 with `retCode` 200 (string or number).
pub fn cec_success(status: u16, body: &[u8]) -> bool {
    status == 200
        && object(body).is_some_and(|o| match o.get("retCode") {
            Some(Value::String(s)) => s == "200",
            Some(Value::Number(n)) => n.to_string() == "200",
            _ => false,
        })
}

/// Tencent API 3.0: `{"Response": {"RequestId": "...", ...}}` without `Response.Error`.
pub fn tencent_success(body: &[u8]) -> bool {
    object(body).is_some_and(|o| {
        o.get("Response")
            .and_then(Value::as_object)
            .is_some_and(|r| {
                matches!(r.get("RequestId"), Some(Value::String(_)))
                    && r.get("Error").is_none_or(Value::is_null)
            })
    })
}

/// Whether an operation's decoder answers `Ok` for this response.
fn ok<O: Operation>(input: &O, status: u16, body: &[u8]) -> bool {
    match input.parse(response(status, body)) {
        Ok(_) => true,
        Err(Failure::Service(_) | Failure::Response(_)) => false,
    }
}

/// BSS `SendVerificationMessageCode`.
pub fn check_bss(status: u16, body: &[u8]) {
    let bss = huawei_bss::SendVerificationCodeInput::builder()
        .email("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(ok(&bss, status, body), bss_success(status, body), "BSS");
}

/// OSM `SendVerifyCodes`.
pub fn check_osm_send(status: u16, body: &[u8]) {
    let send = huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&send, status, body),
        osm_success(status, body),
        "OSM send"
    );
}

/// OSM `CheckVerifyCodes`.
pub fn check_osm_check(status: u16, body: &[u8]) {
    let check = huawei_ticket::CheckVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .verify_code("123456")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&check, status, body),
        osm_success(status, body),
        "OSM check"
    );
}

/// CEC `generateverifycode`.
pub fn check_cec(status: u16, body: &[u8]) {
    let cec = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .build()
        .expect("valid");
    assert_eq!(ok(&cec, status, body), cec_success(status, body), "CEC");
}

/// Tencent `SendVerifyCode`.
pub fn check_tencent(status: u16, body: &[u8]) {
    let tencent = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("91234567")
        .build()
        .expect("valid");
    assert_eq!(ok(&tencent, status, body), tencent_success(body), "Tencent");
}

/// The Huawei family's error-body parser: never panics, and what it reads is never an empty
/// field (empty fields are absent).
pub fn check_huawei_error_body(body: &[u8]) {
    if let Some(parsed) = vcode_core::huawei::HuaweiErrorBody::parse(body) {
        let fields = [&parsed.code, &parsed.message, &parsed.request_id];
        for text in fields.into_iter().flatten() {
            assert!(!text.is_empty(), "an empty field read as present");
        }
    }
}

/// The Tencent family's envelope decoder: `Ok` exactly for the success shape.
pub fn check_tencent_envelope(status: u16, body: &[u8]) {
    let decoded = vcode_core::tencent::decode_envelope(&response(status, body), |code| {
        tencent_partners::SendVerifyCodeError::from_code(code)
    });
    assert_eq!(decoded.is_ok(), tencent_success(body), "Tencent envelope");
}

/// Every decoder on one response, each against its success shape.
pub fn check_all(status: u16, body: &[u8]) {
    check_bss(status, body);
    check_osm_send(status, body);
    check_osm_check(status, body);
    check_cec(status, body);
    check_tencent(status, body);
    check_huawei_error_body(body);
    check_tencent_envelope(status, body);
}

/// A status and a body from fuzzer bytes: the first two bytes pick the status.
pub fn split(data: &[u8]) -> (u16, &[u8]) {
    match data {
        [a, b, body @ ..] => (100 + u16::from_be_bytes([*a, *b]) % 500, body),
        _ => (200, data),
    }
}
