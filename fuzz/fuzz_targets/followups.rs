#![no_main]
//! The decoders of the operations that follow the sends (BSS check/create/list, ticket
//! need-verify/has-verified, CEC applyTenant, Tencent CreateAccount and catalogues) on fuzzer
//! bytes: never panic, never a false success.

use libfuzzer_sys::fuzz_target;
use vcode_examples::decoders::{check_apply_tenant, check_huawei_data, check_tencent_data, split};

fuzz_target!(|data: &[u8]| {
    let (status, body) = split(data);
    check_huawei_data(status, body);
    check_apply_tenant(status, body);
    check_tencent_data(status, body);
});
