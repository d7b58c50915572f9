//! What the BSS wire tests share: fixed clock, client, signature check.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use huawei_bss::{Client, HuaweiAkSk, RetryPolicy};
use vcode_signing::{SignableBody, SignableRequest, huawei};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const AK: &str = "HPUAEXAMPLEAK1234567";
pub const SK: &str = "ExampleSecretKeyForSigning0123456789abcd";
/// 2026-11-22T08:30:00Z
pub const T0: u64 = 1_795_336_200;

#[derive(Debug)]
pub struct FixedClock(pub SystemTime);

impl vcode_core::Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

pub fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(T0)
}

pub async fn server(template: ResponseTemplate) -> MockServer {
    server_at("/v2/bases/verificationcode/send", template).await
}

/// A server answering `POST path` with `template`.
pub async fn server_at(at: &str, template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

pub fn client(server: &MockServer, credentials: HuaweiAkSk) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .credentials(credentials)
        .clock(Arc::new(FixedClock(t0())))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

pub fn verify(request: &Request) -> huawei::Verified {
    let signable = SignableRequest::new(
        request.method.as_str(),
        request.url.path(),
        SignableBody::Bytes(&request.body),
    )
    .header_map(&request.headers)
    .expect("text headers");
    huawei::verify(
        &signable,
        |ak| (ak == AK).then(|| SK.to_owned().into()),
        t0(),
        Duration::from_secs(900),
    )
    .expect("signature verifies")
}

pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}
