//! The runtime against wiremock on 127.0.0.1: timeouts, send state, retries that never repeat a
//! processed request, the response cap, the total budget and clock-skew correction.

mod common;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use common::toy::{ToyKey, ToyService};
use common::{TestError, clock, config, op, open_client, timeout_of, toy_client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use vcode_core::{ResponseErrorKind, RetryPolicy, SdkError, SendState, TimeoutKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_with(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn hits(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

/// A loopback port with nothing listening on it.
async fn refused_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}")
}

/// A raw server that reads one request, then closes the connection without answering.
async fn closes_after_request() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            if socket.read(&mut buf).await.unwrap_or(0) > 0 {
                seen.fetch_add(1, Ordering::SeqCst);
            }
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{addr}"), count)
}

#[tokio::test]
async fn success_sends_once() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let rt = open_client(config(&server.uri()));
    assert_eq!(rt.send(&op()).await.expect("ok"), 204);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.body, br#"{"email":"someone@example.com"}"#);
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.headers["user-agent"], "vcode-core-tests/0.1.0");
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn attempt_timeout_may_have_been_sent_and_is_not_retried() {
    let server = server_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(2))).await;
    let mut cfg = config(&server.uri());
    cfg.set_attempt_timeout(Duration::from_millis(200));
    let err = open_client(cfg).send(&op()).await.expect_err("times out");
    assert!(err.is_timeout());
    assert_eq!(err.send_state(), SendState::MaybeSent);
    let SdkError::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.kind(), TimeoutKind::Attempt);
    assert_eq!(hits(&server).await, 1);
    assert_eq!(
        vcode_core::ErrorReport(&err).to_string(),
        "timeout: the attempt timed out after 200ms (may have been sent)"
    );
}

#[tokio::test]
async fn a_dispatch_errors_debug_names_the_root_cause() {
    let endpoint = refused_endpoint().await;
    let mut cfg = config(&endpoint);
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("refused");
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    // The operating system's words, not only reqwest's "error sending request".
    let mut root: &dyn std::error::Error = &err;
    while let Some(cause) = root.source() {
        root = cause;
    }
    assert!(format!("{err:?}").contains(&root.to_string()), "{err:?}");
}

#[tokio::test]
async fn refused_connection_is_not_sent_and_retried_per_policy() {
    let endpoint = refused_endpoint().await;
    let counting = clock(0);
    let mut cfg = config(&endpoint);
    cfg.set_clock(counting.clone());
    cfg.set_retry_policy(
        RetryPolicy::standard()
            .with_max_attempts(3)
            .with_initial_backoff(Duration::from_millis(10)),
    );
    let err = open_client(cfg).send(&op()).await.expect_err("refused");
    assert_eq!(err.send_state(), SendState::NotSent);
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    // One clock read per attempt (signing time): three attempts.
    assert_eq!(counting.reads.load(Ordering::SeqCst), 3);

    let counting = clock(0);
    let mut cfg = config(&endpoint);
    cfg.set_clock(counting.clone());
    cfg.set_retry_policy(RetryPolicy::never());
    let _ = open_client(cfg).send(&op()).await;
    assert_eq!(counting.reads.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn throttled_429_waits_for_retry_after_then_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_string(r#"{"error_code":"THROTTLED","error_msg":"slow down"}"#),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let started = Instant::now();
    let result = open_client(config(&server.uri())).send(&op()).await;
    let waited = started.elapsed();
    assert_eq!(result.expect("second attempt succeeds"), 204);
    assert_eq!(hits(&server).await, 2);
    assert!(waited >= Duration::from_millis(950), "waited {waited:?}");
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
}

#[tokio::test]
async fn a_429_without_a_json_body_is_still_throttling() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(ResponseTemplate::new(429).set_body_string("<html>busy</html>"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let mut cfg = config(&server.uri());
    cfg.set_retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5)));
    assert_eq!(open_client(cfg).send(&op()).await.expect("ok"), 204);
    assert_eq!(hits(&server).await, 2);
}

