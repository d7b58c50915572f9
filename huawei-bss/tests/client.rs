//! `huawei-bss` against wiremock on 127.0.0.1.

use std::time::Duration;
use vcode_core::VendorCode;

use huawei_bss::{
    Client, GatewayError, HuaweiAkSk, HuaweiClientBuilderExt, HuaweiCredentials, IamToken,
    Language, RetryPolicy, SdkError, SendState, SendVerificationCodeError as E,
    SendVerificationCodeInput,
};
use vcode_core::validate::Rule;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::*;

#[tokio::test]
async fn aksk_wire_request_is_exact_and_verifies() {
    let server = server(ResponseTemplate::new(204).insert_header("x-request-id", "req-204")).await;
    let out = SendVerificationCodeInput::builder()
        .email("someone@example.com")
        .language(Language::EnUs)
        .timeout_minutes(5)
        .send(&client(
            &server,
            HuaweiAkSk::new(AK, SK).with_domain_id("0a1b2c3d4e5f"),
        ))
        .await
        .expect("sent");
    assert_eq!(out.request_id(), Some("req-204"));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/bases/verificationcode/send");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.body,
        br#"{"receiver_type":2,"timeout":5,"email":"someone@example.com","lang":"en-us"}"#
    );
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "x-sdk-date"), Some("20261122T083000Z"));
    assert_eq!(header(&request, "x-domain-id"), Some("0a1b2c3d4e5f"));
    let port = server.address().port();
    assert_eq!(
        header(&request, "host"),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    assert_eq!(header(&request, "x-auth-token"), None);
    assert_eq!(header(&request, "x-project-id"), None);
    let authorization = header(&request, "authorization").expect("signed");
    assert!(authorization.starts_with(&format!(
        "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature="
    )));
    let verified = verify(&request);
    assert_eq!(verified.access_key_id, AK);
}

#[tokio::test]
async fn optional_fields_are_omitted_and_temporary_credentials_send_their_token() {
    let server = server(ResponseTemplate::new(204)).await;
    let credentials = HuaweiAkSk::new(AK, SK)
        .with_domain_id("0a1b2c3d4e5f")
        .with_security_token("temporary-security-token-example");
    SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&client(&server, credentials))
        .await
        .expect("sent");
    let request = only_request(&server).await;
    assert_eq!(request.body, br#"{"receiver_type":2,"email":"a@b.co"}"#);
    assert_eq!(
        header(&request, "x-security-token"),
        Some("temporary-security-token-example")
    );
    let verified = verify(&request);
    assert!(
        verified
            .signed_headers
            .iter()
            .any(|h| h == "x-security-token")
    );
}

#[tokio::test]
async fn token_mode_sends_x_auth_token_and_no_signature() {
    let server = server(ResponseTemplate::new(204)).await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(IamToken::new("MIIexampletoken").expect("token"))
        .build()
        .expect("client");
    SendVerificationCodeInput::builder()
        .email("someone@example.com")
        .language(Language::ZhCn)
        .send(&client)
        .await
        .expect("sent");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-auth-token"), Some("MIIexampletoken"));
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-sdk-date"), None);
    assert_eq!(header(&request, "x-domain-id"), None);
    assert_eq!(
        request.body,
        br#"{"receiver_type":2,"email":"someone@example.com","lang":"zh-cn"}"#
    );
}

#[tokio::test]
async fn success_on_200_with_empty_or_empty_object_body() {
    for body in ["", "{}"] {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        SendVerificationCodeInput::builder()
            .email("a@b.co")
            .send(&client(
                &server,
                HuaweiAkSk::new(AK, SK).with_domain_id("d"),
            ))
            .await
            .unwrap_or_else(|e| panic!("body {body:?}: {e}"));
    }
}

