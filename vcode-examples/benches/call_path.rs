//! What a client call costs next to a hand-written reqwest call: every vendor's full call
//! (validation, signing, HTTP/1.1 on loopback, decoding) against raw reqwest sending the same
//! request (same path, body and headers, built once) to the same instant loopback server, with
//! the same `reqwest::Client` settings.
//!
//! In one run, interleaved rounds measure for each vendor and for raw reqwest:
//! - CPU per call: the client thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`; the server runs
//!   on its own thread) over the calls of a round, one call at a time and 64 in flight (tasks on
//!   one current-thread runtime);
//! - throughput at 64 in flight (calls per second of wall time).
//!
//! A third side, "hand", does the vendor's work by hand around raw reqwest: each call
//! serializes the body, signs it with the `vcode-signing` signer, and parses the answer's JSON.
//! The SDK against it shows what the SDK's own call path (validation, typed decoding, timeouts,
//! retries, tracing) costs beyond the work any integration of these APIs does.
//!
//! Each ratio is the median of the rounds' own ratios: the sides run back to back in a
//! round (which goes first rotates), so a slow moment of a shared machine weighs on all sides.
//! On Linux it also prints the share of CPU time the host took from the machine (steal) during
//! the rounds: on a busy shared host, ratios move by a tenth or more from run to run.
//! `--profile sdk|raw|hand <vendor> <calls> [in flight]` runs only those calls, for
//! callgrind or perf.
//!
//! Then a burst of 10,000 concurrent calls, three times per side: the server and the client each
//! in a fresh process (one process holding both ends would need 20,000 sockets, the open-file
//! limit here, and would count the server's memory as the client's). It reports the
//! connections the server accepted, the client's peak resident memory growth, and how many
//! calls failed: a burst's figures only compare when none did.
//! BENCHMARKS.md records the figures.
//!
//! Run: `cargo bench -p vcode-examples --bench call_path` (`-- --quick` for a short run).

use std::future::Future;
use std::io::{BufRead, BufReader, Read};
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use vcode_core::reqwest;
use vcode_examples::instant_server::InstantServer;

/// A call's outcome: its error and the error's sources, as one line, when it failed.
type CallFuture = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;
type Call = Arc<dyn Fn() -> CallFuture + Send + Sync>;

const VENDORS: [&str; 4] = ["bss", "ticket", "cec", "tencent"];
const BURST: usize = 10_000;
/// Bursts per side and vendor.
const BURST_RUNS: usize = 3;

/// The bench's Huawei access key and secret key, for the SDK and the hand-written call.
const HUAWEI_KEYS: (&str, &str) = ("HPUAEXAMPLEAK1234567", "secret");
/// The bench's Tencent secret id and secret key.
const TENCENT_KEYS: (&str, &str) = ("AKIDEXAMPLE", "key");

