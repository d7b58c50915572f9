//! The account-name rule both `CheckUserIdentity` (`search_type=name`) and `CreateSubCustomer`
//! (`domain_name`) document: 5 to 32 characters of letters, digits, `_` and `-`; not starting
//! with a digit, `op_` or `shadow_`; not all digits.

use vcode_core::service::{Shown, Validator};

/// Checks `name` under `field`. `underscore_first`: whether the first character may be `_`
/// (the create rule says `[a-zA-Z_-]`, the check rule `[a-zA-Z-]`).
pub(crate) fn check(v: &mut Validator, field: &'static str, name: &str, underscore_first: bool) {
    if !v.char_len(field, name, 5..=32, Shown::Plain) {
        return;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    v.ensure(
        field,
        name.chars().all(allowed),
        "may hold only letters, digits, `_` and `-`",
        name,
        Shown::Plain,
    );
    let first_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || (underscore_first && c == '_'));
    v.ensure(
        field,
        first_ok,
        if underscore_first {
            "must start with a letter, `_` or `-`"
        } else {
            "must start with a letter or `-`"
        },
        name,
        Shown::Plain,
    );
    v.ensure(
        field,
        !(name.starts_with("op_") || name.starts_with("shadow_")),
        "must not start with `op_` or `shadow_`",
        name,
        Shown::Plain,
    );
}
