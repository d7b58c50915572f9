//! Input validation shared by every vendor builder: each check records a violation instead of
//! returning early, so one input reports everything wrong with it at once.

use std::fmt;
use std::ops::RangeInclusive;

use crate::mask;

/// How a field's value may be shown in an error. For vendor crates, through
/// [`service`](vcode_core::service).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shown {
    /// Not personal data: shown (truncated, control characters escaped).
    Plain,
    /// An email address: shown masked (`s***@example.com`).
    Email,
    /// A phone number: shown masked (`*******0000`: at most four characters visible).
    Phone,
    /// A secret or other personal data: never shown.
    Hidden,
}

impl Shown {
    fn render(self, value: &str) -> Option<String> {
        match self {
            Self::Plain => Some(mask::truncate(value)),
            Self::Email => Some(mask::email(value)),
            Self::Phone => Some(mask::phone(value)),
            Self::Hidden => None,
        }
    }
}

/// The rule a value broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The field must be set.
    Required,
    /// The length in characters (Unicode scalar values) must lie in `min..=max`.
    CharLength {
        /// Smallest allowed length.
        min: usize,
        /// Largest allowed length.
        max: usize,
        /// The length given.
        actual: usize,
    },
    /// The number must lie in `min..=max`.
    Range {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// Must look like an email address (`local@domain.tld`, no spaces).
    Email,
    /// Must consist of ASCII digits only.
    Digits,
    /// Must be a phone number: digits with an optional leading `+`.
    PhoneNumber,
    /// Must not hold control characters (it is sent in an HTTP header).
    HeaderValue,
    /// Must not hold control characters (line breaks, NUL, BEL ...) or bidirectional
    /// formatting characters (which reorder text in the vendor's records and logs). Every
    /// text field is held to it, as part of its length check.
    TextCharacters,
    /// The value is not accepted for this field; the text says why.
    NotAllowed(&'static str),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("is required"),
            Self::CharLength { min, max, actual } if min == max => {
                write!(f, "must be exactly {max} characters (got {actual})")
            }
            Self::CharLength { min, max, actual } => {
                write!(f, "must be {min} to {max} characters (got {actual})")
            }
            Self::Range { min, max } => write!(f, "must be between {min} and {max}"),
            Self::Email => f.write_str("must be an email address"),
            Self::Digits => f.write_str("must contain digits only"),
            Self::PhoneNumber => f.write_str("must be digits with an optional leading +"),
            Self::HeaderValue => f.write_str("must not contain control characters"),
            Self::TextCharacters => f.write_str(
                "must not contain control characters or bidirectional formatting characters",
            ),
            Self::NotAllowed(why) => f.write_str(why),
        }
    }
}

/// One broken rule: which field, which rule, and the value (masked when personal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    field: &'static str,
    rule: Rule,
    value: Option<String>,
}

impl Violation {
    /// The field name as the vendor spells it on the wire (e.g. `email`, `PhoneNum`).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The rule that was broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The offending value as it may be shown: masked for personal data, `None` for secrets
    /// and missing values.
    pub fn shown_value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.rule)?;
        if let Some(value) = &self.value {
            write!(f, " [{value}]")?;
        }
        Ok(())
    }
}

/// Every rule an input broke. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    violations: Vec<Violation>,
}

