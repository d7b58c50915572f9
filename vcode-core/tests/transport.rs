//! The two HTTP clients behind a call, on 127.0.0.1: the default one (`hyper-util` driven
//! directly) and a caller's own `reqwest::Client`. Both must put the same request on the wire
//! and classify their failures the same way (not sent, maybe sent, connect timeout).

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

/// Every header of a recorded request, sorted, as text.
fn headers_of(request: &wiremock::Request) -> Vec<(String, String)> {
    let mut headers: Vec<_> = request
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    headers.sort();
    headers
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
async fn the_default_client_sends_what_a_reqwest_client_sends() {
    let server = answers_204().await;
    let direct = open_client(config(&server.uri()));
    let mut through_reqwest = config(&server.uri());
    through_reqwest.set_http_client(plain_reqwest());
    let through_reqwest = open_client(through_reqwest);

    assert_eq!(direct.send(&op()).await.expect("direct"), 204);
    assert_eq!(through_reqwest.send(&op()).await.expect("reqwest"), 204);

    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    let (a, b) = (&requests[0], &requests[1]);
    assert_eq!((&a.method, a.url.as_str()), (&b.method, b.url.as_str()));
    assert_eq!(a.body, b.body);
    assert_eq!(headers_of(a), headers_of(b));
    // reqwest's one default header, which the direct client adds too.
    assert_eq!(a.headers["accept"], "*/*");
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
async fn both_clients_call_a_refused_connection_not_sent_and_name_the_url() {
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

/// TLS on both clients. Without a TLS backend a client with an `https` endpoint does not
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
    async fn the_connect_timeout_covers_the_tls_handshake_on_both_clients() {
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
