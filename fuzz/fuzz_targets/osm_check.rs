#![no_main]
//! The `osm_check` decoder on fuzzer bytes: never panics, `Ok` only for the documented success shape.

use libfuzzer_sys::fuzz_target;
use vcode_examples::decoders::{check_osm_check, split};

fuzz_target!(|data: &[u8]| {
    let (status, body) = split(data);
    check_osm_check(status, body);
});
