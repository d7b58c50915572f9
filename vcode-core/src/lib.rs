//! The plumbing every vcode client shares, so that the vendor crates hold only their
//! operations: configuration, credentials and their providers, the transport, the error model,
//! safe retries, validation and redaction.
//!
//! Application code rarely uses this crate directly: each vendor crate re-exports what its
//! callers need, and each vendor family (its authentication, error body, credentials and
//! providers) lives in a crate of its own on top of this one. What a caller does meet here:
//!
//! - [`SdkError`]: every operation's error, split by phase, so a caller knows whether the request
//!   can have reached the vendor ([`SdkError::send_state`]);
//! - [`RetryPolicy`]: only requests that were certainly not processed are retried;
//! - [`credentials`]: async providers, chains and the refreshing cache that every family's
//!   credentials use;
//! - [`SdkConfig`]: one configuration (credentials of every family, timeouts, retry policy,
//!   HTTP client, user agent) for every client of an application;
//! - [`CallOptions`]: a timeout or retry policy for one call.
//!
//! What a family or vendor crate meets: [`service`] (the service, family and operation
//! traits, and the [`Authenticate`](service::Authenticate) seam), [`validate`] and [`guard`].
//!
//! ```
//! use std::time::Duration;
//! use vcode_core::{CallOptions, RetryPolicy};
//!
//! // One call that must answer quickly, and is never retried.
//! let quick = CallOptions::new()
//!     .total_timeout(Duration::from_secs(2))
//!     .retry_policy(RetryPolicy::never());
//! # let _ = quick;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Doc links name `vcode_core::…`, not `crate::…`: trait and re-exported docs shown in the
// vendor crates' pages keep resolving there.
extern crate self as vcode_core;

mod auth;
mod client;
mod codes;
mod config;
pub mod credentials;
mod endpoint;
mod error;
pub mod guard;
pub mod mask;
pub mod paginate;
mod ratelimit;
pub mod resolve;
mod retry;
mod runtime;
mod sdk_config;
mod secret;
pub mod service;
mod transport;
pub mod validate;

pub use client::{Client, ClientBuilder, CredentialsOf};
pub use codes::VendorCode;
pub use config::{BuildError, ClientConfig, Clock, SystemClock};
pub use error::{
    ConstructionError, CredentialsError, CredentialsErrorKind, DispatchError, ErrorClass,
    ErrorReport, ResponseError, ResponseErrorKind, SdkError, SendState, ServiceError,
    ServiceErrorKind, TimeoutError, TimeoutKind,
};
pub use retry::RetryPolicy;
pub use runtime::{CallOptions, PreparedRequest};
pub use sdk_config::{ENV_SETTINGS, SdkConfig, SdkConfigBuilder};
pub use secret::{Password, REDACTED};

/// The `http` types in public signatures ([`ResponseError::headers`]), the `reqwest` client
/// [`ClientBuilder::http_client`] takes, and the `Stream` trait the listings implement
/// (`futures_core`), re-exported so callers name the same versions.
pub use {futures_core, http, reqwest};
