//! Masking of personal data (emails, phone numbers) for errors and logs.

/// Masks an email address: the first character of the local part stays, the domain stays
/// (at most 64 characters of it); control and bidi characters are escaped.
///
/// ```
/// assert_eq!(vcode_core::mask::email("someone@example.com"), "s***@example.com");
/// assert_eq!(vcode_core::mask::email("x@evil.com\r\nINFO forged"), "x***@evil.com\\r\\nINFO forged");
/// assert_eq!(vcode_core::mask::email("not-an-email"), "n***");
/// ```
pub fn email(value: &str) -> String {
    match value.rsplit_once('@') {
        Some((local, domain)) => format!("{}@{}", other(local), truncate(domain)),
        None => other(value),
    }
}

/// Masks a phone number: at most its last four characters stay visible, and never more than
/// half of it; control and bidi characters are escaped, and a very long value is shortened.
///
/// ```
/// assert_eq!(vcode_core::mask::phone("13800000000"), "*******0000");
/// assert_eq!(vcode_core::mask::phone("18888888"), "****8888");
/// assert_eq!(vcode_core::mask::phone("91234"), "***34");
/// ```
pub fn phone(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let visible = (chars.len() / 2).min(4);
    let hidden = (chars.len() - visible).min(12);
    let mut out = "*".repeat(hidden.max(3));
    out.extend(
        chars[chars.len() - visible..]
            .iter()
            .flat_map(|c| c.escape_debug()),
    );
    out
}

/// Masks any other personal value: its first character only (escaped).
pub fn other(value: &str) -> String {
    let first: String = value.chars().take(1).flat_map(char::escape_debug).collect();
    format!("{first}***")
}

/// Shortens a value that is not personal data for display: at most 64 characters, control and
/// bidi characters escaped, so it stays on one line.
pub fn truncate(value: &str) -> String {
    one_line(value, 64)
}

/// `value` with control and bidi characters escaped, cut (with `…`) once the escaped text
/// reaches `max` characters.
pub(crate) fn one_line(value: &str, max: usize) -> String {
    // Most values (request ids, codes) are short printable ASCII that nothing escapes: as is.
    let as_is = |b: u8| (b' '..=b'~').contains(&b) && !matches!(b, b'\\' | b'\'' | b'"');
    if value.len() <= max && value.bytes().all(as_is) {
        return value.to_owned();
    }
    escaped_line(value, max)
}

/// `one_line`, character by character.
fn escaped_line(value: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in value.chars() {
        let escaped = c.escape_debug();
        len += escaped.len();
        if len > max {
            out.push('…');
            break;
        }
        out.extend(escaped);
    }
    out
}

/// The first 256 characters of a body, with email addresses, phone numbers and verification
/// codes masked, for error reports: see [`redacted_text`].
pub fn redacted_snippet(body: &[u8]) -> String {
    redacted_text(&String::from_utf8_lossy(body))
}

/// The first 256 characters of a text (a body, a header value, a vendor's message) with
/// personal data masked, on one line: a word with an `@` as an email; a word with 9 or more
/// digits as a phone number (the last four shown); a word with 4 to 8 digits (a verification
/// code, a short number) with every digit hidden. Control characters are escaped.
pub fn redacted_text(text: &str) -> String {
    let text: String = text.chars().take(256).collect();
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let digits = word.chars().filter(char::is_ascii_digit).count();
        if word.contains('@') {
            out.push_str(&email(word));
        } else if digits >= 9 {
            out.push_str(&phone(word));
        } else if digits >= 4 {
            out.extend(
                word.chars()
                    .map(|c| if c.is_ascii_digit() { '*' } else { c }),
            );
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || "@.+-_%".contains(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.extend(c.escape_debug());
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn one_line_is_the_escaped_text_cut_at_max(
            value in "[ -~]{0,70}|[\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,70}",
            max in 0usize..80,
        ) {
            prop_assert_eq!(one_line(&value, max), escaped_line(&value, max));
        }
    }

    #[test]
    fn quotes_backslashes_and_controls_are_escaped() {
        assert_eq!(one_line(r#"a"b'c\d"#, 64), r#"a\"b\'c\\d"#);
        assert_eq!(one_line("req-1\n", 64), "req-1\\n");
        assert_eq!(one_line("abcdef", 3), "abc…");
        assert_eq!(one_line("abc", 3), "abc");
    }
}
