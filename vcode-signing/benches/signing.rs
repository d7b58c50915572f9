//! Signing cost against its floor: the hash and HMAC calls each scheme cannot avoid, on the
//! same inputs, measured in the same run. Also against a stricter "pre-keyed" floor, with the
//! secret key's HMAC key schedule done once, as the signers do. Both ratios are printed at the
//! end, with the earlier, unchained floor for comparison; BENCHMARKS.md records them.
//!
//! The floors call the primitives in the order the scheme forces: the canonical request holds
//! the body's digest and the string to sign holds the canonical request's digest, so no signer
//! can start one before the previous one has finished. Called independently, the CPU overlaps
//! them (worth 15–35 ns of a Huawei floor here), which no correct signer can do; a [`Link`] makes
//! each input depend on the previous digest, for one AND per link.
//!
//! Run: `cargo bench -p vcode-signing --bench signing`

use std::hint::black_box;
use std::time::{Duration, Instant, UNIX_EPOCH};

use criterion::{Criterion, criterion_group};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use vcode_signing::{SignableBody, SignableRequest, huawei, tencent};

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

/// How one floor call's input relates to the previous call's digest.
#[derive(Clone, Copy)]
enum Link {
    /// The input is read only once the digest is known, as in the scheme. The value is always
    /// zero, but hidden from the optimizer so the dependency stays.
    Chained(u8),
    /// Independent calls the CPU may overlap: the earlier, optimistic floor.
    Unchained,
}

impl Link {
    fn chained() -> Self {
        Self::Chained(black_box(0))
    }

    /// `input`, made to depend on `digest` when chained (one AND, no copy).
    fn after<'a>(self, digest: &[u8], input: &'a [u8]) -> &'a [u8] {
        match self {
            Self::Chained(zero) => &input[usize::from(digest[0] & zero)..],
            Self::Unchained => input,
        }
    }
}

/// A benchmarked function by name: a signer or one of its floors.
type Routine<'a> = (&'static str, Box<dyn FnMut() -> [u8; 32] + 'a>);

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Huawei floor: SHA-256 of the body, SHA-256 of the canonical request, one HMAC. `keyed` is
/// the secret key's keyed state for the pre-keyed floor; without it the key schedule is run.
fn huawei_floor(
    link: Link,
    keyed: Option<&HmacSha256>,
    canonical: &[u8],
    string_to_sign: &[u8],
) -> [u8; 32] {
    let body_hash = Sha256::digest(black_box(BSS_BODY));
    let canonical_hash = Sha256::digest(link.after(&body_hash, black_box(canonical)));
    let string_to_sign = link.after(&canonical_hash, black_box(string_to_sign));
    match keyed {
        Some(keyed) => keyed
            .clone()
            .chain_update(string_to_sign)
            .finalize()
            .into_bytes()
            .into(),
        None => hmac(BSS_SK.as_bytes(), string_to_sign),
    }
}

