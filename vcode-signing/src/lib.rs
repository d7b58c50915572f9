//! Pure, synchronous request signers and verifiers for the two schemes the vcode crates need:
//!
//! - [`huawei`]: Huawei Cloud API Gateway `SDK-HMAC-SHA256` (AK/SK), used by BSS and OSM;
//! - [`tencent`]: Tencent Cloud API 3.0 `TC3-HMAC-SHA256`, used by International Partners.
//!
//! Nothing here performs I/O or reads a clock: a signer takes the request (method, path, query,
//! headers, body bytes), the credentials and the time, and answers the headers to add together with
//! every intermediate value (canonical request, string to sign, signature), so a mismatch with the
//! vendor can be traced to the step that differs. Each scheme also has a verifier that a server (our
//! sandbox, or a test) uses to check a received request.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use vcode_signing::{huawei, SignableBody, SignableRequest};
//!
//! let signer = huawei::Signer::new("HPUAEXAMPLEAK1234567", "ExampleSecretKeyForSigning0123456789abcd");
//! let body = br#"{"receiver_type":2,"timeout":5,"email":"someone@example.com","lang":"en-us"}"#;
//! let request = SignableRequest::new("POST", "/v2/bases/verificationcode/send", SignableBody::Bytes(body))
//!     .header("Content-Type", "application/json")
//!     .header("Host", "bss-intl.myhuaweicloud.com")
//!     .header("X-Domain-Id", "0a1b2c3d4e5f");
//! // 2026-11-22T08:30:00Z
//! let signed = signer.sign(&request, UNIX_EPOCH + Duration::from_secs(1_795_336_200))?;
//! assert_eq!(
//!     signed.signature(),
//!     "419727ec37f80df8410cca006b3fcb9965dac6eee0102f9f1c4db9f05d394885"
//! );
//! for header in signed.headers() {
//!     // Add `header.name()` / `header.value()` to the outgoing request.
//!     assert!(!header.value().is_empty());
//! }
//! # Ok::<(), vcode_signing::SigningError>(())
//! ```
//!
//! # How the secret key is held
//!
//! A signer keeps HMAC-SHA256 state already keyed with the secret key (Huawei) or with
//! `"TC3" + secret key` (Tencent), and never the key itself. The choice is made on security
//! grounds, not speed:
//!
//! - The keyed state can do exactly one thing: compute that HMAC, which is what signing needs.
//!   The raw key can do more. A Huawei SK also signs with the gateway's other algorithms
//!   (SM3, for instance) and a Tencent SecretKey with the legacy `HmacSHA1`/`HmacSHA256`
//!   signatures, and either can be pasted into another tool. Memory that leaks a signer leaks
//!   less than memory that leaks a key.
//! - The key is read once, when the signer is made; keying per call would copy the secret into
//!   a new HMAC key block on every signature, multiplying the copies that must be wiped.
//! - The state, every clone of it, and every derived TC3 key are wiped on drop (the `zeroize`
//!   features of `hmac` and `sha2`; the build fails without them), as a `SecretString` would be.
//!
//! `Debug` of a signer shows the key id only.
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

mod canonical;
mod error;
pub mod huawei;
mod last;
mod output;
mod request;
pub mod tencent;
mod timefmt;

pub use error::{SigningError, VerifyError};
pub use output::{AddedHeader, SigningOutput};
pub use request::{SignableBody, SignableRequest};

/// Headers whose values are session tokens, credentials in their own right: redact them
/// wherever requests are shown.
pub const SESSION_TOKEN_HEADERS: [&str; 3] = ["x-security-token", "x-tc-token", "x-auth-token"];

/// The literal that replaces the body hash when the payload is deliberately left unsigned.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
