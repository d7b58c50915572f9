//! Property test: an input builds exactly when the documented rules hold.

use proptest::prelude::*;
use tencent_partners::SendVerifyCodeInput;

fn rules_hold(country: &str, phone: &str) -> bool {
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(country, 4) && !["7", "380", "86"].contains(&country) && digits(phone, 32)
}

proptest! {
    #[test]
    fn builds_exactly_when_the_rules_hold(
        country in "[0-9a+ ]{0,6}|7|380|86",
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