/// Issue 17, defect 3: the final error of a plain 429 said "unreadable response", not
/// throttling, and dropped its `Retry-After`.
#[tokio::test]
async fn a_plain_429_ends_as_a_throttling_error_with_its_retry_after() {
    let server = server_with(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "7")
            .set_body_string("<html>busy</html>"),
    )
    .await;
    let mut cfg = config(&server.uri());
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("throttled");
    assert!(err.is_throttling(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.http_status(), Some(429));
    assert_eq!(err.send_state(), SendState::Sent);
    let SdkError::Response(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.kind(), &ResponseErrorKind::Throttled);
    // A vendor code that is not a throttling one, answered with 429: still throttling.
    let server = server_with(
        ResponseTemplate::new(429).set_body_string(r#"{"error_code":"OTHER","error_msg":"x"}"#),
    )
    .await;
    let mut cfg = config(&server.uri());
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("throttled");
    assert!(err.is_throttling(), "{err:?}");
}

#[tokio::test]
async fn total_budget_stops_retries() {
    let server = server_with(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "2")
            .set_body_string(r#"{"error_code":"THROTTLED","error_msg":"slow down"}"#),
    )
    .await;
    let mut cfg = config(&server.uri());
    cfg.set_total_timeout(Duration::from_secs(1));
    let err = open_client(cfg)
        .send(&op())
        .await
        .expect_err("budget exhausted");
    assert!(err.is_throttling());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(hits(&server).await, 1);
}

/// Timeouts too long for the clock never fire, and never panic.
#[tokio::test]
async fn timeouts_beyond_the_clock_never_fire() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let mut cfg = config(&server.uri());
    cfg.set_attempt_timeout(Duration::MAX);
    cfg.set_total_timeout(Duration::MAX);
    assert_eq!(open_client(cfg).send(&op()).await.expect("ok"), 204);
    assert_eq!(hits(&server).await, 1);
}

#[tokio::test]
async fn total_timeout_fires_during_a_slow_attempt() {
    let server = server_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(3))).await;
    let mut cfg = config(&server.uri());
    cfg.set_total_timeout(Duration::from_millis(300));
    let err = open_client(cfg).send(&op()).await.expect_err("times out");
    assert_eq!(timeout_of(&err), (TimeoutKind::Total, SendState::MaybeSent));
}

/// The total timeout also bounds the wait for the rate limiter: the call ends without sending.
#[tokio::test]
async fn total_timeout_fires_while_waiting_for_the_rate_limit() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let mut cfg = config(&server.uri());
    cfg.set_rate_limit(Some(1));
    cfg.set_total_timeout(Duration::from_millis(300));
    let client = open_client(cfg);
    assert_eq!(client.send(&op()).await.expect("first slot is free"), 204);
    // The next slot is a second away.
    let started = Instant::now();
    let err = client.send(&op()).await.expect_err("times out");
    assert_eq!(timeout_of(&err), (TimeoutKind::Total, SendState::NotSent));
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(hits(&server).await, 1);
}

/// A clock whose reading stalls the thread, as a descheduled process would.
#[derive(Debug)]
struct StallingClock(Duration);

impl vcode_core::Clock for StallingClock {
    fn now(&self) -> SystemTime {
        std::thread::sleep(self.0);
        SystemTime::now()
    }
}

/// No attempt starts once the call's time is up, even when nothing was awaited while it ran
/// out (here the signing time's clock read, inside the request's preparation).
#[tokio::test]
async fn no_attempt_starts_after_the_total_timeout() {
    let server = server_with(ResponseTemplate::new(204)).await;
    let mut cfg = config(&server.uri());
    cfg.set_clock(Arc::new(StallingClock(Duration::from_millis(400))));
    cfg.set_total_timeout(Duration::from_millis(200));
    let err = open_client(cfg).send(&op()).await.expect_err("times out");
    assert_eq!(timeout_of(&err), (TimeoutKind::Total, SendState::NotSent));
    assert_eq!(hits(&server).await, 0);
}

