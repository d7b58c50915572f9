//! Every operation's error enum maps the vendor's codes one way (`VendorCode`): each code it
//! documents comes back as itself, says what it means, and is never "unrecognised"; a code no
//! table holds is kept as received.

use std::fmt::Display;

use vcode_core::VendorCode;

fn round_trip<E: VendorCode + Display + std::fmt::Debug>() {
    let name = std::any::type_name::<E>();
    let mut seen = 0;
    for code in E::documented_codes() {
        let error = E::from_code(code);
        assert_eq!(error.code(), code, "{name}: {error:?}");
        assert_ne!(
            error.to_string(),
            "unrecognised error code",
            "{name}: {code}"
        );
        seen += 1;
    }
    assert!(seen > 0, "{name} documents no code");
    for (code, error, description) in E::DOCUMENTED {
        assert_eq!(&E::from_code(code), error, "{name}: {code}");
        assert_eq!(error.to_string(), *description, "{name}: {code}");
    }
    let unknown = E::from_code("Brand.New.Code");
    assert_eq!(unknown.code(), "Brand.New.Code", "{name}");
    assert_eq!(unknown.description(), None, "{name}");
}

#[test]
fn every_operation_maps_its_documented_codes_and_keeps_unknown_ones() {
    round_trip::<huawei_bss::SendVerificationCodeError>();
    round_trip::<huawei_bss::CreateSubCustomerError>();
    round_trip::<huawei_bss::QueryError>();
    round_trip::<huawei_ticket::VerifyCodesError>();
    round_trip::<cec_trial::GenerateVerifyCodeError>();
    round_trip::<cec_trial::ApplyTenantError>();
    round_trip::<tencent_partners::SendVerifyCodeError>();
    round_trip::<tencent_partners::CreateAccountError>();
    round_trip::<tencent_partners::CatalogError>();
    round_trip::<tencent_partners::QueryCustomersCreditError>();
}