#[tokio::test]
async fn every_documented_code_maps_to_its_variant() {
    let table: [(u16, &str, E); 11] = [
        (400, "CBC.0100", E::InvalidParameter),
        (400, "CBC.99000035", E::NotPartnerCustomer),
        (400, "CBC.99004002", E::CodeGenerationFailed),
        (400, "CBC.99004003", E::CodeNotSent),
        (400, "CBC.99004004", E::InvalidEmail),
        (400, "CBC.99004015", E::SendLimitReached),
        (401, "CBC.0154", E::TokenInvalid),
        (403, "CBC.0151", E::AccessDenied),
        (500, "CBC.0999", E::InternalError),
        (
            401,
            "APIG.0301",
            E::Gateway(GatewayError::AuthenticationFailed),
        ),
        (429, "APIG.0308", E::Gateway(GatewayError::Throttled)),
    ];
    let spellings = [
        ("error_code", "error_msg"),
        ("code", "message"),
        ("errorCode", "errorMsg"),
    ];
    for (i, (status, code, variant)) in table.into_iter().enumerate() {
        let (code_key, msg_key) = spellings[i % spellings.len()];
        let body = format!(
            r#"{{"{code_key}":"{code}","{msg_key}":"message for {code}","request_id":"req-{i}"}}"#
        );
        let server = server(ResponseTemplate::new(status).set_body_string(body)).await;
        let err = SendVerificationCodeInput::builder()
            .email("a@b.co")
            .send(&client(
                &server,
                HuaweiAkSk::new(AK, SK).with_domain_id("d"),
            ))
            .await
            .expect_err(code);
        let service = err
            .service_error()
            .unwrap_or_else(|| panic!("{code}: {err:?}"));
        assert_eq!(service.kind(), &variant, "{code}");
        assert_eq!(service.kind().code(), code);
        assert_eq!(service.code(), code);
        assert_eq!(service.message(), format!("message for {code}"));
        assert_eq!(service.request_id(), Some(format!("req-{i}").as_str()));
        assert_eq!(service.http_status(), status);
        assert_eq!(err.send_state(), SendState::Sent);
        assert_eq!(err.is_throttling(), code == "APIG.0308", "{code}");
    }
}

#[tokio::test]
async fn unknown_codes_keep_the_raw_code_and_request_id_falls_back_to_the_header() {
    let server = server(
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "hdr-1")
            .set_body_string(r#"{"error_code":"CBC.99000082","error_msg":"customer limit"}"#),
    )
    .await;
    let err = SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&client(
            &server,
            HuaweiAkSk::new(AK, SK).with_domain_id("d"),
        ))
        .await
        .expect_err("unknown");
    assert_eq!(err.kind(), Some(&E::Unknown("CBC.99000082".into())));
    assert_eq!(err.code(), Some("CBC.99000082"));
    assert_eq!(err.request_id(), Some("hdr-1"));
}

#[tokio::test]
async fn send_limit_exposes_its_limits_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_string(r#"{"error_code":"CBC.99004015","error_msg":"limit"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(HuaweiAkSk::new(AK, SK).with_domain_id("d"))
        .build()
        .expect("client");
    let err = SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&client)
        .await
        .expect_err("limit");
    assert_eq!(err.kind().and_then(E::send_limits), Some((15, 60)));
    assert!(!err.is_throttling());
    server.verify().await;
}

#[tokio::test]
async fn gateway_throttling_is_retried_but_authentication_is_not() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_string(r#"{"error_code":"APIG.0308","error_msg":"throttled"}"#),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let build = |server: &MockServer| {
        Client::builder()
            .endpoint(server.uri())
            .credentials(HuaweiAkSk::new(AK, SK).with_domain_id("d"))
            .retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5)))
            .build()
            .expect("client")
    };
    SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&build(&server))
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);

    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string(
            r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information"}"#,
        ))
        .expect(1)
        .mount(&auth)
        .await;
    let err = SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&build(&auth))
        .await
        .expect_err("auth");
    assert_eq!(
        err.kind(),
        Some(&E::Gateway(GatewayError::AuthenticationFailed))
    );
    auth.verify().await;
}

#[tokio::test]
async fn non_json_proxy_error_is_an_unreadable_response() {
    let server = server(
        ResponseTemplate::new(502).set_body_string("<html><body>502 Bad Gateway</body></html>"),
    )
    .await;
    let err = SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&client(
            &server,
            HuaweiAkSk::new(AK, SK).with_domain_id("d"),
        ))
        .await
        .expect_err("502");
    let SdkError::Response(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.http_status(), 502);
    assert!(response.snippet().contains("502 Bad Gateway"));
    assert_eq!(err.send_state(), SendState::Sent);
}

/// An address of exactly `n` characters, multi-byte ones included.
fn email_of(n: usize) -> String {
    let domain = "@例子.com";
    let local: String = "é".repeat(n - domain.chars().count());
    format!("{local}{domain}")
}

