//! Typed async client for the Huawei Cloud Customer Engagement Center (CEC) one-click trial:
//! [`GenerateVerifyCodeInput`] (`generateverifycode`) texts a code to a phone, and
//! [`ApplyTenantInput`] (`applyTenant`) applies for the trial tenant with it.
//!
//! **The client:** [`Client`] sends an input ([`send`](vcode_core::Client::send),
//! [`send_with`](vcode_core::Client::send_with), [`dry_run`](vcode_core::Client::dry_run));
//! [`ClientBuilder`] sets it up ([`endpoint`](vcode_core::ClientBuilder::endpoint),
//! [`credentials`](vcode_core::ClientBuilder::credentials),
//! [`total_timeout`](vcode_core::ClientBuilder::total_timeout),
//! [`rate_limit`](vcode_core::ClientBuilder::rate_limit),
//! [`send_guard`](vcode_core::ClientBuilder::send_guard) and the rest on their pages).
//!
//! ```
//! use cec_trial::{Client, GenerateVerifyCodeInput};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Runs against the local sandbox. For a real deployment use `.domain(..)`: the reference's
//! // example domain is `cec_trial::EXAMPLE_DOMAIN`.
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! let client = Client::builder().endpoint(sandbox.base_url()).build()?;
//! // Operations are data: build (and validate) the input, then send it.
//! let input = GenerateVerifyCodeInput::builder().phone("+8613800000000").build()?;
//! let sent = client.send(&input).await?;
//! println!("{}", sent.ret_msg());
//! // Or in one go: the builder validates and sends itself.
//! let again = GenerateVerifyCodeInput::builder().phone("+8613800000001").send(&client).await?;
//! # let _ = again;
//! # Ok(())
//! # }
//! ```
//!
//! # The whole flow
//! Text a code, let the person type it, apply for the trial tenant. A failure's `{e}` says
//! what happened in one line (the vendor's code, its meaning and message); its
//! [`kind`](vcode_core::SdkError::kind) is the typed code to act on:
//!
//! ```
//! use cec_trial::{ApplyTenantError, ApplyTenantInput, Client, GenerateVerifyCodeInput};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = vcode_sandbox::Sandbox::start().await?;
//! # let client = Client::builder().endpoint(sandbox.base_url()).build()?;
//! GenerateVerifyCodeInput::builder()
//!     .phone("+8613900000000")
//!     .send(&client)
//!     .await?;
//! # let code = sandbox
//! #     .latest_code(vcode_sandbox::Vendor::CecTrial, vcode_sandbox::Recipient::Number("+8613900000000"))
//! #     .ok_or("no code")?;
//! # let mistyped = if code == "111111" { "222222" } else { "111111" };
//! let apply = |typed_by_the_person: &str| {
//!     ApplyTenantInput::builder()
//!         .company_name("Sandbox Trading Co")
//!         .phone("+8613900000000")
//!         .phone_verify_code(typed_by_the_person)
//!         .email("ops@example.com")
//!         .send(&client)
//! };
//! match apply(mistyped).await {
//!     Ok(applied) => println!("{}", applied.message()),
//!     Err(e) if e.kind() == Some(&ApplyTenantError::WrongCode) => {
//!         // the vendor answered with an error: 002: the verification code is wrong; the
//!         // vendor says "The verification code is incorrect."
//!         eprintln!("{e}");
//!         let applied = apply(&code).await?; // the person types it again
//!         println!("{}", applied.message());
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # assert_eq!(sandbox.received().len(), 3, "the mistyped code was refused, then sent again");
//! # Ok(())
//! # }
//! ```
//!
//! # Behaviour worth knowing
//! - The API takes no authentication; nothing auth-related is sent.
//! - The vendor answers HTTP 200 even when nothing was sent: the outcome is `retCode`, mapped
//!   here to [`GenerateVerifyCodeError`]. `retCode` is accepted as a string or a number.
//! - `applyTenant` answers `returnCode`/`returnMsg` per the reference's table, but its own
//!   example shows `retCode`/`retMsg`: both are accepted. `000` is success; every other
//!   documented code is an [`ApplyTenantError`] (`005` carries a one-minute `retry_after`).
//!   It is never retried once it may have been sent; the vendor documents no field lengths, so
//!   the guards (a 6-digit code, 256-character company name) are this crate's.
//! - A deployment's domain is required: there is no silent default.
//!
//! # Depending on this crate alone
//! Every type in this crate's public signatures is re-exported here, so a program needs no other
//! crate of the family in its `Cargo.toml`:
//!
//! ```
//! use cec_trial::{
//!     BuildError, Client, ClientBuilder, Clock, CredentialsError, CredentialsErrorKind,
//!     DispatchError, ErrorClass, InvalidInput, PreparedRequest, ResponseError, ResponseErrorKind,
//!     RetryPolicy, Rule, SdkError, SendState, ServiceError, ServiceErrorKind, SystemClock,
//!     TimeoutError, TimeoutKind, Violation, http, reqwest,
//! };
//!
//! fn configure(http_client: reqwest::Client) -> Result<Client, BuildError> {
//!     Client::builder()
//!         .http_client(http_client)
//!         .retry_policy(RetryPolicy::never())
//!         .build()
//! }
//! # let _ = configure;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

