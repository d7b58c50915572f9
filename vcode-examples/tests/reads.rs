//! Issue 35: reads retry like reads (after a 503 or a connection lost after sending), while a
//! create keeps the send rules (never again once it may have been processed); and a call's send
//! state is the strongest of its attempts'.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use vcode_core::{RetryPolicy, SendState};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Fast retries, so the test does not wait on the standard backoff.
fn quick() -> RetryPolicy {
    RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5))
}

fn bss(endpoint: &str) -> huawei_bss::Client {
    huawei_bss::Client::builder()
        .endpoint(endpoint)
        .credentials(huawei_bss::HuaweiAkSk::new("AK", "SK").with_domain_id("d"))
        .retry_policy(quick())
        .build()
        .expect("client")
}

fn ticket(endpoint: &str) -> huawei_ticket::Client {
    huawei_ticket::Client::builder()
        .endpoint(endpoint)
        .credentials(huawei_ticket::HuaweiAkSk::new("AK", "SK").with_domain_id("d"))
        .retry_policy(quick())
        .build()
        .expect("client")
}

fn tencent(endpoint: &str) -> tencent_partners::Client {
    tencent_partners::Client::builder()
        .endpoint(endpoint)
        .credentials(tencent_partners::TencentCredentials::new("AKID", "key"))
        .retry_policy(quick())
        .build()
        .expect("client")
}

fn cec(endpoint: &str) -> cec_trial::Client {
    cec_trial::Client::builder()
        .endpoint(endpoint)
        .retry_policy(quick())
        .build()
        .expect("client")
}

/// Each read, with the body of its success: whether it succeeded at `endpoint`.
async fn every_read(endpoint: &str, read: usize) -> Result<(), String> {
    let shown = |e: &dyn std::fmt::Debug| format!("{e:?}");
    match read {
        0 => huawei_bss::CheckUserIdentityInput::builder()
            .email("a@b.co")
            .send(&bss(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
        1 => huawei_bss::ListSubCustomersInput::builder()
            .send(&bss(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
        2 => huawei_ticket::CheckNeedVerifyInput::builder()
            .contact_way(huawei_ticket::ContactWay::Email)
            .contact_value("a@b.co")
            .send(&ticket(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
        3 => huawei_ticket::ListHasVerifiedContactsInput::builder()
            .send(&ticket(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
        4 => tencent_partners::GetCountryCodesInput::builder()
            .send(&tencent(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
        _ => tencent_partners::GetTradeConfigListInput::builder()
            .send(&tencent(endpoint))
            .await
            .map(drop)
            .map_err(|e| shown(&e)),
    }
}

/// The success body of each read.
const READ_BODIES: [&str; 6] = [
    r#"{"check_result":"available"}"#,
    r#"{"count":0,"customer_infos":[]}"#,
    r#"{"need_verify_code":0}"#,
    r#"{"count":0}"#,
    r#"{"Response":{"Data":[],"RequestId":"r"}}"#,
    r#"{"Response":{"TradeList":[],"RequestId":"r"}}"#,
];

/// A server that answers 503 once, then `body`.
async fn unavailable_once(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_string("<html>busy</html>"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

/// A server whose first connection reads the request and hangs up without an answer (the
/// request may have been processed), and whose later ones answer 200 with `body`.
async fn drops_first(body: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let _ = socket.read(&mut buf).await;
                if n > 0 {
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(answer.as_bytes()).await;
                }
                let _ = socket.shutdown().await;
            });
        }
    });
    (endpoint, connections)
}

#[tokio::test]
async fn every_read_is_retried_after_a_503() {
    for (read, body) in READ_BODIES.iter().enumerate() {
        let server = unavailable_once(body).await;
        every_read(&server.uri(), read)
            .await
            .unwrap_or_else(|e| panic!("read {read}: {e}"));
        let requests = server.received_requests().await.expect("recorded");
        assert_eq!(requests.len(), 2, "read {read}: the 503, then the answer");
    }
}

#[tokio::test]
async fn every_read_is_retried_after_a_connection_lost_after_sending() {
    for (read, body) in READ_BODIES.iter().enumerate() {
        let (endpoint, connections) = drops_first(body).await;
        every_read(&endpoint, read)
            .await
            .unwrap_or_else(|e| panic!("read {read}: {e}"));
        assert_eq!(connections.load(Ordering::SeqCst), 2, "read {read}");
    }
}

#[tokio::test]
async fn a_create_is_not_retried_after_a_503_or_a_lost_connection() {
    let create_sub = huawei_bss::CreateSubCustomerInput::builder()
        .domain_area("MX")
        .xaccount_id("u-1")
        .xaccount_type("platform")
        .build()
        .expect("valid");
    let create_account = common::create_account_builder().build().expect("valid");
    let apply = cec_trial::ApplyTenantInput::builder()
        .company_name("Example Co")
        .phone("13800000000")
        .phone_verify_code("123456")
        .email("ops@example.com")
        .build()
        .expect("valid");
    for create in 0..3 {
        let server = unavailable_once("{}").await;
        let (endpoint, connections) = drops_first("{}").await;
        for (at, lost) in [(server.uri(), false), (endpoint, true)] {
            let state = match create {
                0 => bss(&at)
                    .send(&create_sub)
                    .await
                    .map(drop)
                    .err()
                    .map(|e| e.send_state()),
                1 => tencent(&at)
                    .send(&create_account)
                    .await
                    .map(drop)
                    .err()
                    .map(|e| e.send_state()),
                _ => cec(&at)
                    .send(&apply)
                    .await
                    .map(drop)
                    .err()
                    .map(|e| e.send_state()),
            };
            let state =
                state.unwrap_or_else(|| panic!("create {create}: not retried into a success"));
            assert_ne!(state, SendState::NotSent, "create {create}");
            if lost {
                assert_eq!(
                    connections.load(Ordering::SeqCst),
                    1,
                    "create {create}: once"
                );
            }
        }
        assert_eq!(
            server.received_requests().await.expect("recorded").len(),
            1,
            "create {create}: once"
        );
    }
}

/// A call throttled once (the vendor answered: sent) whose retry is then refused at connect
/// ends with the call's strongest state, not the last attempt's "not sent".
#[tokio::test]
async fn a_call_throttled_then_refused_at_connect_is_not_not_sent() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        // One connection, answered 429; the listener is closed before the answer leaves, so
        // the retry is refused.
        if let Ok((mut socket, _)) = listener.accept().await {
            drop(listener);
            let mut buf = vec![0u8; 16 * 1024];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 0\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
                )
                .await;
            let _ = socket.shutdown().await;
        }
    });
    let err = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num("91234567")
        .send(&tencent(&endpoint))
        .await
        .expect_err("refused after the throttling");
    assert!(
        matches!(err, tencent_partners::SdkError::Dispatch(_)),
        "{err:?}"
    );
    assert_eq!(err.send_state(), SendState::Sent, "{err:?}");
}
