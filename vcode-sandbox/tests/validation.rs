//! The sandbox's own checks, with raw signed requests that bypass the clients' validation: each
//! documented rule answers with the vendor's code.

use std::time::SystemTime;

use serde_json::Value;
use vcode_sandbox::Sandbox;
use vcode_signing::{SignableBody, SignableRequest, huawei, tencent};

async fn huawei_post(sandbox: &Sandbox, path: &str, body: &str, domain: &str) -> (u16, Value) {
    let host = sandbox.addr().to_string();
    let request = SignableRequest::new("POST", path, SignableBody::Bytes(body.as_bytes()))
        .header("content-type", "application/json")
        .header("host", &host)
        .header("x-domain-id", domain);
    let signed = huawei::Signer::new(
        vcode_sandbox::HUAWEI_ACCESS_KEY,
        vcode_sandbox::HUAWEI_SECRET_KEY,
    )
    .sign(&request, SystemTime::now())
    .expect("signs");
    let mut builder = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.base_url()))
        .header("content-type", "application/json")
        .header("x-domain-id", domain)
        .body(body.to_owned());
    for header in signed.headers() {
        builder = builder.header(header.name(), header.value());
    }
    let response = builder.send().await.expect("answered");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn tencent_post(sandbox: &Sandbox, body: &str, action: &str) -> Value {
    let host = sandbox.addr().to_string();
    let request = SignableRequest::new("POST", "/", SignableBody::Bytes(body.as_bytes()))
        .header("content-type", "application/json")
        .header("host", &host);
    let signed = tencent::Signer::new(
        vcode_sandbox::TENCENT_SECRET_ID,
        vcode_sandbox::TENCENT_SECRET_KEY,
        "intlpartnersmgt",
    )
    .sign(&request, SystemTime::now())
    .expect("signs");
    let mut builder = reqwest::Client::new()
        .post(format!("{}/", sandbox.base_url()))
        .header("content-type", "application/json")
        .header("x-tc-action", action)
        .header("x-tc-version", "2022-09-28")
        .body(body.to_owned());
    for header in signed.headers() {
        builder = builder.header(header.name(), header.value());
    }
    let response = builder.send().await.expect("answered");
    assert_eq!(
        response.status(),
        200,
        "Tencent answers 200 even for errors"
    );
    response.json().await.expect("json")
}

const BSS: &str = "/v2/bases/verificationcode/send";
const OSM: &str = "/v2/servicerequest/verifycodes/send";

