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

/// The first 256 characters of a body, with email addresses and long digit runs (phone
/// numbers) masked, for error reports.
pub fn redacted_snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text: String = text.chars().take(256).collect();
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str(&email(word));
        } else if word.chars().filter(char::is_ascii_digit).count() >= 7 {
            out.push_str(&phone(word));
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
