//! Issue 20, a fleet: 4 processes sharing one `redis-server` or a three-master Redis Cluster
//! (started here on 127.0.0.1) through `RedisStore`, sending to the in-process sandbox, which
//! counts what reaches it.
//! The worker processes are this test binary again, running the ignored `fleet_worker` test.
#![cfg(feature = "redis")]

use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tencent_partners::guard::{FailureMode, GuardErrorKind, RedisStore, SendGuard};
use tencent_partners::{Client, RetryPolicy, SdkError, TencentCredentials};
use vcode_examples::redis_server::{RedisCluster, RedisServer, or_skip};
use vcode_sandbox::{Route, Sandbox};

const PROCESSES: usize = 4;

fn now_ms() -> u64 {
    u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after epoch")
            .as_millis(),
    )
    .expect("fits")
}

/// The fleet's recipient secret: the same in every process (the test's processes share it
/// as a deployment would through its secret store).
fn fleet_secret() -> tencent_partners::guard::RecipientSecret {
    tencent_partners::guard::RecipientSecret::new(*b"fleet-test-secret-0123456789abcd")
        .expect("32 bytes")
}

/// What `client` takes for a cluster: `cluster:` and the nodes' URLs separated by commas.
fn cluster_target(cluster: &RedisCluster) -> String {
    format!("cluster:{}", cluster.urls().join(","))
}

/// `redis` is one node's URL, or a [`cluster_target`].
async fn client(sandbox: &str, redis: &str, namespace: &str, mode: FailureMode) -> Client {
    let store = match redis.strip_prefix("cluster:") {
        Some(nodes) => RedisStore::open_cluster(nodes.split(',')),
        None => RedisStore::open(redis),
    }
    .expect("redis");
    Client::builder()
        .endpoint(sandbox)
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .retry_policy(RetryPolicy::never())
        .send_guard(
            SendGuard::new(store, fleet_secret())
                .namespace(namespace)
                .failure_mode(mode),
        )
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

/// What one worker process saw.
#[derive(Debug, Default)]
struct Tally {
    sent: usize,
    refused: usize,
    other: usize,
    min_retry_ms: u128,
}

/// One worker: runs only when the fleet test starts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a worker process of the fleet tests"]
async fn fleet_worker() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name}"));
    let (mode, sandbox, redis) = (var("FLEET_MODE"), var("FLEET_SANDBOX"), var("FLEET_REDIS"));
    let worker: u64 = var("FLEET_WORKER").parse().expect("worker id");
    let start: u64 = var("FLEET_START_MS").parse().expect("start");
    let client = client(
        &sandbox,
        &redis,
        &var("FLEET_NAMESPACE"),
        FailureMode::Closed,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(start.saturating_sub(now_ms()))).await;
    let mut tally = Tally {
        min_retry_ms: u128::MAX,
        ..Tally::default()
    };
    // Counts one outcome; answers the wait a refusal asks for.
    let mut count = |result: Result<
        (),
        tencent_partners::SdkError<tencent_partners::SendVerifyCodeError>,
    >|
     -> Option<Duration> {
        match result {
            Ok(()) => {
                tally.sent += 1;
                None
            }
            Err(SdkError::Guarded(e)) => {
                tally.refused += 1;
                let wait = e.retry_after().map_or(0, |w| w.as_millis());
                tally.min_retry_ms = tally.min_retry_ms.min(wait);
                if !matches!(e.kind(), GuardErrorKind::Refused(_)) {
                    tally.other += 1;
                }
                e.retry_after()
            }
            Err(other) => {
                eprintln!("worker {worker}: {other}");
                tally.other += 1;
                None
            }
        }
    };
    if mode == "same-phone" {
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { send(&client, "91234567").await })
            })
            .collect();
        for task in tasks {
            count(task.await.expect("joined"));
        }
    } else {
        let until = start + 5000;
        let mut n = 0u64;
        while now_ms() < until {
            n += 1;
            let phone = format!("{}", 80_000_000 + worker * 1_000_000 + n);
            if let Some(wait) = count(send(&client, &phone).await) {
                tokio::time::sleep(wait).await;
            }
        }
    }
    println!(
        "FLEET-RESULT sent={} refused={} other={} min_retry_ms={}",
        tally.sent, tally.refused, tally.other, tally.min_retry_ms
    );
}

