//! `huawei-ticket` against wiremock on 127.0.0.1.

use std::time::Duration;

use huawei_ticket::{
    CheckVerifyCodesInput, Client, ContactWay, GatewayError, IamToken, SdkError,
    SendVerifyCodesInput, Site, VerifyCodesError as E,
};
use vcode_core::validate::Rule;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::*;

#[tokio::test]
async fn send_wire_request_with_aksk_and_all_headers() {
    let server = server(
        ResponseTemplate::new(200).set_body_string(r#"{"error_code":null,"error_msg":null}"#),
    )
    .await;
    SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .site(Site::International)
        .language("en-us")
        .time_zone("GMT+8")
        .send(&aksk_client(&server))
        .await
        .expect("sent");
    let request = &requests(&server).await[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/servicerequest/verifycodes/send");
    assert_eq!(
        request.body,
        br#"{"contact_value":"13800000000","contact_way":0,"area_code":"86"}"#
    );
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(header(request, "x-site"), Some("1"));
    assert_eq!(header(request, "x-language"), Some("en-us"));
    assert_eq!(header(request, "x-time-zone"), Some("GMT+8"));
    assert_eq!(header(request, "x-domain-id"), Some("0a1b2c3d4e5f"));
    assert_eq!(header(request, "x-sdk-date"), Some("20261122T083000Z"));
    assert_eq!(
        header(request, "x-security-token"),
        Some("temporary-security-token-example")
    );
    let verified = verify(request);
    assert_eq!(
        verified.signed_headers,
        [
            "content-type",
            "host",
            "x-domain-id",
            "x-language",
            "x-sdk-date",
            "x-security-token",
            "x-site",
            "x-time-zone"
        ]
    );
}

#[tokio::test]
async fn optional_headers_are_absent_when_unset_and_check_sends_the_code() {
    let server =
        server(ResponseTemplate::new(200).set_body_string(r#"{"error_code":"","error_msg":""}"#))
            .await;
    CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .verify_code("123456")
        .send(&aksk_client(&server))
        .await
        .expect("checked");
    let request = &requests(&server).await[0];
    assert_eq!(request.url.path(), "/v2/servicerequest/verifycodes");
    assert_eq!(
        request.body,
        br#"{"verify_code":"123456","contact_value":"someone@example.com","contact_way":1}"#
    );
    for absent in ["x-site", "x-language", "x-time-zone", "x-auth-token"] {
        assert_eq!(header(request, absent), None, "{absent}");
    }
    verify(request);
}

#[tokio::test]
async fn token_mode_for_both_operations() {
    let server =
        server(ResponseTemplate::new(200).set_body_string(r#"{"error_code":"","error_msg":""}"#))
            .await;
    let client = token_client(&server);
    SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .send(&client)
        .await
        .expect("sent");
    CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .verify_code("654321")
        .send(&client)
        .await
        .expect("checked");
    let seen = requests(&server).await;
    let paths: Vec<&str> = seen.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/v2/servicerequest/verifycodes/send",
            "/v2/servicerequest/verifycodes"
        ]
    );
    assert_eq!(
        seen[0].body,
        br#"{"contact_value":"someone@example.com","contact_way":1}"#
    );
    assert_eq!(
        seen[1].body,
        br#"{"verify_code":"654321","contact_value":"someone@example.com","contact_way":1}"#
    );
    for request in seen {
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(header(&request, "content-type"), Some("application/json"));
        assert_eq!(header(&request, "x-auth-token"), Some("MIItoken"));
        assert_eq!(header(&request, "authorization"), None);
        assert_eq!(header(&request, "x-domain-id"), None);
    }
}

/// Issue 34: the official SDK returns success for a 2xx without an error code, whatever the
/// body holds besides (its model makes `error_code`/`error_msg` optional, and the reference
/// shows no success body). Both operations, every shape, one request each.
#[tokio::test]
async fn a_2xx_without_an_error_code_is_success_on_both_operations() {
    for (status, body) in [
        (200, ""),
        (200, "  \n"),
        (204, ""),
        (200, "{}"),
        (200, r#"{"error_code":null,"error_msg":null}"#),
        (200, r#"{"error_code":"","error_msg":""}"#),
        (200, r#"{"error_code":""}"#),
        (200, r#"{"error_msg":"ok"}"#),
        (200, r#"{"unexpected":true}"#),
        (200, r#"{"error_code":"CBC.0000","error_msg":"success"}"#),
    ] {
        let server = server(
            ResponseTemplate::new(status)
                .insert_header("x-request-id", "req-ok")
                .set_body_string(body),
        )
        .await;
        let client = token_client(&server);
        let sent = SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .send(&client)
            .await
            .unwrap_or_else(|e| panic!("send {status} {body:?}: {e}"));
        assert_eq!(sent.request_id(), Some("req-ok"));
        let checked = CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@b.co")
            .verify_code("123456")
            .send(&client)
            .await
            .unwrap_or_else(|e| panic!("check {status} {body:?}: {e}"));
        assert_eq!(checked.request_id(), Some("req-ok"));
        assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
    }
}

/// Issue 17, defect 1, as issue 34 left it: a 2xx that is not a JSON object, or whose code has
/// a JSON type the vendor never sends, is unreadable, never a false success.
#[tokio::test]
async fn a_2xx_that_is_not_a_json_object_is_unreadable() {
    for body in [
        r#"{"error_code":["OSM.01010024"],"error_msg":7}"#,
        r#"{"error_code":{"code":"x"}}"#,
        r#"{"error_code":true}"#,
        "[]",
        "null",
        "<html>proxy error</html>",
    ] {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        let client = token_client(&server);
        let sent = SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@b.co")
            .send(&client)
            .await;
        let checked = CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@b.co")
            .verify_code("123456")
            .send(&client)
            .await;
        for result in [sent, checked] {
            let err = result.expect_err(body);
            assert!(matches!(err, SdkError::Response(_)), "{body:?}: {err:?}");
            assert_eq!(err.send_state(), huawei_ticket::SendState::Sent, "{body:?}");
        }
    }
}

#[tokio::test]
async fn every_listed_code_maps_under_200_and_its_documented_status() {
    let table: Vec<(u16, &str, E)> = vec![
        (400, "OSM.0001", E::ParameterCheckFailed),
        (401, "OSM.0002", E::Unauthorized),
        (403, "OSM.0003", E::Forbidden),
        (500, "OSM.0004", E::InternalError),
        (200, "OSM.01010001", E::ParameterValidationFailed),
        (200, "OSM.01010002", E::NoPermission),
        (200, "OSM.01010010", E::VerificationFailed),
        (200, "OSM.01010011", E::CustomerInfoUnavailable),
        (200, "OSM.01010012", E::InvalidContactWay),
        (200, "OSM.01010014", E::OperationFailed),
        (200, "OSM.01010024", E::ResentTooOften),
        (
            401,
            "APIG.0301",
            E::Gateway(GatewayError::AuthenticationFailed),
        ),
        (429, "APIG.0308", E::Gateway(GatewayError::Throttled)),
    ];
    for (documented_status, code, variant) in table {
        let mut codes = vec![code.to_owned()];
        if code.starts_with("OSM.0101") {
            codes.push(code.trim_start_matches("OSM.").to_owned());
        }
        for wire_code in codes {
            for status in [documented_status, 200] {
                let body = format!(
                    r#"{{"error_code":"{wire_code}","error_msg":"msg","request_id":"r-{wire_code}"}}"#
                );
                let server = server(ResponseTemplate::new(status).set_body_string(body)).await;
                let err = SendVerifyCodesInput::builder()
                    .contact_way(ContactWay::Sms)
                    .contact_value("13800000000")
                    .area_code("86")
                    .send(&aksk_client(&server))
                    .await
                    .expect_err(&wire_code);
                assert_eq!(err.kind(), Some(&variant), "{wire_code} under {status}");
                assert_eq!(err.code(), Some(wire_code.as_str()));
                assert_eq!(err.http_status(), Some(status));
                assert_eq!(err.request_id(), Some(format!("r-{wire_code}").as_str()));
                assert_eq!(
                    requests(&server).await.len(),
                    1,
                    "{wire_code}: never retried"
                );
            }
        }
    }
}

#[tokio::test]
async fn resend_too_often_carries_one_minute_and_unknown_codes_keep_their_text() {
    let server = server(
        ResponseTemplate::new(200)
            .set_body_string(r#"{"error_code":"01010024","error_msg":"too often"}"#),
    )
    .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(IamToken::new("t").expect("token"))
        .build()
        .expect("client");
    let err = SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&client)
        .await
        .expect_err("too often");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(
        requests(&server).await.len(),
        1,
        "default policy does not retry it"
    );

    let server = server_with_code("OSM.01010026").await;
    let err = CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .verify_code("123456")
        .send(&token_client(&server))
        .await
        .expect_err("unknown");
    assert_eq!(err.kind(), Some(&E::Unknown("OSM.01010026".into())));
}

async fn server_with_code(code: &str) -> MockServer {
    server(
        ResponseTemplate::new(200)
            .set_body_string(format!(r#"{{"error_code":"{code}","error_msg":"x"}}"#)),
    )
    .await
}

#[test]
fn validation_boundaries() {
    let sms = |value: &str, area: &str| {
        SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value(value)
            .area_code(area)
            .build()
    };
    assert!(sms(&"1".repeat(64), "86").is_ok());
    let err = sms(&"1".repeat(65), "86").expect_err("65");
    assert_eq!(
        err.violation("contact_value").expect("v").rule(),
        &Rule::CharLength {
            min: 1,
            max: 64,
            actual: 65
        }
    );
    assert!(sms("13800000000", &"8".repeat(16)).is_ok());
    assert!(sms("13800000000", &"8".repeat(17)).is_err());
    assert!(sms("13800000000", "8a").is_err());
    let err = sms("1380000abcd", "86").expect_err("letters");
    assert_eq!(
        err.violation("contact_value").expect("v").rule(),
        &Rule::Digits
    );

    let email = |value: &str| {
        SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value(value)
            .build()
    };
    let long_email = format!("{}@example.com", "a".repeat(52));
    assert_eq!(long_email.chars().count(), 64);
    assert!(email(&long_email).is_ok());
    assert!(email(&format!("a{long_email}")).is_err());
    assert!(
        email("13800000000").is_err(),
        "email contact must be an address"
    );

    let check = |code: &str| {
        CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .verify_code(code)
            .build()
    };
    assert!(check("12345").is_err());
    assert!(check("123456").is_ok());
    assert!(check("1234567").is_err());
    let err = check("12345").expect_err("short");
    assert_eq!(err.violation("verify_code").expect("v").shown_value(), None);

    let err = SendVerifyCodesInput::builder()
        .language("")
        .time_zone("GMT+8\r\nX-Evil: 1")
        .build()
        .expect_err("several");
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(
        fields,
        ["contact_way", "contact_value", "X-Language", "X-Time-Zone"]
    );
}

#[tokio::test]
async fn nothing_is_sent_when_validation_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/servicerequest/verifycodes/send"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("phone")
        .area_code("86")
        .send(&aksk_client(&server))
        .await
        .expect_err("invalid");
    assert!(matches!(err, SdkError::InvalidInput(_)), "{err:?}");
    server.verify().await;
}
