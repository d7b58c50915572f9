//! `cec-trial` against wiremock on 127.0.0.1.

use std::time::Duration;

use cec_trial::{
    Client, EXAMPLE_DOMAIN, GenerateVerifyCodeError as E, GenerateVerifyCodeInput, RetryPolicy,
    SdkError, SendState,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

async fn send(
    server: &MockServer,
    phone: &str,
) -> Result<
    cec_trial::GenerateVerifyCodeOutput,
    cec_trial::SdkError<cec_trial::GenerateVerifyCodeError>,
> {
    GenerateVerifyCodeInput::builder()
        .phone(phone)
        .send(&client(server))
        .await
}

#[tokio::test]
async fn exact_wire_request_without_auth() {
    let server = server(
        ResponseTemplate::new(200).set_body_string(r#"{"retCode":"200","retMsg":"success"}"#),
    )
    .await;
    let out = send(&server, "+8613800000000").await.expect("sent");
    assert_eq!(out.ret_msg(), "success");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url.path(),
        "/apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode"
    );
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.body, br#"{"phone":"+8613800000000"}"#);
    for auth in [
        "authorization",
        "x-auth-token",
        "x-sdk-date",
        "x-tc-timestamp",
        "x-domain-id",
    ] {
        assert!(request.headers.get(auth).is_none(), "{auth}");
    }
}

#[tokio::test]
async fn every_ret_code_maps_as_string_or_number() {
    let table = [
        ("201", E::CodeAlreadyExists),
        ("202", E::VerificationCodeSendFailed),
        ("204", E::SmsSendFailed),
        ("205", E::DailyThresholdReached),
        ("299", E::Unknown("299".into())),
    ];
    for (code, variant) in table {
        for body in [
            format!(r#"{{"retCode":"{code}","retMsg":"msg {code}"}}"#),
            format!(r#"{{"retCode":{code},"retMsg":"msg {code}"}}"#),
        ] {
            let server = server(ResponseTemplate::new(200).set_body_string(body.clone())).await;
            let err = send(&server, "13800000000").await.expect_err(&body);
            assert_eq!(err.kind(), Some(&variant), "{body}");
            assert_eq!(err.code(), Some(code));
            assert_eq!(
                err.service_error().expect("service").message(),
                format!("msg {code}")
            );
            assert_eq!(err.http_status(), Some(200));
        }
    }
    let server =
        server(ResponseTemplate::new(200).set_body_string(r#"{"retCode":200,"retMsg":"ok"}"#))
            .await;
    assert_eq!(
        send(&server, "13800000000")
            .await
            .expect("numeric 200")
            .ret_msg(),
        "ok"
    );
}

#[tokio::test]
async fn code_already_exists_hints_a_wait_and_is_not_retried() {
    let server = server(
        ResponseTemplate::new(200).set_body_string(r#"{"retCode":"201","retMsg":"exists"}"#),
    )
    .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .build()
        .expect("client");
    let err = GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .send(&client)
        .await
        .expect_err("exists");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(300)));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn documented_http_statuses_map_to_variants() {
    for (status, variant) in [
        (400, E::BadRequest),
        (401, E::Unauthorized),
        (403, E::AuthenticationFailed),
        (404, E::NotFound),
        (500, E::BusinessFailure),
    ] {
        let server = server(ResponseTemplate::new(status).set_body_string("denied")).await;
        let err = send(&server, "13800000000").await.expect_err("status");
        assert_eq!(err.kind(), Some(&variant), "{status}");
        assert_eq!(err.http_status(), Some(status));
        assert_eq!(err.code(), Some(format!("HTTP {status}").as_str()));
    }
}

#[tokio::test]
async fn a_200_that_is_not_the_documented_json_is_unreadable() {
    for body in ["<html>ok</html>", r#"{"returnCode":"000"}"#, ""] {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        let err = send(&server, "13800000000").await.expect_err(body);
        assert!(matches!(err, SdkError::Response(_)), "{body}: {err:?}");
        assert_eq!(err.send_state(), SendState::Sent);
    }
    let server = server(ResponseTemplate::new(502).set_body_string("bad gateway")).await;
    let err = send(&server, "13800000000").await.expect_err("502");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
}

#[test]
fn validation_boundaries() {
    let build = |phone: &str| GenerateVerifyCodeInput::builder().phone(phone).build();
    assert!(build(&"1".repeat(32)).is_ok());
    assert!(build(&format!("+{}", "1".repeat(31))).is_ok());
    assert!(build(&"1".repeat(33)).is_err());
    for bad in [
        "",
        "+",
        "138 0000 0000",
        "138-0000",
        "1380000\n",
        "++86138",
        "86+138",
    ] {
        assert!(build(bad).is_err(), "{bad:?}");
    }
    let err = GenerateVerifyCodeInput::builder()
        .build()
        .expect_err("missing");
    assert_eq!(err.violations()[0].field(), "phone");
}

#[tokio::test]
async fn nothing_is_sent_when_validation_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = send(&server, "call me").await.expect_err("invalid");
    assert!(matches!(err, SdkError::InvalidInput(_)));
    server.verify().await;
}

#[test]
fn a_domain_or_endpoint_is_required() {
    assert!(Client::builder().build().is_err());
    let client = Client::builder()
        .domain(EXAMPLE_DOMAIN)
        .build()
        .expect("domain");
    assert_eq!(client.endpoint(), "https://service.besclouds.com/");
    assert!(
        Client::builder()
            .domain("https://x.example.com")
            .build()
            .is_err()
    );
    assert!(
        Client::builder()
            .endpoint("http://127.0.0.1:9")
            .build()
            .is_ok()
    );
}

/// Issue 17, defect 4: a domain holding CR/LF or a tab became another host through URL
/// parsing.
#[test]
fn a_domain_with_control_characters_is_refused() {
    for domain in [
        "service.besclouds.com\r\nevil.com",
        "service.bes\tclouds.com",
        "service.besclouds.com\n",
    ] {
        let refused = Client::builder()
            .domain(domain)
            .build()
            .expect_err("control characters");
        assert!(!refused.to_string().contains('\n'), "{refused}");
        assert!(!refused.to_string().contains('\r'), "{refused}");
    }
}