impl InvalidInput {
    /// All violations, in the order the fields were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violation of one field, if any.
    pub fn violation(&self, field: &str) -> Option<&Violation> {
        self.violations.iter().find(|v| v.field == field)
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInput {}

/// Collects violations while an input is checked. Finish with [`Validator::finish`]. For vendor
/// crates, through [`service`](vcode_core::service).
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// An empty validator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation directly.
    pub fn violation(&mut self, field: &'static str, rule: Rule, value: Option<String>) {
        self.violations.push(Violation { field, rule, value });
    }

    /// Checks that a required field is set, and hands the value on.
    pub fn required<'a, T: ?Sized>(
        &mut self,
        field: &'static str,
        value: Option<&'a T>,
    ) -> Option<&'a T> {
        if value.is_none() {
            self.violation(field, Rule::Required, None);
        }
        value
    }

    /// Records [`Rule::NotAllowed`]`(why)` unless `holds`. Returns `holds`.
    pub fn ensure(
        &mut self,
        field: &'static str,
        holds: bool,
        why: &'static str,
        value: &str,
        shown: Shown,
    ) -> bool {
        if !holds {
            self.violation(field, Rule::NotAllowed(why), shown.render(value));
        }
        holds
    }

    /// Checks a text field: no control or bidirectional formatting characters
    /// ([`Rule::TextCharacters`]), and its length in characters. Every string field of every
    /// input goes through here, so a new field cannot forget either rule. Returns whether both
    /// held.
    pub fn char_len(
        &mut self,
        field: &'static str,
        value: &str,
        allowed: RangeInclusive<usize>,
        shown: Shown,
    ) -> bool {
        if !is_plain_text(value) {
            self.violation(field, Rule::TextCharacters, shown.render(value));
            return false;
        }
        let actual = value.chars().count();
        if allowed.contains(&actual) {
            return true;
        }
        let rule = Rule::CharLength {
            min: *allowed.start(),
            max: *allowed.end(),
            actual,
        };
        self.violation(field, rule, shown.render(value));
        false
    }

    /// Checks a number against an inclusive range.
    pub fn range(&mut self, field: &'static str, value: i64, allowed: RangeInclusive<i64>) -> bool {
        if allowed.contains(&value) {
            return true;
        }
        let rule = Rule::Range {
            min: *allowed.start(),
            max: *allowed.end(),
        };
        self.violation(field, rule, Some(value.to_string()));
        false
    }

    /// Checks that a value looks like an email address.
    pub fn email(&mut self, field: &'static str, value: &str) -> bool {
        if is_plausible_email(value) {
            return true;
        }
        self.violation(field, Rule::Email, Some(mask::email(value)));
        false
    }

    /// Checks that a value is ASCII digits only (empty passes; combine with `char_len`).
    pub fn digits(&mut self, field: &'static str, value: &str, shown: Shown) -> bool {
        if value.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        self.violation(field, Rule::Digits, shown.render(value));
        false
    }

    /// Checks that a value is a phone number: ASCII digits with an optional leading `+`.
    pub fn phone_number(&mut self, field: &'static str, value: &str) -> bool {
        let digits = value.strip_prefix('+').unwrap_or(value);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        self.violation(field, Rule::PhoneNumber, Some(mask::phone(value)));
        false
    }

    /// Checks that a value can travel in an HTTP header (no control characters). A field
    /// already refused for its characters (by [`char_len`](Self::char_len)) is not reported
    /// twice.
    pub fn header_value(&mut self, field: &'static str, value: &str, shown: Shown) -> bool {
        if is_header_safe(value) {
            return true;
        }
        if self
            .violations
            .iter()
            .any(|v| v.field == field && v.rule == Rule::TextCharacters)
        {
            return false;
        }
        self.violation(field, Rule::HeaderValue, shown.render(value));
        false
    }

    /// `Ok` when every check held, otherwise every violation.
    ///
    /// # Errors
    /// [`InvalidInput`] listing each violation.
    pub fn finish(self) -> Result<(), InvalidInput> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(InvalidInput {
                violations: self.violations,
            })
        }
    }
}

/// Whether a value is plain text: no control characters and no bidirectional formatting
/// characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
pub fn is_plain_text(value: &str) -> bool {
    !value.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    })
}

/// Whether a value may be sent as an HTTP header value: visible characters, spaces and tabs.
pub fn is_header_safe(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
}

/// A deliberately loose shape check: one `@`, a non-empty local part of at most 64 characters,
/// a dotted domain of non-empty labels, no whitespace or control characters. The vendor decides
/// deliverability.
pub fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let clean = |s: &str| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    clean(local)
        && local.chars().count() <= 64
        && clean(domain)
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}
