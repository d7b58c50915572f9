//! Signing cost against its floor: the hash and HMAC calls each scheme cannot avoid, on the
//! same inputs, measured in the same run. Also against a stricter "pre-keyed" floor, with the
//! secret key's HMAC key schedule done once, as the signers do. Both ratios are printed at the
//! end; BENCHMARKS.md records them.
//!
//! Run: `cargo bench -p sdk-signing --bench signing`

use std::hint::black_box;
use std::time::{Duration, Instant, UNIX_EPOCH};

use criterion::{Criterion, criterion_group};
use hmac::{Hmac, KeyInit, Mac};
use sdk_signing::{SignableBody, SignableRequest, huawei, tencent};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

// The BSS and SendVerifyCode requests of tests/data/signing.json.
const BSS_BODY: &[u8] =
    br#"{"receiver_type":2,"timeout":5,"email":"someone@example.com","lang":"en-us"}"#;
const BSS_SK: &str = "ExampleSecretKeyForSigning0123456789abcd";
const TC_BODY: &[u8] = br#"{"CountryCode":"852","PhoneNum":"18888888888"}"#;
const TC_SK: &str = "EXAMPLEsecretkey0123456789abcdef";
const BSS_TIME: u64 = 1_795_336_200;
const TC_TIME: u64 = 1_795_336_200;

fn bss_request() -> SignableRequest<'static> {
    SignableRequest::new(
        "POST",
        "/v2/bases/verificationcode/send",
        SignableBody::Bytes(BSS_BODY),
    )
    .header("Content-Type", "application/json")
    .header("Host", "bss-intl.myhuaweicloud.com")
    .header("X-Domain-Id", "0a1b2c3d4e5f")
}

fn tencent_request() -> SignableRequest<'static> {
    SignableRequest::new("POST", "/", SignableBody::Bytes(TC_BODY))
        .header("Content-Type", "application/json")
        .header("Host", "intlpartnersmgt.tencentcloudapi.com")
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Huawei floor: SHA-256 of the body, SHA-256 of the canonical request, one HMAC.
fn huawei_floor(canonical: &[u8], string_to_sign: &[u8]) -> [u8; 32] {
    black_box(Sha256::digest(black_box(BSS_BODY)));
    black_box(Sha256::digest(black_box(canonical)));
    hmac(BSS_SK.as_bytes(), black_box(string_to_sign))
}

/// TC3 floor: two SHA-256 and four HMACs (the key chain plus the signature).
fn tencent_floor(canonical: &[u8], string_to_sign: &[u8], prefixed_key: &[u8]) -> [u8; 32] {
    let k_date = hmac(black_box(prefixed_key), b"2026-11-22");
    tencent_floor_from_date_key(canonical, string_to_sign, k_date)
}

fn tencent_floor_from_date_key(
    canonical: &[u8],
    string_to_sign: &[u8],
    k_date: [u8; 32],
) -> [u8; 32] {
    black_box(Sha256::digest(black_box(TC_BODY)));
    black_box(Sha256::digest(black_box(canonical)));
    let k_service = hmac(&k_date, b"intlpartnersmgt");
    let k_signing = hmac(&k_service, b"tc3_request");
    hmac(&k_signing, black_box(string_to_sign))
}

// The stricter baselines: the same primitives with the secret key's HMAC key schedule done
// once, outside the loop, as the signers do (they keep the keyed state).

fn huawei_floor_prekeyed(keyed: &HmacSha256, canonical: &[u8], string_to_sign: &[u8]) -> [u8; 32] {
    black_box(Sha256::digest(black_box(BSS_BODY)));
    black_box(Sha256::digest(black_box(canonical)));
    keyed
        .clone()
        .chain_update(black_box(string_to_sign))
        .finalize()
        .into_bytes()
        .into()
}

fn tencent_floor_prekeyed(keyed: &HmacSha256, canonical: &[u8], string_to_sign: &[u8]) -> [u8; 32] {
    let k_date = keyed
        .clone()
        .chain_update(b"2026-11-22")
        .finalize()
        .into_bytes()
        .into();
    tencent_floor_from_date_key(canonical, string_to_sign, k_date)
}

