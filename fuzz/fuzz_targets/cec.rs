#![no_main]
//! The `cec` decoder on fuzzer bytes: never panics, `Ok` only for the documented success shape.

use libfuzzer_sys::fuzz_target;
use vcode_examples::decoders::{check_cec, split};

fuzz_target!(|data: &[u8]| {
    let (status, body) = split(data);
    check_cec(status, body);
});
