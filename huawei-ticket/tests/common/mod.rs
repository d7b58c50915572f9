//! What the ticket wire tests share: fixed clock, clients, signature check.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use huawei_ticket::{Client, HuaweiAkSk, IamToken, RetryPolicy};
use vcode_signing::{SignableBody, SignableRequest, huawei};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const AK: &str = "HPUAEXAMPLEAK1234567";
pub const SK: &str = "ExampleSecretKeyForSigning0123456789abcd";
pub const T0: u64 = 1_795_336_200;

#[derive(Debug)]
pub struct FixedClock;

impl vcode_core::Clock for FixedClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(T0)
    }
}

pub async fn server(template: ResponseTemplate) -> MockServer {
    server_for("POST", template).await
}

/// A server answering every `verb` request with `template`.
pub async fn server_for(verb: &str, template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

pub fn aksk_client(server: &MockServer) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .credentials(
            HuaweiAkSk::new(AK, SK)
                .with_domain_id("0a1b2c3d4e5f")
                .with_security_token("temporary-security-token-example"),
        )
        .clock(Arc::new(FixedClock))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

pub fn token_client(server: &MockServer) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .credentials(IamToken::new("MIItoken").expect("token"))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

pub fn verify(request: &Request) -> huawei::Verified {
    let target = match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    };
    let signable = SignableRequest::new(
        request.method.as_str(),
        &target,
        SignableBody::Bytes(&request.body),
    )
    .header_map(&request.headers)
    .expect("text headers");
    huawei::verify(
        &signable,
        |ak| (ak == AK).then(|| SK.to_owned().into()),
        UNIX_EPOCH + Duration::from_secs(T0),
        Duration::from_secs(900),
    )
    .expect("signature verifies")
}

pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recorded")
}
