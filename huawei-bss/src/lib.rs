//! Typed async client for Huawei Cloud BSS International customer registration, the whole
//! flow the vendor documents: [`CheckUserIdentityInput`] (is the email, mobile number or
//! account name free?), [`SendVerificationCodeInput`] (`SendVerificationMessageCode`: mail a
//! code), [`CreateSubCustomerInput`] (create the customer with the code) and
//! [`ListSubCustomersInput`] (confirm a customer exists).
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
//! use huawei_bss::{Client, HuaweiAkSk, Language, Region, SendVerificationCodeInput};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Runs against the local sandbox; drop `.endpoint(..)` and use your own keys for the real API.
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! let client = Client::builder()
//!     .region(Region::ApSoutheast1)
//!     .endpoint(sandbox.base_url())
//!     .credentials(
//!         HuaweiAkSk::new(vcode_sandbox::HUAWEI_ACCESS_KEY, vcode_sandbox::HUAWEI_SECRET_KEY)
//!             .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
//!     )
//!     .build()?;
//! // Operations are data: build (and validate) the input, then send it.
//! let input = SendVerificationCodeInput::builder()
//!     .email("someone@example.com")
//!     .language(Language::EnUs)
//!     .timeout_minutes(5)
//!     .build()?;
//! let sent = client.send(&input).await?;
//! println!("request id {}", sent.request_id().unwrap_or("-"));
//! // Or in one go: the builder validates and sends itself.
//! SendVerificationCodeInput::builder()
//!     .email("other@example.com")
//!     .send(&client)
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! Inputs are validated before anything is sent, and every problem is reported at once:
//!
//! ```
//! use huawei_bss::SendVerificationCodeInput;
//!
//! let err = SendVerificationCodeInput::builder()
//!     .email("not-an-address")
//!     .timeout_minutes(0)
//!     .build()
//!     .unwrap_err();
//! let fields: Vec<_> = err.violations().iter().map(|v| v.field()).collect();
//! assert_eq!(fields, ["email", "timeout"]);
//! ```
//!
//! # The whole flow
//! Mail a code, let the person type it, create the customer. A failure's `{e}` says what
//! happened in one line (the vendor's code, its meaning, message and request id); its
//! [`kind`](vcode_core::SdkError::kind) is the typed code to act on:
//!
//! ```
//! use huawei_bss::{
//!     Client, CommonError, CreateSubCustomerError, CreateSubCustomerInput, HuaweiAkSk,
//!     SendVerificationCodeInput,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = vcode_sandbox::Sandbox::start().await?;
//! # let client = Client::builder()
//! #     .endpoint(sandbox.base_url())
//! #     .credentials(
//! #         HuaweiAkSk::new(vcode_sandbox::HUAWEI_ACCESS_KEY, vcode_sandbox::HUAWEI_SECRET_KEY)
//! #             .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
//! #     )
//! #     .build()?;
//! SendVerificationCodeInput::builder()
//!     .email("someone@example.com")
//!     .send(&client)
//!     .await?;
//! # let code = sandbox
//! #     .latest_code(vcode_sandbox::Vendor::HuaweiBss, vcode_sandbox::Recipient::Email("someone@example.com"))
//! #     .ok_or("no code")?;
//! # let mistyped = if code == "111111" { "222222" } else { "111111" };
//! let create = |typed_by_the_person: &str| {
//!     CreateSubCustomerInput::builder()
//!         .domain_name("sandbox_customer")
//!         .email("someone@example.com")
//!         .verification_code(typed_by_the_person)
//!         .domain_area("MX")
//!         .xaccount_id("partner-user-1")
//!         .xaccount_type("sandbox_platform")
//!         .password("Sandbox-Pw-42")
//!         .send(&client)
//! };
//! let wrong_code = CreateSubCustomerError::Common(CommonError::InvalidParameter);
//! match create(mistyped).await {
//!     Ok(created) => println!("customer {}", created.domain_id()),
//!     Err(e) if e.kind() == Some(&wrong_code) => {
//!         // the vendor answered with an error: CBC.0100: a parameter is invalid; the vendor
//!         // says "The verification code is wrong or expired." (request id …)
//!         eprintln!("{e}");
//!         let created = create(&code).await?; // the person types it again
//!         println!("customer {}", created.domain_id());
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # assert_eq!(sandbox.received().len(), 3, "the mistyped code was refused, then sent again");
//! # Ok(())
//! # }
//! ```
//!
//! # Behaviour worth knowing
//! - `SendVerificationMessageCode` succeeds with HTTP 204 and no body; the request id comes
//!   from `X-Request-Id`. `CheckUserIdentity` succeeds with `"error_code": "CBC.0000"` in its
//!   body, which is not an error.
//! - `CreateSubCustomer` is never retried once it may have been sent. `CBC.99000050` (HTTP 500)
//!   means the customer **was** created and the partner association timed out: it comes back
//!   as a success whose [`association`](CreateSubCustomerOutput::association) is
//!   [`Association::Pending`], with the ids. After a "may have been sent" error (timeout, lost
//!   connection, unreadable answer), look the account name up with [`ListSubCustomersInput`]
//!   before creating again.
//! - The password is a [`Password`]: wiped when dropped, `[REDACTED]` in `Debug`, dry runs and
//!   errors (a vendor echo of it is scrubbed too).
//! - Assumed where the vendor is unconfirmed: `domain_area` is required (the international
//!   reference says so; the SDKs make it optional); the code is 6 digits and the password 8
//!   to 32 characters (the China site's limits); a wrong or expired code answers the generic
//!   `CBC.0100` (no specific code is documented).
//! - The vendor allows [`SEND_LIMIT_PER_HOUR`] codes an hour and [`SEND_LIMIT_PER_DAY`] a day per
//!   address ([`SendVerificationCodeError::SendLimitReached`]); that error is never retried.
//! - With AK/SK, the account (domain) id is sent as `X-Domain-Id`; when the credentials lack
//!   it, it is looked up once through IAM. With an IAM token, `X-Auth-Token` is sent instead.
//! - Retries happen only when the request certainly was not processed (see [`RetryPolicy`]).
//!
//! # Depending on this crate alone
//! Every type in this crate's public signatures is re-exported here, so a program needs no other
//! crate of the family in its `Cargo.toml`:
//!
//! ```
//! use huawei_bss::credentials::ProvideCredentials;
//! use huawei_bss::{
//!     BuildError, Client, ClientBuilder, Clock, CredentialsError, CredentialsErrorKind,
//!     DispatchError, ErrorClass, InvalidInput, PreparedRequest, ResponseError, ResponseErrorKind,
//!     RetryPolicy, Rule, SdkError, SendState, ServiceError, ServiceErrorKind, SystemClock,
//!     TimeoutError, TimeoutKind, Violation, http, reqwest,
//!     CredentialsChain, Environment, HuaweiAkSk, HuaweiCredentials, HuaweiEnvProvider,
//!     HuaweiProfileProvider, IamToken,
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

