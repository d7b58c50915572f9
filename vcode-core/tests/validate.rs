//! Validation helpers: every violation of an input reported together, values masked.

use proptest::prelude::*;
use vcode_core::validate::{Rule, Shown, Validator, is_plausible_email};

#[test]
fn all_violations_are_reported_together() {
    let mut v = Validator::new();
    v.required::<str>("email", None);
    v.range("timeout", 0, 1..=3000);
    v.char_len("lang", &"x".repeat(17), 0..=16, Shown::Plain);
    v.digits("area_code", "8a", Shown::Plain);
    v.header_value("X-Language", "en\r\nX-Evil: 1", Shown::Plain);
    v.phone_number("phone", "+86 138");
    let err = v.finish().expect_err("invalid");
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(
        fields,
        [
            "email",
            "timeout",
            "lang",
            "area_code",
            "X-Language",
            "phone"
        ]
    );
    assert_eq!(
        err.violation("timeout").expect("present").rule(),
        &Rule::Range { min: 1, max: 3000 }
    );
    let text = err.to_string();
    assert!(
        text.starts_with("`email` is required; `timeout` must be between 1 and 3000 [0]"),
        "{text}"
    );
    assert!(
        text.contains(r"en\r\nX-Evil: 1"),
        "control characters are escaped: {text}"
    );
}

#[test]
fn personal_values_are_masked() {
    let mut v = Validator::new();
    v.email("email", "someone@@example");
    v.char_len("contact_value", "13800000000123", 0..=8, Shown::Phone);
    v.char_len("token", "secret-token", 0..=3, Shown::Hidden);
    let err = v.finish().expect_err("invalid");
    let text = err.to_string();
    assert!(!text.contains("someone"), "{text}");
    assert!(!text.contains("13800000000123"), "{text}");
    assert!(!text.contains("secret-token"), "{text}");
    assert_eq!(err.violation("token").expect("present").shown_value(), None);
}

#[test]
fn email_shapes() {
    for ok in ["a@b.co", "first.last+tag@sub.example.com", "用户@例子.中国"] {
        assert!(is_plausible_email(ok), "{ok}");
    }
    for bad in [
        "", "a", "a@b", "@b.co", "a@.co", "a@b..co", "a b@c.co", "a@b.co\n", "a@b@c.co",
    ] {
        assert!(!is_plausible_email(bad), "{bad:?}");
    }
}

proptest! {
    /// Lengths are counted in characters, not bytes, at every boundary.
    #[test]
    fn char_len_counts_characters(s in "\\PC{0,80}", max in 0usize..80) {
        let mut v = Validator::new();
        let held = v.char_len("f", &s, 0..=max, Shown::Plain);
        prop_assert_eq!(held, s.chars().count() <= max);
        prop_assert_eq!(v.finish().is_ok(), held);
    }

    #[test]
    fn digits_accepts_exactly_ascii_digits(s in "[0-9a-z+ ]{0,12}") {
        let mut v = Validator::new();
        prop_assert_eq!(v.digits("f", &s, Shown::Plain), s.bytes().all(|b| b.is_ascii_digit()));
    }
}
