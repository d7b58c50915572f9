//! Issue 17: every decoder, over arbitrary bytes and arbitrary JSON, never panics and answers
//! `Ok` only for a body of the vendor's documented success shape. The same decoders have fuzz
//! targets in `fuzz/` (outside the workspace).

use proptest::prelude::*;
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
fn bss_success(status: u16, body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    is_2xx(status) && (trimmed.is_empty() || object(trimmed).is_some_and(|o| o.is_empty()))
}

/// OSM: a 2xx object whose `error_code` is present and empty or null, with no other code and
/// no field of a type the service never sends.
fn osm_success(status: u16, body: &[u8]) -> bool {
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
fn cec_success(status: u16, body: &[u8]) -> bool {
    status == 200
        && object(body).is_some_and(|o| match o.get("retCode") {
            Some(Value::String(s)) => s == "200",
            Some(Value::Number(n)) => n.to_string() == "200",
            _ => false,
        })
}

/// Tencent API 3.0: `{"Response": {"RequestId": "...", ...}}` without `Response.Error`.
fn tencent_success(body: &[u8]) -> bool {
    object(body).is_some_and(|o| {
        o.get("Response")
            .and_then(Value::as_object)
            .is_some_and(|r| {
                matches!(r.get("RequestId"), Some(Value::String(_)))
                    && r.get("Error").is_none_or(Value::is_null)
            })
    })
}

/// Runs every decoder on one response and checks each against its success shape.
fn check_all(status: u16, body: &[u8]) {
    fn ok<O: Operation>(input: &O, status: u16, body: &[u8]) -> bool {
        match input.parse(response(status, body)) {
            Ok(_) => true,
            Err(Failure::Service(_) | Failure::Response(_)) => false,
        }
    }
    let bss = huawei_bss::SendVerificationCodeInput::builder()
        .email("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(ok(&bss, status, body), bss_success(status, body), "BSS");
    let send = huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .build()
        .expect("valid");
    let check = huawei_ticket::CheckVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .verify_code("123456")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&send, status, body),
        osm_success(status, body),
        "OSM send"
    );
    assert_eq!(
        ok(&check, status, body),
        osm_success(status, body),
        "OSM check"
    );
    let cec = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .build()
        .expect("valid");
    assert_eq!(ok(&cec, status, body), cec_success(status, body), "CEC");
    let tencent = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("91234567")
        .build()
        .expect("valid");
    assert_eq!(ok(&tencent, status, body), tencent_success(body), "Tencent");
    // The family decoders on their own.
    let _ = vcode_core::huawei::HuaweiErrorBody::parse(body);
    let _ = vcode_core::tencent::decode_envelope(&response(status, body), |code| {
        tencent_partners::SendVerifyCodeError::from_code(code)
    });
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop_oneof![Just(String::new()), Just("200".to_owned()), ".{0,12}"].prop_map(Value::from),
    ];
    let keys = prop_oneof![
        Just("error_code"),
        Just("error_msg"),
        Just("code"),
        Just("errorCode"),
        Just("request_id"),
        Just("retCode"),
        Just("retMsg"),
        Just("Response"),
        Just("Error"),
        Just("Code"),
        Just("RequestId"),
        Just("x"),
    ]
    .prop_map(str::to_owned);
    leaf.prop_recursive(3, 24, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(204),
        Just(400),
        Just(429),
        Just(500),
        100u16..600
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(status in status(), body in prop::collection::vec(any::<u8>(), 0..64)) {
        check_all(status, &body);
    }

    #[test]
    fn arbitrary_json(status in status(), value in json()) {
        check_all(status, value.to_string().as_bytes());
    }
}

#[test]
fn the_documented_success_bodies_are_success() {
    check_all(204, b"");
    check_all(200, br#"{"error_code":"","error_msg":""}"#);
    check_all(200, br#"{"retCode":"200","retMsg":"success"}"#);
    check_all(200, br#"{"Response":{"RequestId":"r"}}"#);
    assert!(osm_success(200, br#"{"error_code":"","error_msg":""}"#));
    assert!(cec_success(200, br#"{"retCode":200}"#));
    assert!(tencent_success(br#"{"Response":{"RequestId":"r"}}"#));
}
