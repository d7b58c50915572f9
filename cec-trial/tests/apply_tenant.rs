//! `applyTenant` against wiremock on 127.0.0.1: the exact request, both spellings of the
//! answer, every result code and status.

use std::time::Duration;
use vcode_core::VendorCode;

use cec_trial::{ApplyTenantError, ApplyTenantInput, Client, RetryPolicy, SdkError, SendState};
use proptest::prelude::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(
            "/apiaccess/rest/ipccprovision/v1/applyTry/applyTenant",
        ))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .retry_policy(policy)
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .expect("client")
}

fn input() -> ApplyTenantInput {
    ApplyTenantInput::builder()
        .company_name("Example Co")
        .phone("13800000000")
        .phone_verify_code("123456")
        .email("ops@example.com")
        .build()
        .expect("valid")
}

#[tokio::test]
async fn exact_request_and_both_answer_spellings() {
    for body in [
        r#"{"returnCode":"000","returnMsg":"applied"}"#,
        r#"{"retCode":"000","retMsg":"applied"}"#,
    ] {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        let out = client(&server, RetryPolicy::never())
            .send(&input())
            .await
            .expect(body);
        assert_eq!(out.message(), "applied");
        let requests = server.received_requests().await.expect("recorded");
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(request.url.query(), None);
        assert_eq!(request.headers["content-type"], "application/json");
        assert!(request.headers.get("authorization").is_none());
        assert_eq!(
            request.body,
            br#"{"companyName":"Example Co","phone":"13800000000","phoneVerifyCode":"123456","email":"ops@example.com"}"#
        );
    }
    assert!(!format!("{:?}", input()).contains("123456"));
}

#[tokio::test]
async fn every_result_code_and_status_maps() {
    for code in ApplyTenantError::documented_codes() {
        let (status, body) = match code.strip_prefix("HTTP ") {
            Some(status) => (status.parse().expect("status"), String::from("{}")),
            None => (
                200,
                format!(r#"{{"returnCode":"{code}","returnMsg":"no"}}"#),
            ),
        };
        let server = server(ResponseTemplate::new(status).set_body_string(body)).await;
        let err = client(&server, RetryPolicy::standard())
            .send(&input())
            .await
            .expect_err(code);
        let SdkError::Service(service) = err else {
            panic!("{code}: {err:?}")
        };
        assert_eq!(service.kind().code(), code);
        assert!(!matches!(service.kind(), ApplyTenantError::Unknown(_)));
        // Nothing here is retried: one request per outcome.
        assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    }
    let conflict = ApplyTenantError::from_code("005");
    assert_eq!(
        vcode_core::ServiceErrorKind::retry_after(&conflict),
        Some(Duration::from_secs(60))
    );
    assert_eq!(
        ApplyTenantError::from_code("999"),
        ApplyTenantError::Unknown("999".into())
    );
}

#[tokio::test]
async fn unreadable_answers_and_timeouts_are_not_success_and_not_retried() {
    for template in [
        ResponseTemplate::new(200).set_body_string(r#"{"code":"000"}"#),
        ResponseTemplate::new(200).set_body_string("<html>"),
        ResponseTemplate::new(200)
            .set_body_string(r#"{"returnCode":"000"}"#)
            .set_delay(Duration::from_secs(2)),
    ] {
        let server = server(template).await;
        let err = client(&server, RetryPolicy::standard())
            .send(&input())
            .await
            .expect_err("not success");
        assert_ne!(err.send_state(), SendState::NotSent);
        assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    }
}

proptest! {
    #[test]
    fn codes_are_six_digits(code in "[0-9a]{0,8}") {
        let built = ApplyTenantInput::builder()
            .company_name("Example Co")
            .phone("13800000000")
            .phone_verify_code(&code)
            .email("ops@example.com")
            .build();
        let ok = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
        prop_assert_eq!(built.is_ok(), ok);
        if let Err(e) = built {
            prop_assert!(code.len() < 4 || !e.to_string().contains(&code));
        }
    }
}
