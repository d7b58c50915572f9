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

fn is_documented_mobile(value: &str) -> bool {
    let Some((code, number)) = value.split_once('-') else {
        return false;
    };
    value.chars().count() <= 64
        && code.len() == 4
        && code.starts_with("00")
        && code.bytes().all(|b| b.is_ascii_digit())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

proptest! {
    #[test]
    fn check_identity_accepts_exactly_the_documented_mobile_form(value in "(00|0|1)?[0-9]{0,3}-?[0-9a-z-]{0,70}") {
        use huawei_bss::CheckUserIdentityInput;
        let built = CheckUserIdentityInput::builder().mobile(&value).build();
        prop_assert_eq!(built.is_ok(), is_documented_mobile(&value), "{}", value);
    }

    #[test]
    fn create_accepts_exactly_the_documented_password_policy(password in "[a-zA-Z0-9!@ ]{0,40}") {
        use huawei_bss::CreateSubCustomerInput;
        let built = CreateSubCustomerInput::builder()
            .domain_area("MX")
            .xaccount_id("u-1")
            .xaccount_type("platform")
            .password(password.as_str())
            .build();
        let classes = [
            password.chars().any(|c| c.is_ascii_uppercase()),
            password.chars().any(|c| c.is_ascii_lowercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_ascii_alphanumeric()),
        ];
        let ok = (8..=32).contains(&password.chars().count())
            && classes.iter().filter(|c| **c).count() >= 2;
        prop_assert_eq!(built.is_ok(), ok);
        if let Err(e) = built {
            prop_assert!(e.violations().iter().all(|v| v.shown_value().is_none()));
        }
    }
}

proptest! {
    #[test]
    fn list_filters_and_limits(limit in 0u32..150, name in "[a-z_]{0,70}") {
        use huawei_bss::ListSubCustomersInput;
        let built = ListSubCustomersInput::builder().limit(limit).account_name(&name).build();
        // `""` is no filter (issue 34): 0 to 64 characters.
        let ok = (1..=100).contains(&limit) && name.chars().count() <= 64;
        prop_assert_eq!(built.is_ok(), ok);
    }

    #[test]
    fn create_account_names_follow_the_documented_rule(name in "(op_|shadow_|[0-9_a-zA-Z-]){0,3}[0-9a-zA-Z_-]{0,34}") {
        use huawei_bss::CreateSubCustomerInput;
        let built = CreateSubCustomerInput::builder()
            .domain_name(&name)
            .domain_area("MX")
            .xaccount_id("u-1")
            .xaccount_type("platform")
            .build();
        let first_ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-');
        // `""` asks the vendor for a random name (issue 34).
        let ok = name.is_empty() || (5..=32).contains(&name.chars().count())
            && first_ok
            && !name.starts_with("op_")
            && !name.starts_with("shadow_")
            && !name.bytes().all(|b| b.is_ascii_digit());
        prop_assert_eq!(built.is_ok(), ok, "{}", name);
    }
}