mod account_name;
mod check_user_identity;
mod create_sub_customer;
mod error;
mod list_sub_customers;
mod resolve;
mod send_verification_code;

pub use check_user_identity::{
    CHECK_IDENTITY_PATH, CheckResult, CheckUserIdentityInput, CheckUserIdentityInputBuilder,
    CheckUserIdentityOutput, Identity, SUCCESS_CODE,
};
pub use create_sub_customer::{
    ASSOCIATION_TIMED_OUT, Association, CREATE_PATH, CreateSubCustomerInput,
    CreateSubCustomerInputBuilder, CreateSubCustomerOutput,
};
pub use error::{
    CommonError, CreateSubCustomerError, QueryError, SEND_LIMIT_PER_DAY, SEND_LIMIT_PER_HOUR,
    SendVerificationCodeError,
};
pub use list_sub_customers::{
    AccountManager, AssociationType, LIST_PATH, ListSubCustomersInput,
    ListSubCustomersInputBuilder, ListSubCustomersOutput, MAX_OFFSET, SubCustomer,
    SubCustomerPages,
};
pub use send_verification_code::{
    Language, PATH, ReceiverType, SendVerificationCodeInput, SendVerificationCodeInputBuilder,
    SendVerificationCodeOutput,
};
pub use vcode_core::credentials::{
    self, CredentialsChain, CredentialsFuture, Environment, ProvideCredentials, SharedProvider,
};
/// The send guard: per-recipient limits and account rates shared by a fleet.
pub use vcode_core::guard;
/// Resolving a create whose answer was lost ([`CreateSubCustomerInput`] implements [`Resolve`]).
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
pub use vcode_huawei::{
    GatewayError, HuaweiAkSk, HuaweiClientBuilderExt, HuaweiCredentials, HuaweiEnvProvider,
    HuaweiFamily, HuaweiMetadataProvider, HuaweiProfileProvider, IamToken,
};

use std::sync::Arc;

use vcode_core::service::{Auth, Service};

/// The regions the official SDK lists for BSS International.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// `ap-southeast-1`: `https://bss-intl.myhuaweicloud.com` (the default).
    #[default]
    ApSoutheast1,
    /// `eu-west-101`: `https://bss.myhuaweicloud.eu`.
    EuWest101,
}

impl Region {
    /// Every region, in the official SDK's order.
    pub const ALL: [Region; 2] = [Self::ApSoutheast1, Self::EuWest101];

    /// The region id.
    pub fn id(self) -> &'static str {
        match self {
            Self::ApSoutheast1 => "ap-southeast-1",
            Self::EuWest101 => "eu-west-101",
        }
    }

    /// The region's endpoint.
    pub fn endpoint(self) -> &'static str {
        match self {
            Self::ApSoutheast1 => "https://bss-intl.myhuaweicloud.com",
            Self::EuWest101 => "https://bss.myhuaweicloud.eu",
        }
    }

    /// The region with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// BSS International, as the generic client sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Bss;

impl Service for Bss {
    const NAME: &'static str = env!("CARGO_PKG_NAME");
    const USER_AGENT: &'static str =
        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
    type Family = HuaweiFamily;
    type Region = Region;

    fn endpoint(region: &Region, _: &HuaweiFamily) -> Result<String, BuildError> {
        Ok(region.endpoint().to_owned())
    }

    fn setup(
        _: &Region,
        family: HuaweiFamily,
        credentials: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        vcode_huawei::global_auth(family, credentials, config)
    }
}

/// A BSS International client: [`vcode_core::Client`] for [`Bss`]. Cheap to clone,
/// `Send + Sync`; one connection pool.
///
/// Its methods are [`vcode_core::Client`]'s: [`send`](vcode_core::Client::send) a validated
/// input, [`send_with`](vcode_core::Client::send_with) per-call options (timeouts, retries),
/// [`dry_run`](vcode_core::Client::dry_run) to see the signed request without sending it,
/// [`endpoint`](vcode_core::Client::endpoint); [`builder`](vcode_core::Client::builder) starts
/// a [`ClientBuilder`].
pub type Client = vcode_core::Client<Bss>;
/// Builds a [`Client`].
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
/// page; the Huawei family adds [`iam_endpoint`](HuaweiClientBuilderExt::iam_endpoint) (`use huawei_bss::HuaweiClientBuilderExt`), then [`build`](vcode_core::ClientBuilder::build).
pub type ClientBuilder = vcode_core::ClientBuilder<Bss>;