/// The vendor's success answer.
fn answer(vendor: &str) -> (u16, &'static str) {
    match vendor {
        "bss" => (204, ""),
        "ticket" => (200, r#"{"error_code":"","error_msg":""}"#),
        "cec" => (200, r#"{"retCode":"200","retMsg":"success"}"#),
        _ => (200, r#"{"Response":{"RequestId":"bench"}}"#),
    }
}

/// The client a vendor crate builds by default, for raw reqwest too.
/// The connect timeout of the raw sides' clients.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A vendor's client and the input the bench sends with it.
#[derive(Clone)]
enum Sdk {
    Bss(huawei_bss::Client),
    Ticket(huawei_ticket::Client),
    Cec(cec_trial::Client),
    Tencent(tencent_partners::Client),
}

impl Sdk {
    fn new(vendor: &str, url: &str) -> Self {
        match vendor {
            "bss" => Self::Bss(
                huawei_bss::Client::builder()
                    .endpoint(url)
                    .credentials(
                        huawei_bss::HuaweiAkSk::new(HUAWEI_KEYS.0, HUAWEI_KEYS.1)
                            .with_domain_id("0a1b2c3d4e5f"),
                    )
                    .build()
                    .expect("client"),
            ),
            "ticket" => Self::Ticket(
                huawei_ticket::Client::builder()
                    .endpoint(url)
                    .credentials(
                        huawei_ticket::HuaweiAkSk::new(HUAWEI_KEYS.0, HUAWEI_KEYS.1)
                            .with_domain_id("0a1b2c3d4e5f"),
                    )
                    .build()
                    .expect("client"),
            ),
            "cec" => Self::Cec(
                cec_trial::Client::builder()
                    .endpoint(url)
                    .build()
                    .expect("client"),
            ),
            _ => Self::Tencent(
                tencent_partners::Client::builder()
                    .endpoint(url)
                    .credentials(tencent_partners::TencentCredentials::new(
                        TENCENT_KEYS.0,
                        TENCENT_KEYS.1,
                    ))
                    .build()
                    .expect("client"),
            ),
        }
    }

    /// One full call: the input built and validated, sent, the answer decoded.
    async fn call(&self) -> Result<(), String> {
        match self {
            Self::Bss(client) => client.send(&bss_input()).await.map(drop).map_err(chain),
            Self::Ticket(client) => client.send(&ticket_input()).await.map(drop).map_err(chain),
            Self::Cec(client) => client.send(&cec_input()).await.map(drop).map_err(chain),
            Self::Tencent(client) => client.send(&tencent_input()).await.map(drop).map_err(chain),
        }
    }

    /// The request a call sends, signed.
    async fn prepared(&self) -> vcode_core::PreparedRequest {
        match self {
            Self::Bss(client) => client.dry_run(&bss_input()).await.expect("prepared"),
            Self::Ticket(client) => client.dry_run(&ticket_input()).await.expect("prepared"),
            Self::Cec(client) => client.dry_run(&cec_input()).await.expect("prepared"),
            Self::Tencent(client) => client.dry_run(&tencent_input()).await.expect("prepared"),
        }
    }
}

fn bss_input() -> huawei_bss::SendVerificationCodeInput {
    huawei_bss::SendVerificationCodeInput::builder()
        .email("someone@example.com")
        .timeout_minutes(5)
        .build()
        .expect("input")
}

fn ticket_input() -> huawei_ticket::SendVerifyCodesInput {
    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .build()
        .expect("input")
}

fn cec_input() -> cec_trial::GenerateVerifyCodeInput {
    cec_trial::GenerateVerifyCodeInput::builder()
        .phone("+8613800000000")
        .build()
        .expect("input")
}

fn tencent_input() -> tencent_partners::SendVerifyCodeInput {
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .build()
        .expect("input")
}

/// The SDK's full call for `vendor`.
fn sdk_call(vendor: &str, url: &str) -> Call {
    let sdk = Sdk::new(vendor, url);
    Arc::new(move || {
        let sdk = sdk.clone();
        Box::pin(async move { sdk.call().await })
    })
}

/// The request the SDK sends for `vendor` (its own dry run), with its method, URL and
/// headers as reqwest's, less the headers named in `leave_out`.
fn sdk_request(
    vendor: &str,
    url: &str,
    runtime: &tokio::runtime::Runtime,
    leave_out: &[&str],
) -> (
    vcode_core::PreparedRequest,
    reqwest::Method,
    reqwest::Url,
    reqwest::header::HeaderMap,
) {
    let prepared = runtime.block_on(Sdk::new(vendor, url).prepared());
    let method = reqwest::Method::from_bytes(prepared.method().as_bytes()).expect("method");
    let url = reqwest::Url::parse(prepared.url()).expect("url");
    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in prepared.redacted_headers() {
        if !leave_out.contains(&name) {
            headers.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                reqwest::header::HeaderValue::from_str(value).expect("value"),
            );
        }
    }
    (prepared, method, url, headers)
}

/// Raw reqwest sending what the SDK sends for `vendor` (method, URL, headers and body taken
/// once from the SDK's own dry run), reading the whole answer.
fn raw_call(vendor: &str, url: &str, runtime: &tokio::runtime::Runtime) -> Call {
    let (prepared, method, url, headers) = sdk_request(vendor, url, runtime, &[]);
    let body = bytes::Bytes::copy_from_slice(prepared.body());
    let client = http_client();
    Arc::new(move || {
        let mut request = reqwest::Request::new(method.clone(), url.clone());
        *request.headers_mut() = headers.clone();
        *request.body_mut() = Some(body.clone().into());
        let client = client.clone();
        Box::pin(async move {
            let response = client.execute(request).await.map_err(chain)?;
            response.bytes().await.map_err(chain)?;
            Ok(())
        })
    })
}

/// The signer a hand-written integration would use for `vendor`, with the bench's keys.
enum HandSigner {
    None,
    Huawei(vcode_signing::huawei::Signer),
    Tencent(vcode_signing::tencent::Signer),
}

/// What the vendor's work costs done by hand around raw reqwest: each call serializes the body
/// (a `serde_json::Value`), signs it with the `vcode-signing` signer, adds the signer's
/// headers, sends, and parses the answer's JSON; no validation, tracing, retries, timeouts of
/// its own or typed errors. The SDK's call against this shows what its call path costs beyond
/// the work any integration of these APIs does.
fn hand_call(vendor: &str, url: &str, runtime: &tokio::runtime::Runtime) -> Call {
    // The request's own headers; the signer adds its date and `Authorization` each call.
    let signed = ["authorization", "x-sdk-date", "x-tc-timestamp"];
    let (prepared, method, url, headers) = sdk_request(vendor, url, runtime, &signed);
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let body: serde_json::Value = serde_json::from_slice(prepared.body()).expect("a JSON body");
    let signer = match vendor {
        "bss" | "ticket" => HandSigner::Huawei(vcode_signing::huawei::Signer::new(
            HUAWEI_KEYS.0,
            HUAWEI_KEYS.1,
        )),
        "tencent" => HandSigner::Tencent(vcode_signing::tencent::Signer::new(
            TENCENT_KEYS.0,
            TENCENT_KEYS.1,
            tencent_partners::SERVICE,
        )),
        _ => HandSigner::None,
    };
    let hand = Arc::new((http_client(), method, url, target, headers, body, signer));
    Arc::new(move || {
        let hand = hand.clone();
        Box::pin(async move {
            let (client, method, url, target, headers, body, signer) = &*hand;
            let body = serde_json::to_vec(body).map_err(chain)?;
            let mut headers = headers.clone();
            let signable = || {
                vcode_signing::SignableRequest::new(
                    method.as_str(),
                    target,
                    vcode_signing::SignableBody::Bytes(&body),
                )
                .header_map(&headers)
            };
            let now = std::time::SystemTime::now();
            let signed = match signer {
                HandSigner::None => None,
                HandSigner::Huawei(s) => Some(s.sign(&signable().map_err(chain)?, now)),
                HandSigner::Tencent(s) => Some(s.sign(&signable().map_err(chain)?, now)),
            };
            if let Some(output) = signed.transpose().map_err(chain)? {
                for added in output.into_headers() {
                    let name = reqwest::header::HeaderName::from_bytes(added.name().as_bytes())
                        .map_err(chain)?;
                    let value = reqwest::header::HeaderValue::try_from(added.into_value())
                        .map_err(chain)?;
                    headers.insert(name, value);
                }
            }
            let mut request = reqwest::Request::new(method.clone(), url.clone());
            *request.headers_mut() = headers;
            *request.body_mut() = Some(body.into());
            let response = client.execute(request).await.map_err(chain)?;
            let status = response.status();
            let answer = response.bytes().await.map_err(chain)?;
            if !status.is_success() {
                return Err(format!("http {status}"));
            }
            if !answer.is_empty() {
                serde_json::from_slice::<serde_json::Value>(&answer).map_err(chain)?;
            }
            Ok(())
        })
    })
}

/// An error and its sources, one line.
fn chain(error: impl std::error::Error + 'static) -> String {
    vcode_core::ErrorReport(&error).to_string()
}

/// This thread's CPU time so far, exact to the nanosecond (`CLOCK_THREAD_CPUTIME_ID`; the
/// kernel's `schedstat` files only move at scheduler ticks, 4 ms here).
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// No per-thread CPU clock here: the CPU columns read zero.
#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

/// `calls` calls, `in_flight` at a time, on the current-thread runtime: (CPU per call, calls
/// per second).
fn measure(
    runtime: &tokio::runtime::Runtime,
    call: &Call,
    calls: usize,
    in_flight: usize,
) -> (Duration, f64) {
    let cpu = thread_cpu();
    let wall = Instant::now();
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..in_flight {
            let call = call.clone();
            let each = calls / in_flight;
            tasks.spawn(async move {
                for _ in 0..each {
                    if let Err(error) = call().await {
                        panic!("a measured call failed: {error}");
                    }
                }
            });
        }
        while tasks.join_next().await.is_some() {}
    });
    let wall = wall.elapsed();
    let per_call = (thread_cpu() - cpu) / u32::try_from(calls).unwrap_or(u32::MAX);
    (per_call, calls as f64 / wall.as_secs_f64())
}