#[tokio::test]
async fn oversized_response_is_a_typed_error() {
    let server = server_with(ResponseTemplate::new(200).set_body_string("x".repeat(100))).await;
    let mut cfg = config(&server.uri());
    cfg.set_max_response_bytes(16);
    let err = open_client(cfg).send(&op()).await.expect_err("too large");
    let SdkError::Response(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.kind(), &ResponseErrorKind::TooLarge { limit: 16 });
    assert_eq!(response.http_status(), 200);
    assert_eq!(hits(&server).await, 1);
}

#[tokio::test]
async fn unreadable_response_keeps_status_and_a_redacted_snippet() {
    let server = server_with(
        ResponseTemplate::new(502)
            .insert_header("x-request-id", "req-502")
            .set_body_string("<html>bad gateway for someone@example.com 13800000000</html>"),
    )
    .await;
    let err = open_client(config(&server.uri()))
        .send(&op())
        .await
        .expect_err("unreadable");
    let SdkError::Response(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.http_status(), 502);
    assert_eq!(err.request_id(), Some("req-502"));
    assert!(response.snippet().contains("bad gateway"));
    assert!(response.snippet().contains("s***@example.com"));
    assert!(response.snippet().contains("*******0000"));
    assert!(!response.snippet().contains("someone@"));
    assert_eq!(hits(&server).await, 1);
}

