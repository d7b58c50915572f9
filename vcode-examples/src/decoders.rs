//! The vendors' documented success shapes, and checks that every decoder answers `Ok` for
//! exactly those: shared by the property tests (`tests/decoders.rs`) and the fuzz targets
//! (`fuzz/`). Every check panics on a mismatch.

use serde_json::{Map, Value};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation};

fn response(status: u16, body: &[u8]) -> HttpResponse {
    HttpResponse::new(status, vcode_core::http::HeaderMap::new(), body.to_vec())
}

fn object(body: &[u8]) -> Option<Map<String, Value>> {
    serde_json::from_slice(body).ok()
}

fn is_2xx(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Huawei (BSS and OSM, for the operations whose success carries no data), the family's one
/// rule: a 2xx with an empty body, or a JSON object whose error code is absent, empty, `null`
/// or `CBC.0000`, with no code, message or request id field of a type the services never send
/// before a usable one.
pub fn huawei_no_data_success(status: u16, body: &[u8]) -> bool {
    if !is_2xx(status) {
        return false;
    }
    if body.trim_ascii().is_empty() {
        return true;
    }
    let Some(o) = object(body) else { return false };
    // Each field's keys in order of preference: the first usable value wins; a value of the
    // wrong type met before it makes the body unreadable.
    let first = |keys: &[&str]| -> Result<Option<String>, ()> {
        for key in keys {
            match o.get(*key) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) if s.is_empty() => {}
                Some(Value::String(s)) => return Ok(Some(s.clone())),
                Some(Value::Number(n)) => return Ok(Some(n.to_string())),
                Some(_) => return Err(()),
            }
        }
        Ok(None)
    };
    let (Ok(code), Ok(_), Ok(_)) = (
        first(&["error_code", "code", "errorCode"]),
        first(&["error_msg", "message", "errorMsg", "error_message"]),
        first(&["request_id", "requestId"]),
    ) else {
        return false;
    };
    code.is_none_or(|c| c == "CBC.0000")
}

/// CEC: HTTP 200 with `retCode` 200 (string or number).
pub fn cec_success(status: u16, body: &[u8]) -> bool {
    status == 200
        && object(body).is_some_and(|o| match o.get("retCode") {
            Some(Value::String(s)) => s == "200",
            Some(Value::Number(n)) => n.to_string() == "200",
            _ => false,
        })
}

/// Tencent API 3.0: `{"Response": {"RequestId": "...", ...}}` without `Response.Error`.
pub fn tencent_success(body: &[u8]) -> bool {
    object(body).is_some_and(|o| {
        o.get("Response")
            .and_then(Value::as_object)
            .is_some_and(|r| {
                matches!(r.get("RequestId"), Some(Value::String(_)))
                    && r.get("Error").is_none_or(Value::is_null)
            })
    })
}

/// Whether an operation's decoder answers `Ok` for this response.
fn ok<O: Operation>(input: &O, status: u16, body: &[u8]) -> bool {
    match input.parse(response(status, body)) {
        Ok(_) => true,
        Err(Failure::Service(_) | Failure::Response(_)) => false,
    }
}

/// BSS `SendVerificationMessageCode`.
pub fn check_bss(status: u16, body: &[u8]) {
    let bss = huawei_bss::SendVerificationCodeInput::builder()
        .email("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&bss, status, body),
        huawei_no_data_success(status, body),
        "BSS"
    );
}

/// OSM `SendVerifyCodes`.
pub fn check_osm_send(status: u16, body: &[u8]) {
    let send = huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&send, status, body),
        huawei_no_data_success(status, body),
        "OSM send"
    );
}

/// OSM `CheckVerifyCodes`.
pub fn check_osm_check(status: u16, body: &[u8]) {
    let check = huawei_ticket::CheckVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .verify_code("123456")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&check, status, body),
        huawei_no_data_success(status, body),
        "OSM check"
    );
}

/// CEC `generateverifycode`.
pub fn check_cec(status: u16, body: &[u8]) {
    let cec = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .build()
        .expect("valid");
    assert_eq!(ok(&cec, status, body), cec_success(status, body), "CEC");
}

/// Tencent `SendVerifyCode`.
pub fn check_tencent(status: u16, body: &[u8]) {
    let tencent = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("91234567")
        .build()
        .expect("valid");
    assert_eq!(ok(&tencent, status, body), tencent_success(body), "Tencent");
}

/// The Huawei family's error-body parser: never panics, and what it reads is never an empty
/// field (empty fields are absent).
pub fn check_huawei_error_body(body: &[u8]) {
    if let Some(parsed) = vcode_huawei::HuaweiErrorBody::parse(body) {
        let fields = [&parsed.code, &parsed.message, &parsed.request_id];
        for text in fields.into_iter().flatten() {
            assert!(!text.is_empty(), "an empty field read as present");
        }
    }
}

/// The Tencent family's envelope decoder: `Ok` exactly for the success shape.
pub fn check_tencent_envelope(status: u16, body: &[u8]) {
    let decoded = vcode_tencent::decode_envelope(&response(status, body), |code| {
        tencent_partners::SendVerifyCodeError::from_code(code)
    });
    assert_eq!(decoded.is_ok(), tencent_success(body), "Tencent envelope");
}

