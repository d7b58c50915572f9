//! What the send guard adds to a whole call: OSM `SendVerifyCodes` (a per-recipient cooldown,
//! no account rate) through the client to a loopback server that answers at once, without a
//! guard, with the in-memory store, and with the Redis store (feature `redis`): on a
//! `redis-server` and on a three-master Redis Cluster, both started here on 127.0.0.1. Each call
//! goes to a new address, so no call is refused. Rounds are interleaved in one process; the
//! medians and their ratios to the unguarded call are printed and recorded in BENCHMARKS.md. A
//! second unguarded client is the control: pin the run to one core, or cross-core wake-ups make
//! the two unguarded rows differ by up to 2x on a small VM.
//!
//! Run: `taskset -c 0 cargo bench -p vcode-examples --features redis --bench guard_latency`

use std::cell::Cell;
use std::time::{Duration, Instant};

use huawei_ticket::guard::SendGuard;
use huawei_ticket::{Client, ContactWay, HuaweiAkSk, SendVerifyCodesInput};
use vcode_examples::instant_server::InstantServer;

const CALLS_PER_ROUND: u32 = 2000;
const ROUNDS: usize = 7;

fn client(url: &str, guard: Option<SendGuard>) -> Client {
    let mut builder = Client::builder()
        .endpoint(url)
        .credentials(HuaweiAkSk::new("HPUAEXAMPLEAK1234567", "secret").with_domain_id("domain"));
    if let Some(guard) = guard {
        builder = builder.send_guard(guard);
    }
    builder.build().expect("client")
}

/// The mean time of one call over a round, each to a new address.
async fn round(client: &Client, counter: &Cell<u64>) -> Duration {
    let started = Instant::now();
    for _ in 0..CALLS_PER_ROUND {
        counter.set(counter.get() + 1);
        let input = SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value(format!("user{}@example.com", counter.get()))
            .build()
            .expect("input");
        client.send(&input).await.expect("sent");
    }
    started.elapsed() / CALLS_PER_ROUND
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once as a smoke test.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = InstantServer::start(200, r#"{"error_code":"","error_msg":""}"#).expect("server");
    let url = server.url();
    #[cfg(feature = "redis")]
    let redis = vcode_examples::redis_server::RedisServer::start_or_skip();
    #[cfg(feature = "redis")]
    let cluster = vcode_examples::redis_server::RedisCluster::start_or_skip();
    #[cfg(feature = "redis")]
    let secret = || {
        vcode_core::guard::RecipientSecret::new(*b"bench-secret-0123456789abcdefgh!")
            .expect("32 bytes")
    };
    // Without the `redis` feature nothing is added to it.
    #[cfg_attr(not(feature = "redis"), allow(unused_mut))]
    let mut clients = Vec::from([
        ("no guard", client(&url, None)),
        // A second unguarded client: the spread between the two unguarded rows is what noise
        // alone does to a row.
        ("no guard, again", client(&url, None)),
        ("memory store", client(&url, Some(SendGuard::in_memory()))),
    ]);
    #[cfg(feature = "redis")]
    if let Some(redis) = &redis {
        let store = huawei_ticket::guard::RedisStore::open(&redis.url()).expect("redis");
        clients.push((
            "redis node",
            client(&url, Some(SendGuard::new(store, secret()))),
        ));
    }
    #[cfg(feature = "redis")]
    if let Some(cluster) = &cluster {
        let store =
            huawei_ticket::guard::RedisStore::open_cluster(cluster.urls()).expect("redis cluster");
        clients.push((
            "redis cluster",
            client(&url, Some(SendGuard::new(store, secret()))),
        ));
    }
    let counter = Cell::new(0);
    let rounds = if quick { 1 } else { ROUNDS };
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); clients.len()];
    // Each round starts at the next client, so no client always follows the same one.
    for r in 0..rounds {
        for k in 0..clients.len() {
            let i = (r + k) % clients.len();
            times[i].push(runtime.block_on(round(&clients[i].1, &counter)));
        }
    }
    let base = median(times[0].clone());
    println!("guard latency, median of {rounds} interleaved rounds of {CALLS_PER_ROUND} calls:");
    for ((name, _), round_times) in clients.iter().zip(times) {
        let m = median(round_times);
        println!(
            "  {name:<15} {:>8.1} µs per call  {:.2}x",
            m.as_secs_f64() * 1e6,
            m.as_secs_f64() / base.as_secs_f64()
        );
    }
}