/// With the default policy, every failure after the request was sent reaches the server once.
#[tokio::test]
async fn default_policy_sends_exactly_once_for_every_processed_failure() {
    let cases: Vec<(&str, ResponseTemplate)> = vec![
        (
            "server error",
            ResponseTemplate::new(500)
                .set_body_string(r#"{"error_code":"X.500","error_msg":"internal"}"#),
        ),
        (
            "authentication",
            ResponseTemplate::new(401)
                .set_body_string(r#"{"error_code":"AUTH","error_msg":"bad signature"}"#),
        ),
        (
            "business limit",
            ResponseTemplate::new(400)
                .set_body_string(r#"{"error_code":"LIMIT","error_msg":"too many"}"#),
        ),
        (
            "business error under 200",
            ResponseTemplate::new(200)
                .set_body_string(r#"{"error_code":"OTHER","error_msg":"nope"}"#),
        ),
        (
            "malformed",
            ResponseTemplate::new(503).set_body_string("oops"),
        ),
        (
            "slow (attempt timeout)",
            ResponseTemplate::new(204).set_delay(Duration::from_secs(2)),
        ),
    ];
    for (name, template) in cases {
        let server = server_with(template).await;
        let mut cfg = config(&server.uri());
        cfg.set_attempt_timeout(Duration::from_millis(300));
        let err = open_client(cfg).send(&op()).await.expect_err(name);
        assert_ne!(err.send_state(), SendState::NotSent, "{name}");
        assert_eq!(hits(&server).await, 1, "{name}: {err:?}");
    }

    // Connection closed after the request was read: may have been sent, not retried.
    let (endpoint, seen) = closes_after_request().await;
    let err = open_client(config(&endpoint))
        .send(&op())
        .await
        .expect_err("closed");
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn business_limit_carries_the_documented_wait() {
    let server = server_with(
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "req-1")
            .set_body_string(r#"{"error_code":"LIMIT","error_msg":"too many"}"#),
    )
    .await;
    let err = open_client(config(&server.uri()))
        .send(&op())
        .await
        .expect_err("limit");
    assert_eq!(err.kind(), Some(&TestError::SendLimit));
    assert_eq!(err.code(), Some("LIMIT"));
    assert_eq!(err.request_id(), Some("req-1"));
    assert_eq!(err.http_status(), Some(400));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert!(!err.is_throttling());
    // Issue 37: `{e}` says what happened: the code, its meaning, the vendor's message and
    // the request id, on one line; the report repeats none of it.
    let line = "the vendor answered with an error: LIMIT: SendLimit; the vendor says \"too many\" (request id req-1)";
    assert_eq!(err.to_string(), line);
    assert_eq!(vcode_core::ErrorReport(&err).to_string(), line);
}

#[tokio::test]
async fn clock_skew_is_corrected_once_and_remembered() {
    let server = MockServer::start().await;
    let server_now = SystemTime::now();
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("date", httpdate::fmt_http_date(server_now).as_str())
                .set_body_string(r#"{"error_code":"SKEW","error_msg":"signature expired"}"#),
        )
        .mount(&server)
        .await;
    let mut cfg = config(&server.uri());
    // Our clock runs 15 minutes fast.
    cfg.set_clock(clock(900));
    let rt = toy_client(cfg, ToyKey::new("toy-id", "toy-secret"));
    let err = rt.send(&op()).await.expect_err("still skewed");
    assert_eq!(err.kind(), Some(&TestError::ClockSkew));
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2, "one retry, not more");
    let stamp = |i: usize| -> i64 {
        requests[i].headers["x-toy-time"]
            .to_str()
            .expect("text")
            .parse()
            .expect("number")
    };
    let correction = stamp(0) - stamp(1);
    assert!(
        (895..=905).contains(&correction),
        "corrected by {correction}"
    );
    assert!((-905..=-895).contains(&rt.clock_offset_secs()));

    // A later call signs with the learned offset from the start.
    let _ = rt.send(&op()).await;
    let requests = server.received_requests().await.expect("recorded");
    let third: i64 = requests[2].headers["x-toy-time"]
        .to_str()
        .expect("text")
        .parse()
        .expect("number");
    assert!((third - stamp(1)).abs() <= 5);
}

#[tokio::test]
async fn never_policy_does_not_retry_throttling() {
    let server = server_with(
        ResponseTemplate::new(429)
            .set_body_string(r#"{"error_code":"THROTTLED","error_msg":"slow down"}"#),
    )
    .await;
    let mut cfg = config(&server.uri());
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("throttled");
    assert!(err.is_throttling());
    assert_eq!(hits(&server).await, 1);
}

#[test]
fn endpoints_must_be_https_unless_loopback() {
    let check = |url: &str, insecure: bool| {
        let mut cfg = config(url);
        cfg.set_allow_insecure_http(insecure);
        cfg.resolve_endpoint(None).map(|u| u.to_string())
    };
    assert!(check("https://api.example.com", false).is_ok());
    assert!(check("http://127.0.0.1:8080", false).is_ok());
    assert!(check("http://[::1]:8080", false).is_ok());
    assert!(check("http://localhost:8080", false).is_ok());
    assert!(check("http://example.com", false).is_err());
    assert!(check("http://example.com", true).is_ok());
    assert!(check("ftp://example.com", true).is_err());
    assert!(check("https://user:pw@example.com", false).is_err());
    assert!(check("https://example.com/?q=1", false).is_err());
    assert!(check("not a url", false).is_err());
    assert!(
        vcode_core::ClientConfig::default()
            .resolve_endpoint(None)
            .is_err()
    );
}

#[test]
fn clients_and_errors_cross_threads() {
    fn send_sync_static<T: Send + Sync + 'static>() {}
    send_sync_static::<vcode_core::Client<ToyService>>();
    send_sync_static::<SdkError<TestError>>();
    send_sync_static::<vcode_core::CredentialsError>();
    send_sync_static::<vcode_core::PreparedRequest>();
}

/// Every `Display` in an error's `source()` chain, outermost first.
fn chain(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut lines = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        lines.push(cause.to_string());
        source = cause.source();
    }
    lines
}

/// The report of an error holds every line of its chain, each once.
fn assert_each_fact_once(err: &(dyn std::error::Error + 'static)) {
    let report = vcode_core::ErrorReport(err).to_string();
    for line in chain(err) {
        assert!(!line.is_empty(), "{report}");
        assert!(report.contains(&line), "{line} missing from {report}");
        assert_eq!(
            report.matches(&line).count(),
            1,
            "{line} repeated in {report}"
        );
    }
}

#[tokio::test]
async fn error_chains_state_each_fact_once_down_to_the_os_cause() {
    // A refused connection: the chain ends in the operating system's words.
    let mut cfg = config(&refused_endpoint().await);
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("refused");
    assert_each_fact_once(&err);
    // `{e}` names the cause and the send state on one line.
    assert_eq!(
        err.to_string(),
        "dispatch failure: connection refused (not sent)"
    );
    assert!(
        chain(&err).iter().any(|l| l.contains("Connection refused")),
        "{:#?}",
        chain(&err)
    );

    // A timeout.
    let server = server_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(2))).await;
    let mut cfg = config(&server.uri());
    cfg.set_attempt_timeout(Duration::from_millis(100));
    let err = open_client(cfg).send(&op()).await.expect_err("times out");
    assert_each_fact_once(&err);
    assert_eq!(
        err.to_string(),
        "timeout: the attempt timed out after 100ms (may have been sent)"
    );

    // A service error: the code once, in the innermost layer.
    let server = server_with(
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "req-9")
            .set_body_string(r#"{"error_code":"LIMIT","error_msg":"slow down"}"#),
    )
    .await;
    let err = open_client(config(&server.uri()))
        .send(&op())
        .await
        .expect_err("limited");
    assert_each_fact_once(&err);
    assert_eq!(
        err.to_string(),
        "the vendor answered with an error: LIMIT: SendLimit; the vendor says \"slow down\" (request id req-9)"
    );
}

/// Issue 17, defect 4: URL parsing drops tabs and line breaks, so a host holding them was
/// silently turned into another host.
#[test]
fn control_characters_in_an_endpoint_are_refused() {
    for raw in [
        "https://example.com\r\n.evil.com",
        "https://exa\tmple.com",
        "http://127.0.0.1:80\n80",
        " https://example.com",
    ] {
        let refused = vcode_core::ClientConfig::default()
            .check_endpoint(raw)
            .expect_err(raw);
        assert!(refused.to_string().contains("control"), "{refused}");
        assert!(!refused.to_string().contains('\n'), "{refused}");
    }
}

/// Issue 15: a response cut short keeps the connection error that cut it as its cause.
#[tokio::test]
async fn a_truncated_response_keeps_its_cause() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            // Promise 100 bytes, send 10, hang up.
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
                .await;
            let _ = socket.shutdown().await;
        }
    });
    let mut cfg = config(&format!("http://{addr}"));
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("cut short");
    let SdkError::Response(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.kind(), &ResponseErrorKind::Truncated);
    assert!(
        std::error::Error::source(response).is_some(),
        "the connection error is kept: {err:?}"
    );
    assert_eq!(err.send_state(), SendState::Sent);
}

/// Issue 35: an error's `Debug` and `Display` show header values and echoed bodies only
/// masked: a redirect whose `Location` echoes the query (the contact) and a body that echoes
/// the code and the phone number.
#[tokio::test]
async fn an_errors_debug_masks_echoed_headers_and_bodies() {
    let server = server_with(
        ResponseTemplate::new(302)
            .insert_header(
                "location",
                "https://elsewhere.example/v2?contact_value=13800000000&verify_code=654321",
            )
            .set_body_string(
                "wrong code 654321 for 13800000000 (someone@example.com), verify_code=654321",
            ),
    )
    .await;
    let mut cfg = config(&server.uri());
    cfg.set_retry_policy(RetryPolicy::never());
    let err = open_client(cfg).send(&op()).await.expect_err("a redirect");
    for shown in [
        format!("{err}"),
        format!("{err:?}"),
        format!("{err:#?}"),
        vcode_core::ErrorReport(&err).to_string(),
    ] {
        for personal in ["13800000000", "654321", "someone@example.com"] {
            assert!(!shown.contains(personal), "{personal} in {shown}");
        }
    }
    // What is left still says what happened.
    assert!(format!("{err:?}").contains("location"), "{err:?}");
}