/// The Huawei error code a body carries, as the family reads it: the first of `error_code`,
/// `code`, `errorCode` that is a non-empty string or a number.
fn huawei_code(o: &Map<String, Value>) -> Option<String> {
    ["error_code", "code", "errorCode"]
        .iter()
        .find_map(|key| match o.get(*key) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
}

/// A Huawei JSON success may carry no error code (with a 2xx), the family's success code
/// `CBC.0000`, or one of the operation's own success codes (whatever the status): never any
/// other code, never a non-object.
fn huawei_json_success_allowed(status: u16, body: &[u8], success_codes: &[&str]) -> bool {
    object(body).is_some_and(|o| match huawei_code(&o) {
        Some(code) => code == "CBC.0000" || success_codes.contains(&code.as_str()),
        None => is_2xx(status),
    })
}

/// The Huawei operations whose success is data: `Ok` never for an error code or a non-object.
pub fn check_huawei_data(status: u16, body: &[u8]) {
    let identity = huawei_bss::CheckUserIdentityInput::builder()
        .email("a@b.co")
        .build()
        .expect("valid");
    let create = huawei_bss::CreateSubCustomerInput::builder()
        .domain_area("MX")
        .xaccount_id("x")
        .xaccount_type("p")
        .build()
        .expect("valid");
    let list = huawei_bss::ListSubCustomersInput::builder()
        .build()
        .expect("valid");
    let need = huawei_ticket::CheckNeedVerifyInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .build()
        .expect("valid");
    let verified = huawei_ticket::ListHasVerifiedContactsInput::builder()
        .build()
        .expect("valid");
    let cases = [
        ("CheckUserIdentity", ok(&identity, status, body), &[][..]),
        (
            "CreateSubCustomer",
            ok(&create, status, body),
            &["CBC.99000050"][..],
        ),
        ("ListSubCustomers", ok(&list, status, body), &[][..]),
        ("CheckNeedVerify", ok(&need, status, body), &[][..]),
        (
            "ListHasVerifiedContacts",
            ok(&verified, status, body),
            &[][..],
        ),
    ];
    for (name, decoded_ok, success_codes) in cases {
        if decoded_ok {
            assert!(
                huawei_json_success_allowed(status, body, success_codes),
                "{name}: a false success"
            );
        }
    }
    // The one success the body must carry for these two.
    if ok(&identity, status, body) {
        assert!(object(body).is_some_and(|o| o.get("check_result").is_some_and(Value::is_string)));
    }
    if ok(&create, status, body) {
        assert!(object(body).is_some_and(|o| {
            o.get("domain_id")
                .and_then(Value::as_str)
                .is_some_and(|id| !id.is_empty())
        }));
    }
}

/// CEC `applyTenant`: HTTP 200 with `returnCode` (or, absent that, `retCode`) `000`.
pub fn apply_tenant_success(status: u16, body: &[u8]) -> bool {
    let text = |o: &Map<String, Value>, key: &str| match o.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    status == 200
        && object(body).is_some_and(|o| {
            text(&o, "returnCode")
                .or_else(|| text(&o, "retCode"))
                .as_deref()
                == Some("000")
        })
}

/// CEC `applyTenant`.
pub fn check_apply_tenant(status: u16, body: &[u8]) {
    let apply = cec_trial::ApplyTenantInput::builder()
        .company_name("Co")
        .phone("13800000000")
        .phone_verify_code("123456")
        .email("a@b.co")
        .build()
        .expect("valid");
    assert_eq!(
        ok(&apply, status, body),
        apply_tenant_success(status, body),
        "applyTenant"
    );
}

/// Tencent's data-carrying actions: `Ok` only inside the success envelope, and `CreateAccount`
/// only with a `Uin`.
pub fn check_tencent_data(status: u16, body: &[u8]) {
    let create = tencent_partners::CreateAccountInput::builder()
        .account_type(tencent_partners::AccountType::Personal)
        .mail("a@b.co")
        .password("Passw0rd!")
        .confirm_password("Passw0rd!")
        .phone_num("91234567")
        .country_code("65")
        .area("SG")
        .verify_code("123456")
        .trade_one("t1")
        .trade_two("t2")
        .build()
        .expect("valid");
    let decoded = [
        ("CreateAccount", ok(&create, status, body)),
        (
            "GetCountryCodes",
            ok(&tencent_partners::GetCountryCodesInput, status, body),
        ),
        (
            "GetTradeConfigList",
            ok(&tencent_partners::GetTradeConfigListInput, status, body),
        ),
    ];
    for (name, decoded_ok) in decoded {
        if decoded_ok {
            assert!(tencent_success(body), "{name}: a false success");
        }
    }
    if ok(&create, status, body) {
        assert!(object(body).is_some_and(|o| {
            o.get("Response")
                .and_then(|r| r.get("Uin"))
                .is_some_and(Value::is_string)
        }));
    }
}

/// Every decoder on one response, each against its success shape.
pub fn check_all(status: u16, body: &[u8]) {
    check_huawei_data(status, body);
    check_apply_tenant(status, body);
    check_tencent_data(status, body);
    check_bss(status, body);
    check_osm_send(status, body);
    check_osm_check(status, body);
    check_cec(status, body);
    check_tencent(status, body);
    check_huawei_error_body(body);
    check_tencent_envelope(status, body);
}

/// A status and a body from fuzzer bytes: the first two bytes pick the status.
pub fn split(data: &[u8]) -> (u16, &[u8]) {
    match data {
        [a, b, body @ ..] => (100 + u16::from_be_bytes([*a, *b]) % 500, body),
        _ => (200, data),
    }
}
