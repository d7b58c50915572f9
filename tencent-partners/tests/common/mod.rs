//! What the Tencent wire tests share: keys, fixed clock, envelopes, signature check.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tencent_partners::{Client, TencentCredentials};
use vcode_signing::{SignableBody, SignableRequest, tencent};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const ID: &str = "AKIDEXAMPLEsecretid0123456789abcdef";
pub const KEY: &str = "EXAMPLEsecretkey0123456789abcdef";

#[derive(Debug)]
pub struct FixedClock(pub u64);

impl vcode_core::Clock for FixedClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.0)
    }
}

pub fn ok_body() -> String {
    r#"{"Response":{"RequestId":"req-ok"}}"#.to_owned()
}

pub fn error_body(code: &str) -> String {
    format!(
        r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"message for {code}"}},"RequestId":"req-{code}"}}}}"#
    )
}

pub async fn server(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

pub fn builder(server: &MockServer) -> tencent_partners::ClientBuilder {
    Client::builder()
        .endpoint(server.uri())
        .credentials(TencentCredentials::new(ID, KEY))
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

pub fn verify(request: &Request, now: SystemTime) -> tencent::Verified {
    let signable = SignableRequest::new(
        request.method.as_str(),
        request.url.path(),
        SignableBody::Bytes(&request.body),
    )
    .header_map(&request.headers)
    .expect("text headers");
    tencent::verify(
        &signable,
        "intlpartnersmgt",
        |id| (id == ID).then(|| KEY.to_owned().into()),
        now,
        Duration::from_secs(300),
    )
    .expect("signature verifies")
}

pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recorded")
}
