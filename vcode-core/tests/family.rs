//! A vendor family needs no edit of `vcode-core`: the toy family of `common/toy.rs` (its own
//! credentials, header signature and builder setting, defined in this test crate) gets a
//! `Client`, and its calls go through the runtime like any vendor's: signed on every attempt,
//! retried only when safe, bounded by the timeouts, and held back by the send guard.

mod common;

use std::time::Duration;

use common::toy::{ToyBuilderExt, ToyKey, ToyService, signature};
use common::{TestError, TestOp, op};
use vcode_core::guard::{GuardKey, RecipientRule, SendGuard};
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::{Client, RetryPolicy, SdkError, SendState, TimeoutKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(endpoint: &str) -> vcode_core::ClientBuilder<ToyService> {
    Client::<ToyService>::builder()
        .endpoint(endpoint)
        .credentials(ToyKey::new("toy-id", "toy-secret"))
}

/// Whether a recorded request carries a valid toy signature for its own time and body.
fn signed(request: &Request) -> bool {
    let header = |name: &str| request.headers[name].to_str().expect("text").to_owned();
    let time: u64 = header("x-toy-time").parse().expect("a number");
    let expected = signature(
        "toy-secret",
        request.method.as_str(),
        request.url.path(),
        time,
        &request.body,
    );
    header("authorization") == format!("TOY key=toy-id, signature={expected}")
}

#[tokio::test]
async fn a_family_outside_vcode_core_signs_its_requests_and_sets_its_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri())
        .toy_region("toy-east-1")
        .build()
        .expect("builds");
    assert_eq!(client.send(&op()).await.expect("sent"), 204);

    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    assert!(signed(&requests[0]), "{:?}", requests[0].headers);
    assert_eq!(requests[0].headers["x-toy-region"], "toy-east-1");
    assert_eq!(requests[0].headers["user-agent"], "toy-service/0.1.0");
    // The family's secret is in no debug output of the client.
    assert!(!format!("{client:?}").contains("toy-secret"));
    // A dry run signs the same way, without sending.
    let prepared = client.dry_run(&op()).await.expect("signed");
    assert!(prepared.to_string().contains("TOY key=toy-id, signature="));
}

#[tokio::test]
async fn its_throttled_requests_are_retried_and_signed_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri()).build().expect("builds");
    assert_eq!(client.send(&op()).await.expect("retried"), 204);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2, "one retry after the throttling");
    assert!(requests.iter().all(signed));
}

#[tokio::test]
async fn its_attempts_time_out_and_a_processed_request_is_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = client(&server.uri())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    let err = client.send(&op()).await.expect_err("times out");
    let SdkError::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.kind(), TimeoutKind::Attempt);
    assert_eq!(err.send_state(), SendState::MaybeSent);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

/// The test operation as a guarded send to one recipient, one per minute.
struct GuardedOp(TestOp<ToyService>);

impl Operation for GuardedOp {
    type Service = ToyService;
    type Output = u16;
    type Error = TestError;
    const NAME: &'static str = "ToySend";

    fn request(&self) -> OperationRequest {
        self.0.request()
    }

    fn parse(&self, response: HttpResponse) -> Result<u16, Failure<TestError>> {
        self.0.parse(response)
    }

    fn guard_key(&self) -> Option<GuardKey> {
        const RULES: [RecipientRule; 1] = [RecipientRule::cooldown(Duration::from_secs(60))];
        Some(GuardKey::recipient("toy", "ToySend", "1-5550100", &RULES))
    }
}

#[tokio::test]
async fn the_send_guard_holds_its_sends_to_the_recipient_rule() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri())
        .send_guard(SendGuard::in_memory())
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("builds");
    let send = GuardedOp(op());
    assert_eq!(client.send(&send).await.expect("first send"), 204);
    let err = client.send(&send).await.expect_err("held back");
    let SdkError::Guarded(refused) = &err else {
        panic!("{err:?}")
    };
    assert!(
        refused
            .retry_after()
            .is_some_and(|d| d > Duration::from_secs(50))
    );
    assert_eq!(err.send_state(), SendState::NotSent);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}
