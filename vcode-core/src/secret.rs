//! Secrets a caller passes in an input (a new account's password).

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// What `Debug`, dry runs and errors show in place of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// A password: wiped from memory when dropped, shown as `[REDACTED]` by `Debug`, and never
/// part of an error, a dry run or a trace. It has no `Display`.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Self(SecretString::from(password.into()))
    }

    /// The password itself, for the request body.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Password({REDACTED})")
    }
}

impl From<String> for Password {
    fn from(password: String) -> Self {
        Self::new(password)
    }
}

impl From<&str> for Password {
    fn from(password: &str) -> Self {
        Self::new(password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_it() {
        let password = Password::new("Canary-Pw-123!");
        assert_eq!(format!("{password:?}"), "Password([REDACTED])");
        assert_eq!(password.expose(), "Canary-Pw-123!");
    }
}
