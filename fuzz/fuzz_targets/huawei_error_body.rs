#![no_main]
//! The Huawei family's error-body parser on fuzzer bytes: never panics.

use libfuzzer_sys::fuzz_target;
use vcode_examples::decoders::check_huawei_error_body;

fuzz_target!(|data: &[u8]| {
    check_huawei_error_body(data);
});
