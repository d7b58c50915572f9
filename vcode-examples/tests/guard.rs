//! Issue 20, one process: the send guard with the in-memory store, through real clients
//! against the sandbox: per-recipient limits, the account rate, reservations given back after a
//! not-sent failure and kept after a may-have-been-sent one.

use std::time::Duration;

use tencent_partners::guard::{GuardErrorKind, GuardLimit, SendGuard};
use tencent_partners::{Client, RetryPolicy, SdkError, SendState, TencentCredentials};
use vcode_sandbox::{DropPoint, Fault, Route, Sandbox};

fn client(endpoint: &str, guard: &SendGuard) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .retry_policy(RetryPolicy::never())
        .attempt_timeout(Duration::from_millis(500))
        .send_guard(guard.clone())
        .build()
        .expect("client")
}

async fn send(
    client: &Client,
    phone: &str,
) -> Result<(), tencent_partners::SdkError<tencent_partners::SendVerifyCodeError>> {
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num(phone)
        .send(client)
        .await
        .map(drop)
}

#[tokio::test]
async fn one_code_per_phone_then_a_typed_refusal_that_sent_nothing() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let guard = SendGuard::in_memory();
    // Two clients of one process share the guard.
    let a = client(sandbox.base_url(), &guard);
    let b = client(sandbox.base_url(), &guard);
    send(&a, "91234567").await.expect("first code");
    let err = send(&b, "9123 4567".replace(' ', "").as_str())
        .await
        .expect_err("second code within 60 s");
    let SdkError::Guarded(refused) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        refused.kind(),
        GuardErrorKind::Refused(GuardLimit::Recipient)
    );
    assert_eq!(err.send_state(), SendState::NotSent);
    let wait = err.retry_after().expect("a retry time");
    assert!(
        wait > Duration::from_secs(55) && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
    assert_eq!(
        sandbox.received().len(),
        1,
        "the refused send never reached the sandbox"
    );
    // Another phone is not affected (after the account rate's 50 ms spacing).
    tokio::time::sleep(Duration::from_millis(60)).await;
    send(&a, "91234568").await.expect("another phone");
}

#[tokio::test]
async fn a_reservation_is_given_back_after_a_not_sent_failure_and_kept_after_a_maybe_sent_one() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let guard = SendGuard::in_memory();
    // Nothing listens here: the request certainly was not sent, so the phone stays free.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    };
    let err = send(&client(&closed, &guard), "91230001")
        .await
        .expect_err("refused connection");
    assert_eq!(err.send_state(), SendState::NotSent);
    send(&client(sandbox.base_url(), &guard), "91230001")
        .await
        .expect("the reservation was given back");
    // (The account rate spaces sends 50 ms apart.)
    tokio::time::sleep(Duration::from_millis(60)).await;

    // The connection drops after the request was read: it may have been sent, so the phone
    // stays reserved.
    sandbox.inject(
        Route::TencentPartners,
        Fault::drop_connection(DropPoint::AfterReading).times(1),
    );
    let err = send(&client(sandbox.base_url(), &guard), "91230002")
        .await
        .expect_err("dropped");
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
    tokio::time::sleep(Duration::from_millis(60)).await;
    let again = send(&client(sandbox.base_url(), &guard), "91230002")
        .await
        .expect_err("still reserved");
    let SdkError::Guarded(kept) = &again else {
        panic!("{again:?}")
    };
    assert_eq!(kept.kind(), GuardErrorKind::Refused(GuardLimit::Recipient));
}

