//! Issue 17: errors are one bounded line whatever the caller or the vendor sends, personal data
//! is masked in `Debug` too, and masks show at most four characters.

use std::fmt::Debug;

use proptest::prelude::*;
use vcode_core::service::{Failure, HttpResponse, Operation};
use vcode_core::{ErrorReport, SdkError, ServiceErrorKind};

/// The longest line any error may print here.
const MAX_LEN: usize = 2048;
const CANARY: &str = "CANARY-SECRET-9f1e";

/// Every way an error is shown: `Display`, `Debug`, pretty `Debug` and the whole chain.
fn shown<E: std::error::Error + Debug + 'static>(e: &E) -> Vec<String> {
    vec![e.to_string(), format!("{e:?}"), ErrorReport(e).to_string()]
}

fn assert_one_bounded_line(texts: &[String], context: &str) {
    for text in texts {
        assert!(
            !text.chars().any(|c| c.is_control()),
            "{context}: a raw control character in {text:?}"
        );
        for bidi in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            assert!(
                !text.contains(bidi),
                "{context}: a raw bidi control in {text:?}"
            );
        }
        assert!(
            text.chars().count() <= MAX_LEN,
            "{context}: {} characters",
            text.chars().count()
        );
        assert!(!text.contains(CANARY), "{context}: the canary in {text:?}");
    }
}

/// What a decoder makes of a response, as the caller sees it.
fn decoded<O: Operation>(input: &O, status: u16, body: &str) -> Option<SdkError<O::Error>>
where
    O::Error: ServiceErrorKind,
{
    let headers = vcode_core::http::HeaderMap::new();
    match input.parse(HttpResponse::new(status, headers, body.to_owned())) {
        Ok(_) => None,
        Err(Failure::Service(e)) => Some(SdkError::Service(e)),
        Err(Failure::Response(e)) => Some(SdkError::Response(e)),
    }
}

fn bss_input() -> huawei_bss::SendVerificationCodeInput {
    huawei_bss::SendVerificationCodeInput::builder()
        .email("a@b.co")
        .build()
        .expect("valid")
}

fn ticket_input() -> huawei_ticket::SendVerifyCodesInput {
    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("a@b.co")
        .build()
        .expect("valid")
}

fn cec_input() -> cec_trial::GenerateVerifyCodeInput {
    cec_trial::GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .build()
        .expect("valid")
}

fn tencent_input() -> tencent_partners::SendVerifyCodeInput {
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("91234567")
        .build()
        .expect("valid")
}

/// The vendor's error bodies with `code`, `message` and `request_id` in them.
fn vendor_errors(code: &str, message: &str, request_id: &str) -> Vec<Vec<String>> {
    let huawei =
        serde_json::json!({"error_code": code, "error_msg": message, "request_id": request_id})
            .to_string();
    let cec = serde_json::json!({"retCode": code, "retMsg": message}).to_string();
    let tencent = serde_json::json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}).to_string();
    let mut all = Vec::new();
    for status in [200, 400] {
        all.extend(decoded(&bss_input(), status, &huawei).map(|e| shown(&e)));
        all.extend(decoded(&ticket_input(), status, &huawei).map(|e| shown(&e)));
    }
    all.extend(decoded(&cec_input(), 200, &cec).map(|e| shown(&e)));
    all.extend(decoded(&tencent_input(), 200, &tencent).map(|e| shown(&e)));
    all
}

