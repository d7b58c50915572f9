//! The plumbing every vcode client shares, so that the vendor crates hold only their
//! operations: configuration, credentials and their providers, the transport, the error model,
//! safe retries, validation and redaction.
//!
//! Application code rarely uses this crate directly: the vendor crates (`huawei-bss`,
//! `huawei-ticket`, `cec-trial`, `tencent-partners`) re-export what their callers need. What a
//! caller does meet here:
//!
//! - [`SdkError`]: every operation's error, split by phase, so a caller knows whether the request
//!   can have reached the vendor ([`SdkError::send_state`]);
//! - [`RetryPolicy`]: only requests that were certainly not processed are retried;
//! - [`credentials`]: explicit credentials, the vendors' environment variables and profile
//!   files, the instance metadata services; async providers whose credentials may expire and
//!   are refreshed before they do;
//! - [`SdkConfig`]: one configuration (credentials of both vendors, timeouts, retry policy,
//!   HTTP client, user agent) for every client of an application;
//! - [`CallOptions`]: a timeout or retry policy for one call.
//!
//! ```
//! use vcode_core::credentials::{CredentialsChain, Environment, TencentEnvProvider};
//! use std::collections::HashMap;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), vcode_core::CredentialsError> {
//! let env = Environment::from_map(HashMap::from([
//!     ("TENCENTCLOUD_SECRET_ID".to_owned(), "AKIDexample".to_owned()),
//!     ("TENCENTCLOUD_SECRET_KEY".to_owned(), "example-key".to_owned()),
//! ]));
//! let chain = CredentialsChain::new().or_else(TencentEnvProvider::with_environment(env));
//! let credentials = chain.resolve().await?;
//! assert_eq!(credentials.secret_id(), "AKIDexample");
//! // Debug output never shows the key.
//! assert!(!format!("{credentials:?}").contains("example-key"));
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

mod auth;
mod client;
mod config;
pub mod credentials;
mod endpoint;
mod error;
pub mod guard;
pub mod huawei;
pub mod mask;
mod ratelimit;
mod retry;
mod runtime;
mod sdk_config;
mod secret;
pub mod service;
pub mod tencent;
mod transport;
pub mod validate;

pub use client::{Client, ClientBuilder, CredentialsOf};
pub use config::{BuildError, ClientConfig, Clock, SystemClock};
pub use error::{
    ConstructionError, CredentialsError, CredentialsErrorKind, DispatchError, ErrorClass,
    ErrorReport, ResponseError, ResponseErrorKind, SdkError, SendState, ServiceError,
    ServiceErrorKind, TimeoutError, TimeoutKind,
};
pub use retry::RetryPolicy;
pub use runtime::{CallOptions, PreparedRequest};
pub use sdk_config::{ENV_SETTINGS, LoadError, SdkConfig, SdkConfigBuilder};
pub use secret::{Password, REDACTED};

/// The `http` types in public signatures ([`ResponseError::headers`]) and the `reqwest`
/// client [`ClientBuilder::http_client`] takes, re-exported so callers name the same versions.
pub use {http, reqwest};
