#![no_main]
//! The `bss` decoder on fuzzer bytes: never panics, `Ok` only for the documented success shape.

use libfuzzer_sys::fuzz_target;
use vcode_examples::decoders::{check_bss, split};

fuzz_target!(|data: &[u8]| {
    let (status, body) = split(data);
    check_bss(status, body);
});