#[tokio::test]
async fn the_account_rate_spaces_sends_evenly() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let guard = SendGuard::in_memory();
    let client = client(sandbox.base_url(), &guard);
    let mut refused = 0;
    let started = std::time::Instant::now();
    let mut n = 0u32;
    while started.elapsed() < Duration::from_millis(1500) {
        n += 1;
        match send(&client, &format!("8{n:07}")).await {
            Ok(()) => {}
            Err(SdkError::Guarded(e)) => {
                assert_eq!(e.kind(), GuardErrorKind::Refused(GuardLimit::Rate));
                refused += 1;
                tokio::time::sleep(e.retry_after().expect("wait")).await;
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(refused > 0, "the guard had to space the sends");
    let times: Vec<i64> = sandbox.received().iter().map(|r| r.at_ms).collect();
    for (i, start) in times.iter().enumerate() {
        let in_second = times[i..].iter().take_while(|t| **t - start < 1000).count();
        assert!(in_second <= 20, "{in_second} requests within one second");
    }
    assert!(times.len() >= 25, "{} sends in 1.5 s", times.len());
}

/// A call dropped after the guard reserved but before its request could leave (here it waits
/// for the client's own rate limiter, and the caller's timeout drops it) gives the phone back;
/// one dropped while its request is at the vendor keeps it.
#[tokio::test]
async fn a_dropped_call_gives_its_reservation_back_unless_its_request_left() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let guard = SendGuard::in_memory();
    let limited = Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .retry_policy(RetryPolicy::never())
        .rate_limit(1)
        .send_guard(guard.clone())
        .build()
        .expect("client");
    let free = client(sandbox.base_url(), &guard);
    send(&limited, "93330001")
        .await
        .expect("takes the limiter's slot");
    // The next call reserves, then waits a second for the limiter: dropped after 200 ms.
    tokio::time::sleep(Duration::from_millis(60)).await;
    let dropped =
        tokio::time::timeout(Duration::from_millis(200), send(&limited, "93330002")).await;
    assert!(dropped.is_err(), "{dropped:?}");
    tokio::time::sleep(Duration::from_millis(60)).await;
    send(&free, "93330002").await.expect("the phone is free");
    assert_eq!(sandbox.received().len(), 2);

    // Dropped while the sandbox holds the request: it may have been sent, the phone stays held.
    sandbox.inject(
        Route::TencentPartners,
        vcode_sandbox::Fault::latency(Duration::from_secs(2)).times(1),
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    let dropped = tokio::time::timeout(Duration::from_millis(300), send(&free, "93330003")).await;
    assert!(dropped.is_err(), "{dropped:?}");
    tokio::time::sleep(Duration::from_millis(60)).await;
    let kept = send(&free, "93330003").await.expect_err("held");
    assert!(matches!(kept, SdkError::Guarded(_)), "{kept:?}");
}

/// The guard's check counts against the call's total timeout.
#[tokio::test]
async fn the_total_timeout_covers_the_guards_check() {
    use tencent_partners::guard::{GuardStore, Reservation, StoreFuture, Verdict};
    /// A store that takes a second to answer.
    #[derive(Debug)]
    struct Slow;
    impl GuardStore for Slow {
        fn reserve<'a>(&'a self, _: &'a Reservation) -> StoreFuture<'a, Verdict> {
            Box::pin(async {
                tokio::time::sleep(Duration::from_secs(1)).await;
                Ok(Verdict::Reserved)
            })
        }
        fn release<'a>(&'a self, _: &'a Reservation) -> StoreFuture<'a, ()> {
            Box::pin(async { Ok(()) })
        }
        fn release_unconfirmed<'a>(&'a self, _: &'a Reservation) -> StoreFuture<'a, ()> {
            Box::pin(async { Ok(()) })
        }
    }
    let sandbox = Sandbox::start().await.expect("sandbox");
    let secret =
        tencent_partners::guard::RecipientSecret::new(*b"sixteen bytes at least").expect("secret");
    let client = Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .total_timeout(Duration::from_millis(300))
        .send_guard(SendGuard::new(Slow, secret))
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    let err = send(&client, "93340001").await.expect_err("total timeout");
    let took = started.elapsed();
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == tencent_partners::TimeoutKind::Total),
        "{err:?}"
    );
    assert_eq!(err.send_state(), SendState::NotSent);
    assert!(took < Duration::from_millis(900), "{took:?}");
    assert!(sandbox.received().is_empty());
}