fn median<T: PartialOrd + Copy>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values[values.len() / 2]
}

/// The machine's stolen and total CPU time so far, in ticks (Linux's `/proc/stat`): how much a
/// shared host took from this virtual machine, to judge a run by.
fn machine_cpu() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .strip_prefix("cpu ")?
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal guest guest_nice; guests are in user.
    Some((*ticks.get(7)?, ticks.iter().take(8).sum()))
}

/// Peak resident memory of this process, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Child process: the instant server for `vendor`. Prints its URL, serves until its standard
/// input closes, then prints the connections it accepted. The burst's client runs in another
/// process, so that neither reaches the open-file limit (10,000 sockets on each side) and the
/// client's peak memory is its own.
fn serve(vendor: &str) {
    let (status, body) = answer(vendor);
    let server = InstantServer::start(status, body).expect("server");
    println!("{}", server.url());
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    println!("{}", server.connections());
}

/// Child process: one burst of `BURST` concurrent calls to the server at `url`; prints how many
/// failed and the peak memory, and the first failure on standard error.
fn burst(kind: &str, vendor: &str, url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let call = if kind == "raw" {
        raw_call(vendor, url, &runtime)
    } else {
        sdk_call(vendor, url)
    };
    let before = peak_kib();
    let (failed, first_failure) = runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..BURST {
            tasks.spawn(call());
        }
        let (mut failed, mut first) = (0, None);
        while let Some(outcome) = tasks.join_next().await {
            if let Err(error) = outcome.expect("a call task ends") {
                failed += 1;
                first.get_or_insert(error);
            }
        }
        (failed, first)
    });
    println!(
        "BURST failed={failed} peak_kib={} start_kib={before}",
        peak_kib()
    );
    if let Some(error) = first_failure {
        eprintln!("first failed call: {error}");
    }
}

