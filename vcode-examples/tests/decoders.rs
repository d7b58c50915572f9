//! Issue 17: every decoder, over arbitrary bytes and arbitrary JSON, never panics and answers
//! `Ok` only for a body of the vendor's documented success shape. The same checks run as fuzz
//! targets in `fuzz/` (outside the workspace).

use proptest::prelude::*;
use serde_json::Value;
use vcode_examples::decoders::{cec_success, check_all, huawei_no_data_success, tencent_success};

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just(String::new()),
            Just("200".to_owned()),
            Just("000".to_owned()),
            Just("CBC.0000".to_owned()),
            Just("CBC.99000050".to_owned()),
            ".{0,12}"
        ]
        .prop_map(Value::from),
    ];
    let keys = prop_oneof![
        Just("error_code"),
        Just("error_msg"),
        Just("code"),
        Just("errorCode"),
        Just("request_id"),
        Just("retCode"),
        Just("retMsg"),
        Just("returnCode"),
        Just("check_result"),
        Just("domain_id"),
        Just("domain_name"),
        Just("need_verify_code"),
        Just("Uin"),
        Just("Data"),
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
    check_all(
        200,
        br#"{"error_code":"CBC.0000","check_result":"available"}"#,
    );
    check_all(
        500,
        br#"{"error_code":"CBC.99000050","domain_id":"d","domain_name":"n"}"#,
    );
    check_all(
        200,
        br#"{"need_verify_code":1,"expire_time":"2026-11-22 18:00:00"}"#,
    );
    check_all(200, br#"{"returnCode":"000","returnMsg":"ok"}"#);
    check_all(
        200,
        br#"{"Response":{"RequestId":"r","Uin":"1","Data":[],"TradeList":[]}}"#,
    );
    // Issue 34: the official SDKs' reading of an answer without data.
    for body in [
        &b""[..],
        b"{}",
        br#"{"error_code":"","error_msg":""}"#,
        br#"{"error_msg":"ok"}"#,
        br#"{"error_code":"CBC.0000","error_msg":"success"}"#,
    ] {
        check_all(200, body);
        assert!(huawei_no_data_success(200, body));
    }
    for body in [&b"[]"[..], b"null", br#"{"error_code":true}"#, b"<html>"] {
        assert!(!huawei_no_data_success(200, body));
    }
    assert!(cec_success(200, br#"{"retCode":200}"#));
    assert!(tencent_success(br#"{"Response":{"RequestId":"r"}}"#));
}