mod apply_tenant;
mod generate_verify_code;
mod resolve;
mod ret;

use std::sync::Arc;

use vcode_core::credentials::ProvideCredentials;
use vcode_core::service::{Auth, NoCredentials, OpenFamily, Service};

pub use apply_tenant::{
    APPLY_PATH, ApplyTenantError, ApplyTenantInput, ApplyTenantInputBuilder, ApplyTenantOutput,
    RESOURCE_CONFLICT_RETRY_AFTER,
};
pub use generate_verify_code::{
    CODE_EXISTS_RETRY_AFTER, GenerateVerifyCodeError, GenerateVerifyCodeInput,
    GenerateVerifyCodeInputBuilder, GenerateVerifyCodeOutput, PATH,
};
pub use resolve::NO_LOOKUP;
/// The send guard: per-recipient limits and account rates shared by a fleet.
pub use vcode_core::guard;
/// Resolving a create whose answer was lost: for `applyTenant` always unknown ([`NO_LOOKUP`]).
pub use vcode_core::resolve::{Created, Resolution, Resolve, ResolveOptions, Unresolved};
/// The trait every input implements: the bound of [`Client::send`](vcode_core::Client::send).
pub use vcode_core::service::Operation;
pub use vcode_core::validate::{InvalidInput, Rule, Violation};
pub use vcode_core::{
    BuildError, CallOptions, ClientConfig, Clock, ConstructionError, CredentialsError,
    CredentialsErrorKind, DispatchError, ENV_SETTINGS, ErrorClass, ErrorReport, Password,
    PreparedRequest, ResponseError, ResponseErrorKind, RetryPolicy, SdkConfig, SdkConfigBuilder,
    SdkError, SendState, ServiceError, ServiceErrorKind, SystemClock, TimeoutError, TimeoutKind,
};
/// The HTTP types in this crate's signatures ([`ResponseError::headers`]) and the HTTP client
/// [`ClientBuilder::http_client`] takes (`reqwest::Client`), re-exported so callers name the
/// same versions.
pub use vcode_core::{futures_core, http, reqwest};

/// The example domain of the API reference. Deployments differ: confirm yours.
pub const EXAMPLE_DOMAIN: &str = "service.besclouds.com";

/// The CEC one-click trial, as the generic client sees it: no credentials, reached at a
/// deployment's domain.
#[derive(Debug)]
#[non_exhaustive]
pub struct CecTrial;

impl Service for CecTrial {
    const NAME: &'static str = env!("CARGO_PKG_NAME");
    const USER_AGENT: &'static str =
        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
    type Family = OpenFamily;
    type Region = Region;

    fn endpoint(_: &Region, family: &OpenFamily) -> Result<String, BuildError> {
        family.endpoint()
    }

    fn setup(
        _: &Region,
        _: OpenFamily,
        _: Option<Arc<dyn ProvideCredentials<NoCredentials>>>,
        _: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        Ok(Auth::none())
    }
}

/// The CEC trial has no regions: a deployment is chosen with
/// [`domain`](vcode_core::ClientBuilder::domain).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Region;

/// A CEC trial client: [`vcode_core::Client`] for [`CecTrial`]. Cheap to clone, `Send + Sync`;
/// one connection pool.
///
/// Its methods are [`vcode_core::Client`]'s: [`send`](vcode_core::Client::send) a validated
/// input, [`send_with`](vcode_core::Client::send_with) per-call options (timeouts, retries),
/// [`dry_run`](vcode_core::Client::dry_run) to see the signed request without sending it,
/// [`endpoint`](vcode_core::Client::endpoint); [`builder`](vcode_core::Client::builder) starts
/// a [`ClientBuilder`].
pub type Client = vcode_core::Client<CecTrial>;
/// Builds a [`Client`]. A [`domain`](vcode_core::ClientBuilder::domain) or an
/// [`endpoint`](vcode_core::ClientBuilder::endpoint) is required.
///
/// Its setters are [`vcode_core::ClientBuilder`]'s:
/// [`endpoint`](vcode_core::ClientBuilder::endpoint),
/// [`region`](vcode_core::ClientBuilder::region),
/// [`credentials`](vcode_core::ClientBuilder::credentials),
/// [`connect_timeout`](vcode_core::ClientBuilder::connect_timeout),
/// [`attempt_timeout`](vcode_core::ClientBuilder::attempt_timeout),
/// [`total_timeout`](vcode_core::ClientBuilder::total_timeout),
/// [`retry_policy`](vcode_core::ClientBuilder::retry_policy),
/// [`rate_limit`](vcode_core::ClientBuilder::rate_limit),
/// [`send_guard`](vcode_core::ClientBuilder::send_guard),
/// [`http_client`](vcode_core::ClientBuilder::http_client),
/// [`sdk_config`](vcode_core::ClientBuilder::sdk_config),
/// [`metadata_credentials`](vcode_core::ClientBuilder::metadata_credentials),
/// [`user_agent_suffix`](vcode_core::ClientBuilder::user_agent_suffix) and the others on its
/// page; this service adds [`domain`](vcode_core::ClientBuilder::domain), then [`build`](vcode_core::ClientBuilder::build).
pub type ClientBuilder = vcode_core::ClientBuilder<CecTrial>;
