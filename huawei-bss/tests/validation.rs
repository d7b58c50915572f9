//! Property test: lengths are counted in characters and every violation is reported.

use huawei_bss::SendVerificationCodeInput;
use proptest::prelude::*;

proptest! {
    #[test]
    fn email_length_and_timeout_rules(local in "[a-zé一]{1,70}", timeout in 0u32..3100) {
        let email = format!("{local}@example.com");
        let built = SendVerificationCodeInput::builder().email(&email).timeout_minutes(timeout).build();
        let email_ok = email.chars().count() <= 64;
        let timeout_ok = (1..=3000).contains(&timeout);
        prop_assert_eq!(built.is_ok(), email_ok && timeout_ok);
        if let Err(e) = built {
            let expected = usize::from(!email_ok) + usize::from(!timeout_ok);
            prop_assert_eq!(e.violations().len(), expected);
            prop_assert!(!e.to_string().contains(&email), "the address is masked");
        }
    }
}