/// Runs `PROCESSES` workers in `mode` and adds up what they printed.
fn run_fleet(mode: &str, sandbox: &str, redis: &str, namespace: &str) -> Tally {
    let start = now_ms() + 1500;
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..PROCESSES)
        .map(|worker| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "fleet_worker",
                    "--ignored",
                    "--nocapture",
                    "--test-threads",
                    "1",
                ])
                .env("FLEET_MODE", mode)
                .env("FLEET_SANDBOX", sandbox)
                .env("FLEET_REDIS", redis)
                .env("FLEET_NAMESPACE", namespace)
                .env("FLEET_WORKER", worker.to_string())
                .env("FLEET_START_MS", start.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("worker starts")
        })
        .collect();
    let mut total = Tally {
        min_retry_ms: u128::MAX,
        ..Tally::default()
    };
    for child in children {
        let output = child.wait_with_output().expect("worker ends");
        assert!(output.status.success(), "a worker failed");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("FLEET-RESULT ").map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("no result in {stdout}"));
        for field in line.split_whitespace().take(4) {
            let (name, value) = field.split_once('=').expect("name=value");
            let value: u128 = value.parse().expect("number");
            let value_usize = usize::try_from(value).unwrap_or(usize::MAX);
            match name {
                "sent" => total.sent += value_usize,
                "refused" => total.refused += value_usize,
                "other" => total.other += value_usize,
                "min_retry_ms" => total.min_retry_ms = total.min_retry_ms.min(value),
                _ => {}
            }
        }
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_two_hundred_tasks_one_phone_one_code() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    one_phone_one_code(redis.url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_cluster_four_processes_two_hundred_tasks_one_phone_one_code() {
    let Some(cluster) = RedisCluster::start_or_skip() else {
        return;
    };
    one_phone_one_code(cluster_target(&cluster)).await;
}

async fn one_phone_one_code(redis_url: String) {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let total = tokio::task::spawn_blocking(move || {
        run_fleet("same-phone", &url, &redis_url, "fleet-same")
    })
    .await
    .expect("joined");
    assert_eq!(total.sent, 1, "{total:?}");
    assert_eq!(total.refused, 199, "{total:?}");
    assert_eq!(total.other, 0, "{total:?}");
    assert!(
        total.min_retry_ms > 50_000,
        "a retry time near 60 s: {total:?}"
    );
    let reached: Vec<_> = sandbox
        .received()
        .into_iter()
        .filter(|r| r.route == Route::TencentPartners)
        .collect();
    assert_eq!(reached.len(), 1, "exactly one request reached the sandbox");
    assert_eq!(sandbox.outbox().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_stay_under_the_account_rate_together() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    under_the_account_rate(redis.url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_cluster_four_processes_stay_under_the_account_rate_together() {
    let Some(cluster) = RedisCluster::start_or_skip() else {
        return;
    };
    under_the_account_rate(cluster_target(&cluster)).await;
}

async fn under_the_account_rate(redis_url: String) {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let total =
        tokio::task::spawn_blocking(move || run_fleet("rate", &url, &redis_url, "fleet-rate"))
            .await
            .expect("joined");
    assert_eq!(
        total.other, 0,
        "no RequestLimitExceeded, no other error: {total:?}"
    );
    let times: Vec<i64> = sandbox
        .received()
        .iter()
        .filter(|r| r.route == Route::TencentPartners)
        .map(|r| r.at_ms)
        .collect();
    assert_eq!(times.len(), total.sent);
    // Every window of one second, wherever it starts.
    for (i, start) in times.iter().enumerate() {
        let within = times[i..].iter().take_while(|t| **t - start < 1000).count();
        assert!(within <= 20, "{within} requests within one second");
    }
    // The fleet did use the rate: about 19 a second for 5 s.
    assert!(total.sent >= 80, "{total:?}");
}

#[tokio::test]
async fn a_fleet_whose_redis_is_gone_fails_closed_or_open_as_chosen() {
    let Some(mut redis) = RedisServer::start_or_skip() else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("sandbox");
    let closed = client(
        sandbox.base_url(),
        &redis.url(),
        "gone",
        FailureMode::Closed,
    )
    .await;
    let open = client(sandbox.base_url(), &redis.url(), "gone", FailureMode::Open).await;
    send(&closed, "91110001").await.expect("guarded send");
    redis.kill();
    let err = send(&closed, "91110002").await.expect_err("fail closed");
    let SdkError::Guarded(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.kind(), GuardErrorKind::StoreUnavailable);
    assert_eq!(sandbox.received().len(), 1, "fail closed sent nothing");
    send(&open, "91110003").await.expect("fail open sends");
    assert_eq!(sandbox.received().len(), 2);
}

#[tokio::test]
async fn redis_gives_a_not_sent_reservation_back_and_keeps_a_maybe_sent_one() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("sandbox");
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    };
    let nowhere = client(&closed_port, &redis.url(), "release", FailureMode::Closed).await;
    let real = client(
        sandbox.base_url(),
        &redis.url(),
        "release",
        FailureMode::Closed,
    )
    .await;
    send(&nowhere, "92220001").await.expect_err("not sent");
    tokio::time::sleep(Duration::from_millis(60)).await;
    send(&real, "92220001").await.expect("given back");
    sandbox.inject(
        Route::TencentPartners,
        vcode_sandbox::Fault::drop_connection(vcode_sandbox::DropPoint::AfterReading).times(1),
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    let err = send(&real, "92220002").await.expect_err("maybe sent");
    assert_eq!(
        err.send_state(),
        tencent_partners::SendState::MaybeSent,
        "{err:?}"
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    let kept = send(&real, "92220002").await.expect_err("kept");
    assert!(matches!(kept, SdkError::Guarded(_)), "{kept:?}");
}

/// What the guard leaves in Redis: keys named by the hash of the recipient (never the number)
/// that expire by themselves.
#[tokio::test]
async fn the_keys_hash_the_recipient_and_expire_by_themselves() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = client(
        sandbox.base_url(),
        &redis.url(),
        "keys",
        FailureMode::Closed,
    )
    .await;
    send(&client, "93330001").await.expect("sent");
    let port = redis
        .url()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .expect("port")
        .to_owned();
    let cli = |args: &[&str]| {
        let output = Command::new("redis-cli")
            .args(["-p", &port])
            .args(args)
            .output()
            .expect("redis-cli runs");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    };
    let keys = cli(&["--scan", "--pattern", "{keys:*"]);
    let keys: Vec<&str> = keys.lines().collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    for key in keys {
        assert!(!key.contains("93330001"), "{key}");
        let ttl: i64 = cli(&["PTTL", key]).parse().expect("a number");
        assert!(ttl > 0, "{key} expires ({ttl} ms)");
        if key.contains("}:r:") {
            assert!(
                ttl <= 61_000,
                "the recipient key lives one cooldown: {ttl} ms"
            );
        }
    }
}

/// Every shape of check on a cluster: recipient only (as OSM's sends), rate only, both; each a
/// single-slot script, refused while the cooldown holds, free again once given back.
#[tokio::test]
async fn on_a_cluster_every_shape_of_check_reserves_refuses_and_releases() {
    use tencent_partners::guard::{
        GuardLimit, GuardStore, RateLimit, RecipientRule, Reservation, Verdict,
    };
    static COOLDOWN: [RecipientRule; 1] = [RecipientRule::cooldown(Duration::from_secs(60))];
    let Some(cluster) = RedisCluster::start_or_skip() else {
        return;
    };
    let store = RedisStore::open_cluster(cluster.urls()).expect("cluster");
    // Tags spread over the cluster's three masters.
    for tag in ["a", "b", "c", "d", "e", "f"] {
        let recipient = Some(format!("{{shapes-{tag}:osm}}:r:SendVerifyCode:abc"));
        let rate = Some(RateLimit {
            key: format!("{{shapes-{tag}:osm}}:rate:SendVerifyCode"),
            interval: Duration::from_secs(10),
            burst: 1,
        });
        let shapes = [
            (recipient.clone(), None, GuardLimit::Recipient),
            (None, rate.clone(), GuardLimit::Rate),
            (recipient, rate, GuardLimit::Recipient),
        ];
        for (n, (recipient_key, rate, refused_by)) in shapes.into_iter().enumerate() {
            let reservation = |id: &str| Reservation {
                recipient_key: recipient_key.clone(),
                rules: if recipient_key.is_some() {
                    &COOLDOWN
                } else {
                    &[]
                },
                rate: rate.clone(),
                id: format!("{tag}-{n}-{id}"),
            };
            let first = reservation("first");
            assert_eq!(
                store.reserve(&first).await.expect("reserve"),
                Verdict::Reserved,
                "{tag} {n}"
            );
            match store
                .reserve(&reservation("second"))
                .await
                .expect("reserve")
            {
                Verdict::Refused { limit, retry_after } => {
                    assert_eq!(limit, refused_by, "{tag} {n}");
                    assert!(retry_after > Duration::from_secs(5), "{retry_after:?}");
                }
                Verdict::Reserved => panic!("{tag} {n}: a second reservation went through"),
            }
            store.release(&first).await.expect("release");
            assert_eq!(
                store.reserve(&reservation("third")).await.expect("reserve"),
                Verdict::Reserved,
                "{tag} {n}: free again once given back"
            );
            store.release(&reservation("third")).await.expect("release");
        }
    }
}

/// `with_timeout` is the store's wait: a Redis paused for 2 s (`CLIENT PAUSE`) fails a check
/// under the default 1 s, and is waited for under 5 s.
#[tokio::test]
async fn with_timeout_is_the_wait_for_redis() {
    use tencent_partners::guard::{GuardStore, Reservation, StoreErrorKind, Verdict};
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let patient = RedisStore::open(&redis.url())
        .expect("redis")
        .with_timeout(Duration::from_secs(5));
    let hasty = RedisStore::open(&redis.url()).expect("redis");
    let reservation = |id: &str| Reservation {
        recipient_key: None,
        rules: &[],
        rate: None,
        id: id.to_owned(),
    };
    pause(&redis, 2000);
    let failed = hasty
        .reserve(&reservation("hasty"))
        .await
        .expect_err("timed out");
    assert_eq!(failed.kind(), StoreErrorKind::TimedOut, "{failed:?}");
    assert_eq!(
        failed.to_string(),
        "guard store did not answer in time: redis gave no answer within 1000 ms"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    pause(&redis, 2000);
    let started = std::time::Instant::now();
    let verdict = patient
        .reserve(&reservation("patient"))
        .await
        .expect("waited");
    assert_eq!(verdict, Verdict::Reserved);
    assert!(
        started.elapsed() > Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
}

/// `redis-cli -p <port> CLIENT PAUSE <ms> ALL`: Redis holds every command for `ms`.
fn pause(redis: &RedisServer, ms: u64) {
    let paused = Command::new("redis-cli")
        .args([
            "-p",
            &redis.port().to_string(),
            "CLIENT",
            "PAUSE",
            &ms.to_string(),
            "ALL",
        ])
        .output()
        .expect("redis-cli runs");
    assert!(paused.status.success(), "{paused:?}");
}

/// A check Redis answers only after the client gave up (the store's timeout, or the call's
/// total timeout) may still have been recorded: the reservation is given back by its id once
/// Redis answers, so the phone is free although the call failed.
#[tokio::test]
async fn a_check_redis_answers_too_late_leaves_the_phone_free() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("sandbox");
    let build = |store: RedisStore, total: Duration| {
        Client::builder()
            .endpoint(sandbox.base_url())
            .credentials(TencentCredentials::new(
                vcode_sandbox::TENCENT_SECRET_ID,
                vcode_sandbox::TENCENT_SECRET_KEY,
            ))
            .retry_policy(RetryPolicy::never())
            .total_timeout(total)
            .send_guard(SendGuard::new(store, fleet_secret()).namespace("late"))
            .build()
            .expect("client")
    };
    // The store's own 1 s timeout.
    let hasty = build(
        RedisStore::open(&redis.url()).expect("redis"),
        Duration::from_secs(10),
    );
    send(&hasty, "94440000").await.expect("connected");
    pause(&redis, 1500);
    let err = send(&hasty, "94440001").await.expect_err("store timed out");
    let SdkError::Guarded(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.kind(), GuardErrorKind::StoreUnavailable);
    assert_eq!(
        e.to_string(),
        "guard store did not answer in time: redis gave no answer within 1000 ms"
    );
    tokio::time::sleep(Duration::from_millis(800)).await;
    send(&hasty, "94440001").await.expect("the phone is free");

    // The call's 300 ms total timeout, the store willing to wait 5 s.
    let patient = build(
        RedisStore::open(&redis.url())
            .expect("redis")
            .with_timeout(Duration::from_secs(5)),
        Duration::from_millis(300),
    );
    pause(&redis, 1500);
    let started = std::time::Instant::now();
    let err = send(&patient, "94440002").await.expect_err("total timeout");
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == tencent_partners::TimeoutKind::Total),
        "{err:?}"
    );
    assert_eq!(err.send_state(), tencent_partners::SendState::NotSent);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    send(&hasty, "94440002").await.expect("the phone is free");
    assert_eq!(sandbox.received().len(), 3);
}

/// A call dropped between the guard's reservation and its request (waiting for the client's
/// own rate limiter) gives the phone back through Redis too.
#[tokio::test]
async fn a_dropped_call_gives_its_redis_reservation_back() {
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("sandbox");
    let guard = SendGuard::new(
        RedisStore::open(&redis.url()).expect("redis"),
        fleet_secret(),
    )
    .namespace("dropped");
    let build = |limit: Option<u32>| {
        let builder = Client::builder()
            .endpoint(sandbox.base_url())
            .credentials(TencentCredentials::new(
                vcode_sandbox::TENCENT_SECRET_ID,
                vcode_sandbox::TENCENT_SECRET_KEY,
            ))
            .retry_policy(RetryPolicy::never())
            .send_guard(guard.clone());
        match limit {
            Some(per_second) => builder.rate_limit(per_second),
            None => builder,
        }
        .build()
        .expect("client")
    };
    let limited = build(Some(1));
    let free = build(None);
    send(&limited, "95550001")
        .await
        .expect("takes the limiter's slot");
    tokio::time::sleep(Duration::from_millis(60)).await;
    let dropped =
        tokio::time::timeout(Duration::from_millis(200), send(&limited, "95550002")).await;
    assert!(dropped.is_err(), "{dropped:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    send(&free, "95550002").await.expect("the phone is free");
    assert_eq!(sandbox.received().len(), 2);
}

/// Redis down when the process starts: the store is made without it (it connects at the first
/// check), `FailureMode::Open` sends from the first call, `Closed` refuses saying Redis refused
/// the connection; once Redis is up the guard holds, and after a restart the first check
/// succeeds on a new connection.
#[tokio::test]
async fn redis_down_at_start_then_up_then_restarted() {
    let port = vcode_examples::redis_server::free_port().expect("port");
    let url = format!("redis://127.0.0.1:{port}/");
    let sandbox = Sandbox::start().await.expect("sandbox");
    let open = client(sandbox.base_url(), &url, "start", FailureMode::Open).await;
    let closed = client(sandbox.base_url(), &url, "start", FailureMode::Closed).await;
    send(&open, "96660001").await.expect("fail open sends");
    assert_eq!(sandbox.received().len(), 1);
    let err = send(&closed, "96660002").await.expect_err("fail closed");
    let SdkError::Guarded(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.kind(), GuardErrorKind::StoreUnavailable);
    assert_eq!(
        e.to_string(),
        "guard store unreachable: redis refused the connection"
    );
    assert_eq!(sandbox.received().len(), 1);

    let Some(mut redis) = or_skip(RedisServer::start_on(port)) else {
        return;
    };
    send(&closed, "96660002").await.expect("guarded send");
    tokio::time::sleep(Duration::from_millis(60)).await;
    let again = send(&closed, "96660002").await.expect_err("held");
    assert!(matches!(again, SdkError::Guarded(_)), "{again:?}");
    assert_eq!(sandbox.received().len(), 2);

    redis.kill();
    let Some(_redis) = or_skip(RedisServer::start_on(port)) else {
        return;
    };
    send(&closed, "96660003")
        .await
        .expect("the first check after the restart");
    assert_eq!(sandbox.received().len(), 3);
}

/// Redis records a reservation id once and gives back, unconfirmed, only what an id recorded:
/// the rate's schedule moves back for a recorded reservation and stays for a lost one.
#[tokio::test]
async fn redis_records_and_releases_by_id() {
    use tencent_partners::guard::{GuardStore, RateLimit, RecipientRule, Reservation, Verdict};
    static COOLDOWN: [RecipientRule; 1] = [RecipientRule::cooldown(Duration::from_secs(60))];
    let Some(redis) = RedisServer::start_or_skip() else {
        return;
    };
    let store = RedisStore::open(&redis.url()).expect("redis");
    let reservation = |id: &str| Reservation {
        recipient_key: Some("{t:v}:r:op:abc".to_owned()),
        rules: &COOLDOWN,
        rate: Some(RateLimit {
            key: "{t:v}:rate:op".to_owned(),
            interval: Duration::from_secs(10),
            burst: 1,
        }),
        id: id.to_owned(),
    };
    let schedule = || {
        let out = Command::new("redis-cli")
            .args(["-p", &redis.port().to_string(), "GET", "{t:v}:rate:op"])
            .output()
            .expect("redis-cli runs");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<f64>()
            .expect("a time")
    };
    let first = reservation("first");
    assert_eq!(
        store.reserve(&first).await.expect("reserve"),
        Verdict::Reserved
    );
    let once = schedule();
    assert_eq!(
        store.reserve(&first).await.expect("again"),
        Verdict::Reserved
    );
    assert!((schedule() - once).abs() < 1.0, "recorded once");
    let lost = reservation("lost");
    store.release_unconfirmed(&lost).await.expect("release");
    assert!(
        (schedule() - once).abs() < 1.0,
        "nothing recorded, nothing moved"
    );
    store.release_unconfirmed(&first).await.expect("release");
    assert!(
        (once - schedule() - 10_000.0).abs() < 1.0,
        "moved back one interval"
    );
    assert_eq!(
        store.reserve(&lost).await.expect("reserve"),
        Verdict::Reserved
    );
}