/// The caller's inputs with `value` in every free-text field (and the canary where a field
/// is secret).
fn caller_errors(value: &str) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    let mut push = |e: Result<(), vcode_core::validate::InvalidInput>| {
        if let Err(e) = e {
            all.push(shown(&e));
            all.push(shown(
                &SdkError::<huawei_bss::SendVerificationCodeError>::InvalidInput(e),
            ));
        }
    };
    push(
        huawei_bss::SendVerificationCodeInput::builder()
            .email(value)
            .build()
            .map(drop),
    );
    push(
        huawei_ticket::SendVerifyCodesInput::builder()
            .contact_way(huawei_ticket::ContactWay::Sms)
            .contact_value(value)
            .area_code(value)
            .language(value)
            .time_zone(value)
            .build()
            .map(drop),
    );
    push(
        huawei_ticket::CheckVerifyCodesInput::builder()
            .contact_way(huawei_ticket::ContactWay::Email)
            .contact_value(value)
            .verify_code(CANARY)
            .build()
            .map(drop),
    );
    push(
        cec_trial::GenerateVerifyCodeInput::builder()
            .phone(value)
            .build()
            .map(drop),
    );
    push(
        tencent_partners::SendVerifyCodeInput::builder()
            .country_code(value)
            .phone_num(value)
            .build()
            .map(drop),
    );
    all
}

/// Defect 2: caller input and vendor text wrote control characters (forged log lines) and
/// unbounded values into errors.
#[test]
fn forged_lines_and_huge_values_stay_on_one_bounded_line() {
    let forged = "x@evil.com\r\n2026-11-23 INFO forged";
    for texts in caller_errors(forged) {
        assert_one_bounded_line(&texts, "caller");
        assert!(texts.iter().all(|t| !t.contains("\r\n2026")), "{texts:?}");
    }
    let huge = format!("x@{}", "d".repeat(10_000));
    for texts in caller_errors(&huge) {
        assert_one_bounded_line(&texts, "caller, a 10,000-character domain");
    }
    for texts in vendor_errors("CODE\r\nINFO forged", "msg\u{202e}", "req\nid") {
        assert_one_bounded_line(&texts, "vendor");
    }
    for texts in vendor_errors(
        &"C".repeat(10_000),
        &"m".repeat(10_000),
        &"r".repeat(10_000),
    ) {
        assert_one_bounded_line(&texts, "vendor, 10,000-character fields");
    }
}

/// Defect 5: `Debug` of a service error printed the vendor's message verbatim, which can
/// echo the recipient.
#[test]
fn debug_masks_the_recipient_echoed_by_the_vendor() {
    let message = "Too many codes were sent to someone@example.com and 13800000000";
    for texts in vendor_errors("CBC.99004015", message, "req-1") {
        for text in &texts {
            assert!(!text.contains("someone@"), "{text}");
            assert!(!text.contains("13800000000"), "{text}");
        }
    }
}

/// Defect 6: an 8-digit number (Hong Kong) printed 7 of its 8 digits.
#[test]
fn masks_show_at_most_four_characters() {
    for (number, shown) in [
        ("18888888", "****8888"),
        ("13800000000", "*******0000"),
        ("123456789012345678", "************5678"),
        ("12", "***2"),
    ] {
        assert_eq!(vcode_core::mask::phone(number), shown);
    }
    assert_eq!(
        vcode_core::mask::email("someone@example.com"),
        "s***@example.com"
    );
    let err = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("1888888x")
        .build()
        .expect_err("not digits");
    let text = err.to_string();
    assert!(text.contains("****888x"), "{text}");
    assert!(!text.contains("18888"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary strings (control characters, bidi marks, very long values) as caller input and
    /// as the vendor's code, message and request id: every error is one bounded line, and the
    /// secret field (the ticket's code, a canary) never shows.
    #[test]
    fn every_error_is_one_bounded_line(
        value in prop_oneof![
            ".{0,80}",
            "[\\x00-\\x1f\\x7f\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a@.0-9]{0,40}",
            "[a-z@.]{3000,5000}",
        ],
        message in ".{0,200}",
    ) {
        for texts in caller_errors(&value) {
            assert_one_bounded_line(&texts, "caller");
        }
        for texts in vendor_errors(&value, &message, &value) {
            assert_one_bounded_line(&texts, "vendor");
        }
    }
}
