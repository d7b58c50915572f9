//! Masking of personal data (emails, phone numbers) for errors and logs.

/// Masks an email address: the first character of the local part stays, the domain stays.
///
/// ```
/// assert_eq!(vcode_core::mask::email("someone@example.com"), "s***@example.com");
/// assert_eq!(vcode_core::mask::email("not-an-email"), "n***");
/// ```
pub fn email(value: &str) -> String {
    match value.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => other(value),
    }
}

/// Masks a phone number: the first three and last four characters stay when the number is
/// long enough (eight or more); shorter ones keep only their last two.
///
/// ```
/// assert_eq!(vcode_core::mask::phone("13800000000"), "138****0000");
/// assert_eq!(vcode_core::mask::phone("91234"), "***34");
/// ```
pub fn phone(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    if n >= 8 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[n - 4..].iter().collect();
        format!("{head}****{tail}")
    } else if n > 2 {
        let tail: String = chars[n - 2..].iter().collect();
        format!("***{tail}")
    } else {
        "***".to_owned()
    }
}

/// Masks any other personal value: its first character only.
pub fn other(value: &str) -> String {
    let first: String = value.chars().take(1).collect();
    format!("{first}***")
}

/// Shortens a value that is not personal data for display: at most 64 characters, control
/// characters escaped.
pub fn truncate(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(64)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().nth(64).is_some() {
        out.push('…');
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