#[test]
fn validation_boundaries() {
    let build = |email: Option<String>, timeout: Option<u32>| {
        let mut b = SendVerificationCodeInput::builder();
        if let Some(e) = email {
            b = b.email(e);
        }
        if let Some(t) = timeout {
            b = b.timeout_minutes(t);
        }
        b.build()
    };
    let e64 = email_of(64);
    assert_eq!(e64.chars().count(), 64);
    assert!(e64.len() > 64, "multi-byte: more bytes than characters");
    assert!(build(Some(e64), None).is_ok());
    let err = build(Some(email_of(65)), None).expect_err("65");
    assert_eq!(
        err.violation("email").expect("email").rule(),
        &Rule::CharLength {
            min: 1,
            max: 64,
            actual: 65
        }
    );
    for ok in [1, 60, 3000] {
        assert!(build(Some("a@b.co".into()), Some(ok)).is_ok(), "{ok}");
    }
    for bad in [0, 3001] {
        let err = build(Some("a@b.co".into()), Some(bad)).expect_err("range");
        assert_eq!(
            err.violation("timeout").expect("timeout").rule(),
            &Rule::Range { min: 1, max: 3000 }
        );
    }
    let err = build(None, None).expect_err("missing");
    assert_eq!(
        err.violation("email").expect("email").rule(),
        &Rule::Required
    );
    assert!(build(Some("no-at-sign".into()), None).is_err());

    let err = build(Some("x".repeat(70)), Some(0)).expect_err("several");
    assert_eq!(err.violations().len(), 2);
    assert!(
        !err.to_string().contains(&"x".repeat(70)),
        "email masked: {err}"
    );
}

#[tokio::test]
async fn nothing_is_sent_when_validation_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let err = SendVerificationCodeInput::builder()
        .email(email_of(65))
        .timeout_minutes(3001)
        .send(&client(
            &server,
            HuaweiAkSk::new(AK, SK).with_domain_id("d"),
        ))
        .await
        .expect_err("invalid");
    let SdkError::InvalidInput(invalid) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(invalid.violations().len(), 2);
    assert_eq!(err.send_state(), SendState::NotSent);
    server.verify().await;
}

#[test]
fn regions_and_debug_redaction() {
    use huawei_bss::Region;
    assert_eq!(
        Region::default().endpoint(),
        "https://bss-intl.myhuaweicloud.com"
    );
    assert_eq!(Region::EuWest101.endpoint(), "https://bss.myhuaweicloud.eu");
    assert_eq!(Region::from_id("eu-west-101"), Some(Region::EuWest101));
    let client = Client::builder()
        .region(Region::EuWest101)
        .credentials(HuaweiAkSk::new(AK, "CANARY-SECRET"))
        .build()
        .expect("client");
    assert_eq!(client.endpoint(), "https://bss.myhuaweicloud.eu/");
    assert!(!format!("{client:?}").contains("CANARY-SECRET"));
    let input = SendVerificationCodeInput::builder()
        .email("someone@example.com")
        .build()
        .expect("valid");
    assert!(!format!("{input:?}").contains("someone@"));
}

#[test]
fn the_iam_endpoint_obeys_the_endpoint_rules() {
    let build = |iam: &str| {
        Client::builder()
            .credentials(HuaweiAkSk::new(AK, SK))
            .iam_endpoint(iam)
            .build()
    };
    assert!(build("https://iam.myhuaweicloud.com").is_ok());
    assert!(build("http://127.0.0.1:8080").is_ok());
    let plain = build("http://iam.example.com").expect_err("plain http to a remote host");
    assert!(plain.to_string().contains("plain http"), "{plain}");
    assert!(build("not a url").is_err());
}

#[test]
fn a_loopback_endpoint_is_never_paired_with_the_public_iam_by_default() {
    let build = |credentials: Option<HuaweiCredentials>, iam: Option<&str>| {
        let mut builder = Client::builder().endpoint("http://127.0.0.1:8080");
        if let Some(credentials) = credentials {
            builder = builder.credentials(credentials);
        }
        if let Some(iam) = iam {
            builder = builder.iam_endpoint(iam);
        }
        builder.build()
    };
    let aksk = || HuaweiCredentials::AkSk(HuaweiAkSk::new(AK, SK));
    // AK/SK without a domain id, or credentials read later: the lookup would reach the
    // public IAM from a test or sandbox setup.
    for credentials in [Some(aksk()), None] {
        let refused = build(credentials, None).expect_err("refused at build time");
        assert!(refused.to_string().contains("public IAM"), "{refused}");
    }
    // Nothing to look up, or the IAM endpoint chosen explicitly: fine.
    let with_domain = HuaweiCredentials::AkSk(HuaweiAkSk::new(AK, SK).with_domain_id("d"));
    assert!(build(Some(with_domain), None).is_ok());
    let token = HuaweiCredentials::Token(IamToken::new("token").expect("token"));
    assert!(build(Some(token), None).is_ok());
    assert!(build(Some(aksk()), Some("http://127.0.0.1:8081")).is_ok());
    assert!(build(Some(aksk()), Some("https://iam.myhuaweicloud.com")).is_ok());
    // A remote endpoint keeps the default IAM.
    let remote = Client::builder()
        .endpoint("https://bss-intl.myhuaweicloud.com")
        .credentials(HuaweiAkSk::new(AK, SK))
        .build();
    assert!(remote.is_ok());
}
