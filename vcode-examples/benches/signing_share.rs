//! What signing costs next to a whole client call: a signature (Huawei `SDK-HMAC-SHA256` for
//! BSS, Tencent `TC3-HMAC-SHA256` for SendVerifyCode) against the full call through the client
//! (validation, signing, HTTP on loopback, decoding) to a server that answers at once.
//!
//! Criterion reports each figure; the summary at the end runs both in interleaved rounds of the
//! same process and prints the median share of a call that signing takes. BENCHMARKS.md records
//! it. Run: `cargo bench -p vcode-examples --bench signing_share`

use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use criterion::{Criterion, criterion_group};
use vcode_examples::instant_server::InstantServer;
use vcode_signing::{SignableBody, SignableRequest, huawei, tencent};

const AK: &str = "HPUAEXAMPLEAK1234567";
const SK: &str = "ExampleSecretKeyForSigning0123456789abcd";
const SECRET_ID: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "EXAMPLEsecretkey0123456789abcdef";
const EMAIL: &str = "someone@example.com";
const BSS_BODY: &[u8] =
    br#"{"receiver_type":2,"timeout":5,"email":"someone@example.com","lang":"en-us"}"#;
const TC_BODY: &[u8] = br#"{"CountryCode":"852","PhoneNum":"18888888888"}"#;

/// One signature and one call of a vendor, each as a closure the bench can repeat.
struct Pair {
    name: &'static str,
    sign: Box<dyn Fn()>,
    call: Box<dyn Fn()>,
}

fn bss(runtime: &Rc<tokio::runtime::Runtime>) -> Pair {
    let server = InstantServer::start(204, "").expect("server");
    let client = huawei_bss::Client::builder()
        .endpoint(server.url())
        .credentials(huawei_bss::HuaweiAkSk::new(AK, SK).with_domain_id("0a1b2c3d4e5f"))
        .build()
        .expect("client");
    let input = huawei_bss::SendVerificationCodeInput::builder()
        .email(EMAIL)
        .timeout_minutes(5)
        .language(huawei_bss::Language::EnUs)
        .build()
        .expect("input");
    let signer = huawei::Signer::new(AK, SK);
    // The runtime itself, not a handle: only `Runtime::block_on` drives a current-thread
    // runtime's I/O.
    let runtime = Rc::clone(runtime);
    Pair {
        name: "bss",
        sign: Box::new(move || {
            let request = SignableRequest::new(
                "POST",
                "/v2/bases/verificationcode/send",
                SignableBody::Bytes(BSS_BODY),
            )
            .header("Content-Type", "application/json")
            .header("Host", "bss-intl.myhuaweicloud.com")
            .header("X-Domain-Id", "0a1b2c3d4e5f");
            let time = UNIX_EPOCH + Duration::from_secs(1_795_336_200);
            black_box(signer.sign(black_box(&request), time).expect("signed"));
        }),
        call: Box::new(move || {
            runtime
                .block_on(client.send(black_box(&input)))
                .expect("sent");
        }),
    }
}

fn tencent(runtime: &Rc<tokio::runtime::Runtime>) -> Pair {
    let server =
        InstantServer::start(200, r#"{"Response":{"RequestId":"bench"}}"#).expect("server");
    let client = tencent_partners::Client::builder()
        .endpoint(server.url())
        .credentials(tencent_partners::TencentCredentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .build()
        .expect("client");
    let input = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .build()
        .expect("input");
    let signer = tencent::Signer::new(SECRET_ID, SECRET_KEY, "intlpartnersmgt");
    // The runtime itself, not a handle: only `Runtime::block_on` drives a current-thread
    // runtime's I/O.
    let runtime = Rc::clone(runtime);
    Pair {
        name: "tencent",
        sign: Box::new(move || {
            let request = SignableRequest::new("POST", "/", SignableBody::Bytes(TC_BODY))
                .header("Content-Type", "application/json")
                .header("Host", "intlpartnersmgt.tencentcloudapi.com");
            let time = UNIX_EPOCH + Duration::from_secs(1_795_336_200);
            black_box(signer.sign(black_box(&request), time).expect("signed"));
        }),
        call: Box::new(move || {
            runtime
                .block_on(client.send(black_box(&input)))
                .expect("sent");
        }),
    }
}

fn runtime() -> Rc<tokio::runtime::Runtime> {
    Rc::new(
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime"),
    )
}

fn bench(c: &mut Criterion) {
    let runtime = runtime();
    for pair in [bss(&runtime), tencent(&runtime)] {
        c.bench_function(&format!("{}/sign", pair.name), |b| b.iter(&pair.sign));
        c.bench_function(&format!("{}/call", pair.name), |b| b.iter(&pair.call));
    }
}

/// Mean time of one run of `f` over `n` runs.
fn time_of(f: &dyn Fn(), n: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed() / n
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// Interleaved rounds of signatures and calls; prints the median of each and the share.
fn summary() {
    let runtime = runtime();
    println!("\nsigning as a share of a whole call on loopback (medians of 30 interleaved rounds)");
    for pair in [bss(&runtime), tencent(&runtime)] {
        // Warm the connection pool and the caches.
        time_of(&pair.call, 200);
        let (mut signs, mut calls) = (Vec::new(), Vec::new());
        for _ in 0..30 {
            signs.push(time_of(&pair.sign, 2_000));
            calls.push(time_of(&pair.call, 200));
        }
        let (sign, call) = (median(signs), median(calls));
        println!(
            "  {:8} sign {:>9.2?}  call {:>9.2?}  share {:.2}%",
            pair.name,
            sign,
            call,
            100.0 * sign.as_secs_f64() / call.as_secs_f64()
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