/// TC3 floor: two SHA-256 and four HMACs (the key chain plus the signature). The key chain
/// does not depend on the request, so it is not linked to the digests. `keyed` is the keyed
/// state of `"TC3" + secret key` for the pre-keyed floor.
fn tencent_floor(
    link: Link,
    keyed: Option<&HmacSha256>,
    canonical: &[u8],
    string_to_sign: &[u8],
    prefixed_key: &[u8],
) -> [u8; 32] {
    let k_date: [u8; 32] = match keyed {
        Some(keyed) => keyed
            .clone()
            .chain_update(b"2026-11-22")
            .finalize()
            .into_bytes()
            .into(),
        None => hmac(black_box(prefixed_key), b"2026-11-22"),
    };
    let body_hash = Sha256::digest(black_box(TC_BODY));
    let canonical_hash = Sha256::digest(link.after(&body_hash, black_box(canonical)));
    let k_service = hmac(&k_date, b"intlpartnersmgt");
    let k_signing = hmac(&k_service, b"tc3_request");
    hmac(
        &k_signing,
        link.after(&canonical_hash, black_box(string_to_sign)),
    )
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
    let (bss_canonical, bss_sts) = (
        bss_out.canonical_request().as_bytes(),
        bss_out.string_to_sign().as_bytes(),
    );
    let (tc_canonical, tc_sts) = (
        tc_out.canonical_request().as_bytes(),
        tc_out.string_to_sign().as_bytes(),
    );
    let chained = Link::chained();

    // Each scheme's signer and floors, by name; the same closures feed criterion and the
    // interleaved ratios below.
    let mut huawei: [Routine<'_>; 4] = [
        (
            "huawei/sign_bss",
            Box::new(|| {
                drop(black_box(bss_signer.sign(black_box(&request), bss_time)));
                [0; 32]
            }),
        ),
        (
            "huawei/floor",
            Box::new(|| huawei_floor(chained, None, bss_canonical, bss_sts)),
        ),
        (
            "huawei/floor_prekeyed",
            Box::new(|| huawei_floor(chained, Some(&bss_keyed), bss_canonical, bss_sts)),
        ),
        (
            "huawei/floor_unchained",
            Box::new(|| huawei_floor(Link::Unchained, None, bss_canonical, bss_sts)),
        ),
    ];
    let mut tencent: [Routine<'_>; 4] = [
        (
            "tencent/sign_send_verify_code",
            Box::new(|| {
                drop(black_box(tc_signer.sign(black_box(&tc_req), tc_time)));
                [0; 32]
            }),
        ),
        (
            "tencent/floor",
            Box::new(|| tencent_floor(chained, None, tc_canonical, tc_sts, &tc_key)),
        ),
        (
            "tencent/floor_prekeyed",
            Box::new(|| tencent_floor(chained, Some(&tc_keyed), tc_canonical, tc_sts, &tc_key)),
        ),
        (
            "tencent/floor_unchained",
            Box::new(|| tencent_floor(Link::Unchained, None, tc_canonical, tc_sts, &tc_key)),
        ),
    ];

    // A floor that did not compute the signature would not be a floor of it.
    for (routines, signature) in [
        (&mut huawei, bss_out.signature()),
        (&mut tencent, tc_out.signature()),
    ] {
        for (name, floor) in &mut routines[1..] {
            assert_eq!(
                hex::encode(floor()),
                signature,
                "{name} ends in the signature"
            );
        }
    }

    let mut group = c.benchmark_group("signing");
    for (name, routine) in huawei.iter_mut().chain(tencent.iter_mut()) {
        group.bench_function(*name, |b| b.iter(&mut *routine));
    }
    group.finish();

    // Criterion reports each function alone; the ratios need them in one process, so time
    // each signer interleaved with its floors here as well (same inputs, same run): the best
    // of 100 rounds of 2,000 calls each, signer time over floor time.
    let ratios = |routines: &mut [Routine<'_>; 4]| -> [f64; 3] {
        const ROUNDS: usize = 100;
        const CALLS: u32 = 2_000;
        let mut best = [f64::MAX; 4];
        for _ in 0..ROUNDS {
            for (best, (_, routine)) in best.iter_mut().zip(routines.iter_mut()) {
                let start = Instant::now();
                for _ in 0..CALLS {
                    black_box(routine());
                }
                *best = best.min(start.elapsed().as_secs_f64());
            }
        }
        [best[0] / best[1], best[0] / best[2], best[0] / best[3]]
    };
    let [huawei_floor, huawei_prekeyed, huawei_unchained] = ratios(&mut huawei);
    let [tencent_floor, tencent_prekeyed, tencent_unchained] = ratios(&mut tencent);
    println!("ratio signer/floor: huawei {huawei_floor:.2}x, tencent {tencent_floor:.2}x");
    println!(
        "ratio signer/pre-keyed floor: huawei {huawei_prekeyed:.2}x, tencent {tencent_prekeyed:.2}x"
    );
    println!(
        "ratio signer/unchained floor: huawei {huawei_unchained:.2}x, tencent {tencent_unchained:.2}x"
    );
}

criterion_group!(signing, benches);

fn main() {
    signing();
    Criterion::default().configure_from_args().final_summary();
}