/// One burst's figures.
struct Burst {
    connections: u64,
    peak_kib: u64,
    failed: u64,
}

/// Runs one burst of `kind` (`raw` or `sdk`) calls, its server and its client each in a fresh
/// process.
fn run_burst(kind: &str, vendor: &str) -> Burst {
    let exe = std::env::current_exe().expect("exe");
    let mut server = Command::new(&exe)
        .args(["--serve", vendor])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let mut line = || lines.next().and_then(Result::ok).unwrap_or_default();
    let url = line();
    let output = Command::new(&exe)
        .args(["--burst", kind, vendor, &url])
        .output()
        .expect("the burst runs");
    drop(server.stdin.take());
    let connections = line().trim().parse().unwrap_or(0);
    let _ = server.wait();
    let text = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    let result = text
        .lines()
        .find_map(|l| l.strip_prefix("BURST "))
        .unwrap_or_else(|| panic!("no burst result: {text} {errors}"));
    if !errors.trim().is_empty() {
        eprintln!("{kind} {vendor} burst: {}", errors.trim());
    }
    let field = |name: &str| -> u64 {
        result
            .split_whitespace()
            .find_map(|f| f.strip_prefix(name))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    Burst {
        connections,
        peak_kib: field("peak_kib=").saturating_sub(field("start_kib=")),
        failed: field("failed="),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        serve(&args[i + 1]);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--burst") {
        burst(&args[i + 1], &args[i + 2], &args[i + 3]);
        return;
    }
    // `--profile sdk|raw|hand <vendor> <calls> [in flight]`: only those calls (one at a
    // time unless told), for callgrind or perf.
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let vendor = &args[i + 2];
        let (status, body) = answer(vendor);
        let server = InstantServer::start(status, body).expect("server");
        let call = match args[i + 1].as_str() {
            "raw" => raw_call(vendor, &server.url(), &runtime),
            "hand" => hand_call(vendor, &server.url(), &runtime),
            _ => sdk_call(vendor, &server.url()),
        };
        let calls = args[i + 3].parse().expect("calls");
        let in_flight = args.get(i + 4).map_or(1, |n| n.parse().expect("in flight"));
        measure(&runtime, &call, calls, in_flight);
        return;
    }
    // `cargo test --benches` runs this once without `--bench`: a smoke run.
    let quick = !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--quick");
    let (rounds, calls) = if quick { (1, 256) } else { (15, 4096) };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "call path vs raw reqwest: medians of {rounds} interleaved rounds of {calls} calls \
         (CPU per call on the client thread; throughput at 64 in flight; each ratio is the \
         median of the rounds' own ratios)"
    );
    // A table of one side against a base, each ratio the median of the rounds' own ratios.
    let header = |base: &str, side: &str| {
        println!(
            "{:8} {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>9} {:>9} {:>7}",
            "vendor",
            format!("{base} c=1"),
            format!("{side} c=1"),
            "ratio",
            format!("{base} c=64"),
            format!("{side} c=64"),
            "ratio",
            format!("{base}/s"),
            format!("{side}/s"),
            "ratio"
        );
    };
    let row = |vendor: &str, [b1, s1, b64, s64, btp, stp]: [f64; 6], [r1, r64, rtp]: [f64; 3]| {
        println!(
            "{vendor:8} {b1:>8.1}µs {s1:>8.1}µs {r1:>6.2}x | {b64:>8.1}µs {s64:>8.1}µs {r64:>6.2}x | {btp:>9.0} {stp:>9.0} {rtp:>6.2}x",
        );
    };
    // The sides, by their place in `sides` and `figures`; each table is (side, base, ..).
    const RAW: usize = 0;
    const HAND: usize = 1;
    const SDK: usize = 2;
    let tables = [
        (SDK, RAW, "raw", "sdk", "the SDK against raw reqwest:"),
        (
            SDK,
            HAND,
            "hand",
            "sdk",
            "the SDK against the vendor's work done by hand around raw reqwest (body serialized \
             and signed per call, answer's JSON parsed):",
        ),
    ];
    // A table's row: vendor, the six medians (base and side), the three ratios.
    type Row = (&'static str, [f64; 6], [f64; 3]);
    let mut rows: Vec<Vec<Row>> = vec![Vec::new(); tables.len()];
    let cpu_before = machine_cpu();
    for vendor in VENDORS {
        let (status, body) = answer(vendor);
        let server = InstantServer::start(status, body).expect("server");
        let sides = [
            raw_call(vendor, &server.url(), &runtime),
            hand_call(vendor, &server.url(), &runtime),
            sdk_call(vendor, &server.url()),
        ];
        // Warm the pools.
        for side in &sides {
            measure(&runtime, side, 512, 64);
        }
        // Per round the sides run back to back, so a slow moment of the machine weighs on each
        // side of that round's ratios; which side goes first rotates.
        // Per side: CPU at c=1, CPU at c=64, throughput.
        let mut figures: [[Vec<f64>; 3]; 3] = Default::default();
        let micros = |d: Duration| d.as_secs_f64() * 1e6;
        for round in 0..rounds {
            for (calls, in_flight) in [(calls / 4, 1), (calls, 64)] {
                for k in 0..sides.len() {
                    let side = (round + k) % sides.len();
                    let (cpu, throughput) = measure(&runtime, &sides[side], calls, in_flight);
                    if in_flight == 1 {
                        figures[side][0].push(micros(cpu));
                    } else {
                        figures[side][1].push(micros(cpu));
                        figures[side][2].push(throughput);
                    }
                }
            }
        }
        let medians = |side: usize| figures[side].clone().map(median);
        for (rows, &(side, base, ..)) in rows.iter_mut().zip(&tables) {
            let ratios = [0, 1, 2].map(|m| {
                median(
                    figures[side][m]
                        .iter()
                        .zip(&figures[base][m])
                        .map(|(s, b)| s / b)
                        .collect(),
                )
            });
            let (b, s) = (medians(base), medians(side));
            rows.push((vendor, [b[0], s[0], b[1], s[1], b[2], s[2]], ratios));
        }
    }
    for (rows, (_, _, base, side, title)) in rows.into_iter().zip(tables) {
        println!("\n{title}");
        header(base, side);
        for (vendor, figures, ratios) in rows {
            row(vendor, figures, ratios);
        }
    }
    if let (Some((steal_before, total_before)), Some((steal, total))) = (cpu_before, machine_cpu())
    {
        println!(
            "steal: the host took {:.0}% of this machine's CPU time during these rounds",
            100.0 * (steal - steal_before) as f64 / (total - total_before).max(1) as f64
        );
    }
    if quick {
        return;
    }
    println!(
        "\nburst of {BURST} concurrent calls, client and server each in a fresh process; medians \
         of {BURST_RUNS} bursts per side, which goes first alternating (memory: the client \
         process's peak RSS growth):"
    );
    println!(
        "{:8} {:>10} {:>10} {:>7} | {:>12} {:>12} {:>7} | {:>11}",
        "vendor",
        "raw conns",
        "sdk conns",
        "ratio",
        "raw peak MiB",
        "sdk peak MiB",
        "ratio",
        "failed r/s"
    );
    for vendor in VENDORS {
        let (mut raw, mut sdk) = (Vec::new(), Vec::new());
        for run in 0..BURST_RUNS {
            if run % 2 == 0 {
                raw.push(run_burst("raw", vendor));
                sdk.push(run_burst("sdk", vendor));
            } else {
                sdk.push(run_burst("sdk", vendor));
                raw.push(run_burst("raw", vendor));
            }
        }
        let of =
            |runs: &[Burst], field: fn(&Burst) -> u64| median(runs.iter().map(field).collect());
        let (raw_conns, sdk_conns) = (of(&raw, |b| b.connections), of(&sdk, |b| b.connections));
        let (raw_kib, sdk_kib) = (of(&raw, |b| b.peak_kib), of(&sdk, |b| b.peak_kib));
        let failed = |runs: &[Burst]| runs.iter().map(|b| b.failed).sum::<u64>();
        println!(
            "{vendor:8} {raw_conns:>10} {sdk_conns:>10} {:>6.2}x | {:>12.1} {:>12.1} {:>6.2}x | {:>5}/{:<5}",
            sdk_conns as f64 / raw_conns.max(1) as f64,
            raw_kib as f64 / 1024.0,
            sdk_kib as f64 / 1024.0,
            sdk_kib as f64 / raw_kib.max(1) as f64,
            failed(&raw),
            failed(&sdk),
        );
    }
}