#[tokio::test]
async fn bss_field_rules() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let d = vcode_sandbox::HUAWEI_DOMAIN_ID;
    let long = format!("{}@example.com", "a".repeat(60));
    for (body, status, code) in [
        (
            r#"{"receiver_type":1,"email":"a@b.co"}"#.to_owned(),
            400,
            "CBC.0100",
        ),
        (
            r#"{"receiver_type":2,"timeout":0,"email":"a@b.co"}"#.to_owned(),
            400,
            "CBC.0100",
        ),
        (
            r#"{"receiver_type":2,"timeout":3001,"email":"a@b.co"}"#.to_owned(),
            400,
            "CBC.0100",
        ),
        (
            r#"{"receiver_type":2,"email":"a@b.co","lang":"fr-fr"}"#.to_owned(),
            400,
            "CBC.0100",
        ),
        (
            format!(r#"{{"receiver_type":2,"email":"{long}"}}"#),
            400,
            "CBC.0100",
        ),
        (
            r#"{"receiver_type":2,"email":""}"#.to_owned(),
            400,
            "CBC.99004004",
        ),
        (
            r#"{"receiver_type":2,"email":"not-an-address"}"#.to_owned(),
            400,
            "CBC.99004004",
        ),
        ("not json".to_owned(), 400, "CBC.0100"),
    ] {
        let (got_status, got) = huawei_post(&sandbox, BSS, &body, d).await;
        assert_eq!(
            (got_status, got["error_code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
    }
    let (status, _) = huawei_post(
        &sandbox,
        BSS,
        r#"{"receiver_type":2,"timeout":3000,"email":"a@b.co","lang":"zh-cn"}"#,
        d,
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = huawei_post(
        &sandbox,
        BSS,
        r#"{"receiver_type":2,"email":"a@b.co"}"#,
        "other",
    )
    .await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (401, Some("APIG.0301"))
    );
    assert!(
        body["request_id"].is_string(),
        "gateway errors carry request_id: {body}"
    );
}

#[tokio::test]
async fn osm_field_rules_answer_under_200() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let d = vcode_sandbox::HUAWEI_DOMAIN_ID;
    for (body, code) in [
        (
            r#"{"contact_value":"13800000000","contact_way":2,"area_code":"86"}"#,
            "OSM.01010012",
        ),
        (
            r#"{"contact_value":"1380000abcd","contact_way":0,"area_code":"86"}"#,
            "OSM.01010001",
        ),
        (
            r#"{"contact_value":"13800000000","contact_way":0,"area_code":"12345678901234567"}"#,
            "OSM.01010001",
        ),
        (
            r#"{"contact_value":"13800000000","contact_way":1,"area_code":""}"#,
            "OSM.01010001",
        ),
        // `area_code` is Mandatory for an SMS send.
        (
            r#"{"contact_value":"13800000000","contact_way":0}"#,
            "OSM.01010001",
        ),
        (r#"{"contact_way":0,"area_code":"86"}"#, "OSM.01010001"),
    ] {
        let (status, got) = huawei_post(&sandbox, OSM, body, d).await;
        assert_eq!(
            (status, got["error_code"].as_str()),
            (200, Some(code)),
            "{body}"
        );
    }
    assert!(sandbox.outbox().is_empty());
}

#[tokio::test]
async fn tencent_field_rules_and_headers() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    for (body, code) in [
        (r#"{"PhoneNum":"91234567"}"#, "MissingParameter"),
        (
            r#"{"CountryCode":"86","PhoneNum":"13800000000"}"#,
            "InvalidParameterValue.UnSupportArea",
        ),
        (
            r#"{"CountryCode":"12345","PhoneNum":"91234567"}"#,
            "InvalidParameterValue",
        ),
        (
            r#"{"CountryCode":"65","PhoneNum":"9123 4567"}"#,
            "InvalidParameterValue",
        ),
    ] {
        let got = tencent_post(&sandbox, body, "SendVerifyCode").await;
        assert_eq!(
            got["Response"]["Error"]["Code"].as_str(),
            Some(code),
            "{body}"
        );
        assert!(got["Response"]["RequestId"].is_string());
    }
    let got = tencent_post(
        &sandbox,
        r#"{"CountryCode":"65","PhoneNum":"91234567"}"#,
        "DescribeCustomerInfo",
    )
    .await;
    assert_eq!(
        got["Response"]["Error"]["Code"].as_str(),
        Some("InvalidAction")
    );
    let got = tencent_post(
        &sandbox,
        r#"{"CountryCode":"65","PhoneNum":"91234567"}"#,
        "CreateAccount",
    )
    .await;
    assert_eq!(
        got["Response"]["Error"]["Code"].as_str(),
        Some("InvalidParameterValue.AccountTypeEmpty")
    );
    let got = tencent_post(
        &sandbox,
        r#"{"CountryCode":"65","PhoneNum":"91234567"}"#,
        "SendVerifyCode",
    )
    .await;
    assert!(got["Response"]["Error"].is_null(), "{got}");
}

#[tokio::test]
async fn cec_rejects_bad_phones_with_http_400() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    for body in [r#"{"phone":"call me"}"#, r#"{}"#, "nope"] {
        let response = reqwest::Client::new()
            .post(format!(
                "{}/apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode",
                sandbox.base_url()
            ))
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), 400, "{body}");
    }
}