fn benches(c: &mut Criterion) {
    let bss_signer = huawei::Signer::new("HPUAEXAMPLEAK1234567", BSS_SK);
    let tc_signer = tencent::Signer::new(
        "AKIDEXAMPLEsecretid0123456789abcdef",
        TC_SK,
        "intlpartnersmgt",
    );
    let bss_time = UNIX_EPOCH + Duration::from_secs(BSS_TIME);
    let tc_time = UNIX_EPOCH + Duration::from_secs(TC_TIME);
    let request = bss_request();
    let bss_out = bss_signer.sign(&request, bss_time).expect("signs");
    let tc_req = tencent_request();
    let tc_out = tc_signer.sign(&tc_req, tc_time).expect("signs");
    let tc_key = [b"TC3".as_slice(), TC_SK.as_bytes()].concat();
    let bss_keyed = HmacSha256::new_from_slice(BSS_SK.as_bytes()).expect("any key length");
    let tc_keyed = HmacSha256::new_from_slice(&tc_key).expect("any key length");

    let mut group = c.benchmark_group("signing");
    group.bench_function("huawei/sign_bss", |b| {
        b.iter(|| bss_signer.sign(black_box(&request), bss_time))
    });
    group.bench_function("huawei/floor", |b| {
        b.iter(|| {
            huawei_floor(
                bss_out.canonical_request().as_bytes(),
                bss_out.string_to_sign().as_bytes(),
            )
        })
    });
    group.bench_function("huawei/floor_prekeyed", |b| {
        b.iter(|| {
            huawei_floor_prekeyed(
                &bss_keyed,
                bss_out.canonical_request().as_bytes(),
                bss_out.string_to_sign().as_bytes(),
            )
        })
    });
    group.bench_function("tencent/sign_send_verify_code", |b| {
        b.iter(|| tc_signer.sign(black_box(&tc_req), tc_time))
    });
    group.bench_function("tencent/floor", |b| {
        b.iter(|| {
            tencent_floor(
                tc_out.canonical_request().as_bytes(),
                tc_out.string_to_sign().as_bytes(),
                &tc_key,
            )
        })
    });
    group.bench_function("tencent/floor_prekeyed", |b| {
        b.iter(|| {
            tencent_floor_prekeyed(
                &tc_keyed,
                tc_out.canonical_request().as_bytes(),
                tc_out.string_to_sign().as_bytes(),
            )
        })
    });
    group.finish();

    // Criterion reports each function alone; the ratios need both in one process, so time
    // each signer interleaved with its floors here as well (same inputs, same run).
    let time_batch = |f: &mut dyn FnMut()| -> f64 {
        const ITERS: u32 = 2_000;
        let start = Instant::now();
        for _ in 0..ITERS {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let ratios = |signer: &mut dyn FnMut(), floor: &mut dyn FnMut(), prekeyed: &mut dyn FnMut()| {
        const ROUNDS: usize = 100;
        let mut best = [f64::MAX; 3];
        for _ in 0..ROUNDS {
            best[0] = best[0].min(time_batch(signer));
            best[1] = best[1].min(time_batch(floor));
            best[2] = best[2].min(time_batch(prekeyed));
        }
        (best[0] / best[1], best[0] / best[2])
    };
    let (bss_canonical, bss_sts) = (bss_out.canonical_request(), bss_out.string_to_sign());
    let huawei = ratios(
        &mut || {
            let _ = black_box(bss_signer.sign(black_box(&request), bss_time));
        },
        &mut || {
            black_box(huawei_floor(bss_canonical.as_bytes(), bss_sts.as_bytes()));
        },
        &mut || {
            black_box(huawei_floor_prekeyed(
                &bss_keyed,
                bss_canonical.as_bytes(),
                bss_sts.as_bytes(),
            ));
        },
    );
    let (tc_canonical, tc_sts) = (tc_out.canonical_request(), tc_out.string_to_sign());
    let tencent = ratios(
        &mut || {
            let _ = black_box(tc_signer.sign(black_box(&tc_req), tc_time));
        },
        &mut || {
            black_box(tencent_floor(
                tc_canonical.as_bytes(),
                tc_sts.as_bytes(),
                &tc_key,
            ));
        },
        &mut || {
            black_box(tencent_floor_prekeyed(
                &tc_keyed,
                tc_canonical.as_bytes(),
                tc_sts.as_bytes(),
            ));
        },
    );
    println!(
        "ratio signer/floor: huawei {:.2}x, tencent {:.2}x",
        huawei.0, tencent.0
    );
    println!(
        "ratio signer/pre-keyed floor: huawei {:.2}x, tencent {:.2}x",
        huawei.1, tencent.1
    );
}

criterion_group!(signing, benches);

fn main() {
    signing();
    Criterion::default().configure_from_args().final_summary();
}
