//! Property test: an input builds exactly when the documented rules hold.

use proptest::prelude::*;
use tencent_partners::SendVerifyCodeInput;

fn rules_hold(country: &str, phone: &str) -> bool {
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    // One leading `+` is the same code; no calling code starts with 0.
    let country = country.strip_prefix('+').unwrap_or(country);
    digits(country, 4)
        && !country.starts_with('0')
        && !["7", "380", "86"].contains(&country)
        && digits(phone, 32)
}

proptest! {
    #[test]
    fn builds_exactly_when_the_rules_hold(
        country in "[0-9a+ ]{0,6}|\\+?0*(7|380|86|852)",
        phone in "[0-9]{0,34}|[0-9 x-]{0,10}",
    ) {
        let built = SendVerifyCodeInput::builder().country_code(&country).phone_num(&phone).build();
        prop_assert_eq!(built.is_ok(), rules_hold(&country, &phone), "{:?} {:?}", country, phone);
        if let Err(e) = built {
            // Personal data never appears unmasked in the error.
            prop_assume!(phone.len() >= 8);
            prop_assert!(!e.to_string().contains(&phone));
        }
    }
}

/// Issue 17, defect 4: calling codes were compared as strings, so `086`, `0086`, `07` and
/// `0380` passed the "not 86, 7 or 380" rule while `+852` was refused.
#[test]
fn calling_codes_are_compared_by_meaning() {
    let build = |code: &str| {
        SendVerifyCodeInput::builder()
            .country_code(code)
            .phone_num("91234567")
            .build()
    };
    for excluded in ["086", "0086", "07", "0380", "+86", "+7", "+380"] {
        assert!(build(excluded).is_err(), "{excluded}");
    }
    let plus = build("+852").expect("+852 is 852");
    assert_eq!(plus.country_code(), "852");
    assert!(build("++852").is_err());
    assert!(build("0852").is_err());
}
