//! The one HTTP client behind a call (reqwest: the SDK's own or the caller's), on 127.0.0.1:
//! what it sends, and how its failures are classified (not sent, maybe sent, connect timeout).
//! The attempt timeout, a truncated body and the size cap are in `runtime.rs`; proxies from the
//! environment in the CLI's tests (they need a process of their own).

mod common;

use common::{config, op, open_client};
use tokio::net::TcpListener;
use vcode_core::{RetryPolicy, SdkError, SendState};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A reqwest client set up as the SDK's own would be, for comparison.
fn plain_reqwest() -> vcode_core::reqwest::Client {
    vcode_core::reqwest::Client::builder()
        .redirect(vcode_core::reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client")
}

/// A server answering the test operation with 204.
async fn answers_204() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_default_client_sends_the_request_as_built() {
    let server = answers_204().await;
    let client = open_client(config(&server.uri()));
    assert_eq!(client.send(&op()).await.expect("sent"), 204);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.url.path(), "/op");
    let mut names: Vec<&str> = request.headers.keys().map(|n| n.as_str()).collect();
    names.sort_unstable();
    // reqwest adds `accept: */*` and the length; nothing else beyond what the SDK sets.
    assert_eq!(
        names,
        [
            "accept",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ]
    );
    assert_eq!(request.headers["accept"], "*/*");
    assert_eq!(request.headers["user-agent"], "vcode-core-tests/0.1.0");
}

#[tokio::test]
async fn a_callers_reqwest_client_sends_the_calls() {
    let server = answers_204().await;
    let mut headers = vcode_core::reqwest::header::HeaderMap::new();
    headers.insert("x-from-caller", "yes".parse().expect("value"));
    let client = vcode_core::reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("reqwest client");
    let mut cfg = config(&server.uri());
    cfg.set_http_client(client);
    assert_eq!(open_client(cfg).send(&op()).await.expect("ok"), 204);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests[0].headers["x-from-caller"], "yes");
}

/// A loopback port with nothing listening on it.
async fn refused_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}")
}

#[tokio::test]
async fn a_refused_connection_is_not_sent_and_names_the_url_on_either_client() {
    let endpoint = refused_endpoint().await;
    for callers in [false, true] {
        let mut cfg = config(&endpoint);
        cfg.set_retry_policy(RetryPolicy::never());
        if callers {
            cfg.set_http_client(plain_reqwest());
        }
        let err = open_client(cfg).send(&op()).await.expect_err("refused");
        assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
        assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
        let report = vcode_core::ErrorReport(&err).to_string();
        assert!(
            report.contains(&format!("error sending request for url ({endpoint}/op)")),
            "{report}"
        );
    }
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_not_sent() {
    // `.invalid` never resolves (RFC 6761): the system resolver answers at once, and nothing
    // leaves this machine but the look-up.
    let mut cfg = config("https://vcode-test.invalid");
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg)
        .send(&op())
        .await
        .expect_err("no such name");
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
}

/// TLS on either client. Without a TLS backend a client with an `https` endpoint does not
/// build at all.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
mod tls {
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use vcode_core::TimeoutKind;

    /// A loopback server that accepts connections and reads what comes, answering with
    /// `answer` (nothing when empty) and then holding the connection open.
    async fn raw_server(answer: &'static [u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = [0u8; 4096];
                    let _ = socket.read(&mut buf).await;
                    if !answer.is_empty() {
                        let _ = socket.write_all(answer).await;
                    }
                    tokio::time::sleep(Duration::from_secs(30)).await;
                });
            }
        });
        format!("https://{addr}")
    }

    #[tokio::test]
    async fn a_failed_tls_handshake_is_not_sent() {
        // A server that answers the TLS hello in plain HTTP: the handshake fails, so the request
        // never left, whichever TLS backend the features select.
        let endpoint = raw_server(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n").await;
        let mut cfg = config(&endpoint);
        cfg.set_retry_policy(RetryPolicy::never());
        let err = open_client(cfg).send(&op()).await.expect_err("no TLS");
        assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
    }

    #[tokio::test]
    async fn the_connect_timeout_covers_the_tls_handshake_on_either_client() {
        // A server that accepts and never answers the TLS hello.
        let endpoint = raw_server(b"").await;
        for callers in [false, true] {
            let mut cfg = config(&endpoint);
            cfg.set_retry_policy(RetryPolicy::never());
            cfg.set_connect_timeout(Duration::from_millis(200));
            cfg.set_attempt_timeout(Duration::from_secs(10));
            if callers {
                let client = vcode_core::reqwest::Client::builder()
                    .connect_timeout(Duration::from_millis(200))
                    .build()
                    .expect("reqwest client");
                cfg.set_http_client(client);
            }
            let err = open_client(cfg).send(&op()).await.expect_err("times out");
            let SdkError::Timeout(timeout) = &err else {
                panic!("callers {callers}: {err:?}")
            };
            assert_eq!(timeout.kind(), TimeoutKind::Connect, "{err:?}");
            assert_eq!(err.send_state(), SendState::NotSent);
        }
    }
}
