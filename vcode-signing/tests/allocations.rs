//! "Signing allocates only what the output needs": the exact number of heap allocations of
//! one signature, counted on this thread by a counting global allocator.

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use allocation_counter::measure;
use vcode_signing::{SignableBody, SignableRequest, huawei, tencent};

const BODY: &[u8] = br#"{"receiver_type":2,"timeout":5,"email":"someone@example.com"}"#;

fn allocations_of(sign: impl FnOnce()) -> u64 {
    measure(sign).count_total
}

#[test]
fn a_signature_allocates_only_what_its_output_holds() {
    let time = UNIX_EPOCH + Duration::from_secs(1_795_336_200);

    let request = SignableRequest::new(
        "POST",
        "/v2/bases/verificationcode/send",
        SignableBody::Bytes(BODY),
    )
    .header("Content-Type", "application/json")
    .header("Host", "bss-intl.myhuaweicloud.com")
    .header("X-Domain-Id", "0a1b2c3d4e5f");
    let signer = huawei::Signer::new("HPUAEXAMPLEAK1234567", "ExampleSecretKey");
    let huawei = allocations_of(|| {
        black_box(signer.sign(&request, time).expect("signs"));
    });
    // The canonical request + string to sign (one buffer), X-Sdk-Date, Authorization and the
    // list of headers to add.
    assert_eq!(huawei, 4, "Huawei signature allocations");

    let request = SignableRequest::new("POST", "/", SignableBody::Bytes(BODY))
        .header("Content-Type", "application/json")
        .header("Host", "intlpartnersmgt.tencentcloudapi.com");
    let signer = tencent::Signer::new("AKIDEXAMPLE", "ExampleSecretKey", "intlpartnersmgt");
    let tencent = allocations_of(|| {
        black_box(signer.sign(&request, time).expect("signs"));
    });
    // The same four: the buffer, X-TC-Timestamp, Authorization and the header list.
    assert_eq!(tencent, 4, "Tencent signature allocations");
}
