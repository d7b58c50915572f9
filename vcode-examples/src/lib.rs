//! Example programs for the vcode crates; see the `examples/` folder of this package.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Reads a required environment variable, explaining what it is for when it is missing.
///
/// # Errors
/// The variable is unset or empty.
pub fn required_env(name: &str, what: &str) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("set {name} to {what}"))
}

pub mod decoders;
pub mod instant_server;
pub mod redis_server;
