//! No secret in any `Debug`, `Display` or trace line of a call, for both families. In a test
//! binary of its own: tracing decides once per callsite whether anyone listens, and a test
//! running beside it without a subscriber could make that decision first.

mod common;
mod families;

use families::{config, huawei_client, op, tencent_client};
use vcode_core::Client;
use vcode_core::service::Service;
use vcode_huawei::{HuaweiAkSk, HuaweiCredentials, IamToken};
use vcode_tencent::TencentCredentials;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const CANARY_SK: &str = "CANARY-SK-7f3a9c";
const CANARY_TOKEN: &str = "CANARY-TOKEN-52be10";
const CANARY_KEY: &str = "CANARY-TC-KEY-c0ffee";
const IAM_DEFAULT: &str = vcode_huawei::DEFAULT_IAM_ENDPOINT;

/// Sends the test operation (denied) and dry-runs it, recording everything shown.
async fn exercise<S: Service>(
    client: Client<S>,
    shown: &mut Vec<String>,
    dry_runs: &mut Vec<String>,
) {
    shown.push(format!("{client:?}"));
    let err = client.send(&op()).await.expect_err("denied");
    shown.push(format!("{err}"));
    shown.push(format!("{err:?}"));
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        shown.push(s.to_string());
        source = s.source();
    }
    // What a dry run shows. Display prints the caller's own body on purpose, so it is
    // checked for secrets only; Debug shows no body and is checked for personal data too.
    let prepared = client.dry_run(&op()).await.expect("prepared");
    dry_runs.push(prepared.to_string());
    shown.push(format!("{prepared:?}"));
}

#[tokio::test]
async fn no_secret_in_debug_display_or_traces() {
    let (captured, _guard) = common::capture_traces();

    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-request-id", "req-canary")
                .set_body_string(r#"{"error_code":"AUTH","error_msg":"denied"}"#),
        )
        .mount(&service)
        .await;

    let huawei = HuaweiAkSk::new("AKTEST", CANARY_SK)
        .with_security_token(CANARY_TOKEN)
        .with_domain_id("dom-1");
    let tencent = TencentCredentials::new("AKIDTEST", CANARY_KEY).with_token(CANARY_TOKEN);
    let token = HuaweiCredentials::Token(IamToken::new(CANARY_TOKEN).expect("valid"));
    let mut cfg = config(&service.uri());
    cfg.set_retry_policy(vcode_core::RetryPolicy::never());

    let mut dry_runs = Vec::new();
    let mut shown = vec![
        format!("{huawei:?}"),
        format!("{huawei:#?}"),
        format!("{tencent:?}"),
        format!("{token:?}"),
        format!("{cfg:?}"),
    ];
    exercise(
        huawei_client(cfg.clone(), huawei.clone(), IAM_DEFAULT),
        &mut shown,
        &mut dry_runs,
    )
    .await;
    exercise(
        huawei_client(cfg.clone(), token.clone(), IAM_DEFAULT),
        &mut shown,
        &mut dry_runs,
    )
    .await;
    exercise(
        tencent_client(cfg.clone(), tencent.clone()),
        &mut shown,
        &mut dry_runs,
    )
    .await;
    let logs = captured.text();
    assert!(logs.contains("vcode.call"), "tracing captured: {logs}");
    assert!(logs.contains("req-canary"), "request id traced: {logs}");
    // The call span is recorded once the call is over, so its closing line describes it.
    assert!(
        logs.lines().any(|line| {
            line.contains("vcode.call{vendor=\"test\" operation=\"TestOp\" attempts=1 ")
                && line.contains(" status=401 request_id=\"req-canary\"}")
                && line.ends_with(|c: char| c.is_ascii_alphanumeric())
                && line.contains(": close ")
        }),
        "the call span carries the attempt count, status and request id: {logs}"
    );
    shown.push(logs);
    for text in &dry_runs {
        assert!(
            text.contains("Signature=") || text.contains("x-auth-token: [REDACTED]"),
            "the dry run shows the signature, or the token redacted: {text}"
        );
        for canary in [CANARY_SK, CANARY_TOKEN, CANARY_KEY] {
            assert!(!text.contains(canary), "{canary} leaked in: {text}");
        }
    }
    for text in &shown {
        for canary in [CANARY_SK, CANARY_TOKEN, CANARY_KEY] {
            assert!(!text.contains(canary), "{canary} leaked in: {text}");
        }
        assert!(
            !text.contains("someone@example.com"),
            "email leaked in: {text}"
        );
    }
}
