//! Typed async client for Tencent Cloud International Partners (`intlpartnersmgt`, version
//! `2022-09-28`) account registration: [`GetCountryCodesInput`] and [`GetTradeConfigListInput`]
//! (the choices `CreateAccount` accepts), [`SendVerifyCodeInput`] (text a code to the future
//! customer), [`CreateAccountInput`] (create the account with it) and
//! [`QueryCustomersCreditInput`] (the partner's customers, paged; a create whose answer was
//! lost is resolved with it: [`Client::send_resolving`](vcode_core::Client::send_resolving)).
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
//! use tencent_partners::{Client, Language, SendVerifyCodeInput, TencentCredentials};
//! // The Tencent family's builder settings (language, root domain).
//! use tencent_partners::TencentClientBuilderExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Runs against the local sandbox; drop `.endpoint(..)` and use your own keys for the real API.
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! let client = Client::builder()
//!     .endpoint(sandbox.base_url())
//!     .credentials(TencentCredentials::new(
//!         vcode_sandbox::TENCENT_SECRET_ID,
//!         vcode_sandbox::TENCENT_SECRET_KEY,
//!     ))
//!     .language(Language::EnUs)
//!     .build()?;
//! // Operations are data: build (and validate) the input, then send it.
//! let input = SendVerifyCodeInput::builder()
//!     .country_code("852")
//!     .phone_num("18888888888")
//!     .build()?;
//! let sent = client.send(&input).await?;
//! println!("request id {:?}", sent.request_id());
//! // Or in one go: the builder validates and sends itself.
//! SendVerifyCodeInput::builder()
//!     .country_code("65")
//!     .phone_num("91234567")
//!     .send(&client)
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! # The whole flow
//! Text a code, let the person type it, create the account. A failure's `{e}` says what
//! happened in one line (the vendor's code, its meaning, message and request id); its
//! [`kind`](vcode_core::SdkError::kind) is the typed code to act on:
//!
//! ```
//! use tencent_partners::{
//!     AccountType, Client, CreateAccountError, CreateAccountInput, FailedOperation,
//!     SendVerifyCodeInput, TencentCredentials,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = vcode_sandbox::Sandbox::start().await?;
//! # let client = Client::builder()
//! #     .endpoint(sandbox.base_url())
//! #     .credentials(TencentCredentials::new(
//! #         vcode_sandbox::TENCENT_SECRET_ID,
//! #         vcode_sandbox::TENCENT_SECRET_KEY,
//! #     ))
//! #     .build()?;
//! SendVerifyCodeInput::builder()
//!     .country_code("852")
//!     .phone_num("18888888888")
//!     .send(&client)
//!     .await?;
//! # let code = sandbox
//! #     .latest_code(vcode_sandbox::Vendor::TencentPartners, vcode_sandbox::Recipient::Phone { calling_code: "852", number: "18888888888" })
//! #     .ok_or("no code")?;
//! # let mistyped = if code == "111111" { "222222" } else { "111111" };
//! let create = |typed_by_the_person: &str| {
//!     CreateAccountInput::builder()
//!         .account_type(AccountType::Company)
//!         .mail("new-customer@example.com")
//!         .password("Sandbox42!")
//!         .confirm_password("Sandbox42!")
//!         .phone_num("18888888888")
//!         .country_code("852")
//!         .area("HK")
//!         .verify_code(typed_by_the_person)
//!         .trade_one("kghy_01")
//!         .trade_two("kghy_0101")
//!         .send(&client)
//! };
//! let wrong_code = CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal);
//! match create(mistyped).await {
//!     Ok(created) => println!("account {}", created.uin()),
//!     Err(e) if e.kind() == Some(&wrong_code) => {
//!         // the vendor answered with an error: FailedOperation.VerificationCodeIllegal: the
//!         // verification code is wrong; the vendor says "The verification code is
//!         // incorrect." (request id …)
//!         eprintln!("{e}");
//!         let created = create(&code).await?; // the person types it again
//!         println!("account {}", created.uin());
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # assert_eq!(sandbox.received().len(), 3, "the mistyped code was refused, then sent again");
//! # Ok(())
//! # }
//! ```
//!
//! # Behaviour worth knowing
//! - Tencent answers errors **inside HTTP 200** responses; a response is an error exactly when
//!   `Response.Error` is present. Codes map to [`SendVerifyCodeError`], grouped by prefix.
//! - One code per phone per 60 s: [`FailedOperation::SendVerifyCodeLimit60`] carries a 60 s
//!   `retry_after` and is never retried automatically.
//! - Signatures more than five minutes off Tencent's clock are refused with
//!   `AuthFailure.SignatureExpire`: the client learns the offset from the response's `Date`,
//!   re-signs and retries once; later calls use the corrected clock.
//! - `CreateAccount` is never retried once it may have been sent. Its passwords are
//!   [`Password`]s (wiped when dropped, `[REDACTED]` in `Debug`, dry runs and errors); every
//!   code it documents is typed, the field-specific ones naming the field
//!   ([`CreateAccountError::field`]). It allows [`CREATE_ACCOUNT_RATE_LIMIT`] requests a second
//!   and [`ACCOUNTS_PER_PHONE`] accounts per number. [`CreateAccountInput::check_choices`]
//!   checks `CountryCode`/`Area` and `TradeOne`/`TradeTwo` against the catalogues first.
//! - `RequestLimitExceeded*` is throttling and is retried with backoff. The action allows
//!   [`DOCUMENTED_RATE_LIMIT`] requests per second; [`ClientBuilder::rate_limit`] keeps a client
//!   under it.
//!
//! # Depending on this crate alone
//! Every type in this crate's public signatures is re-exported here, so a program needs no other
//! crate of the family in its `Cargo.toml`:
//!
//! ```
//! use tencent_partners::credentials::ProvideCredentials;
//! use tencent_partners::{
//!     BuildError, Client, ClientBuilder, Clock, CredentialsError, CredentialsErrorKind,
//!     DispatchError, ErrorClass, InvalidInput, PreparedRequest, ResponseError, ResponseErrorKind,
//!     RetryPolicy, Rule, SdkError, SendState, ServiceError, ServiceErrorKind, SystemClock,
//!     TimeoutError, TimeoutKind, Violation, http, reqwest,
//!     CredentialsChain, Environment, TencentCredentials, TencentEnvProvider,
//!     TencentProfileProvider,
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

mod create_account;
mod error;
mod get_country_codes;
mod get_trade_config_list;
mod query_customers_credit;
mod resolve;
mod send_verify_code;

pub use create_account::{
    ACCOUNTS_PER_PHONE, AccountType, CREATE_ACCOUNT, CREATE_ACCOUNT_RATE_LIMIT, CreateAccountInput,
    CreateAccountInputBuilder, CreateAccountOutput, EXTENDED_MAX_CHARS, PASSWORD_SYMBOLS,
};
pub use get_country_codes::{
    CountryCodeItem, GET_COUNTRY_CODES, GetCountryCodesInput, GetCountryCodesInputBuilder,
    GetCountryCodesOutput,
};
pub use get_trade_config_list::{
    GET_TRADE_CONFIG_LIST, GetTradeConfigListInput, GetTradeConfigListInputBuilder,
    GetTradeConfigListOutput, TradeOne, TradeTwo,
};

use std::sync::Arc;

use vcode_core::service::{Auth, Service};

pub use error::{
    AccountField, CatalogError, CreateAccountError, FailedOperation, FieldProblem,
    InvalidParameter, InvalidParameterValue, QueryCustomersCreditError, RESEND_INTERVAL,
    SendVerifyCodeError,
};
pub use query_customers_credit::{
    CustomerCredit, CustomerPages, FILTER_MAX_CHARS, FilterType, Order, QUERY_CUSTOMERS_CREDIT,
    QueryCustomersCreditInput, QueryCustomersCreditInputBuilder, QueryCustomersCreditOutput,
};
pub use send_verify_code::{
    ACTION, DOCUMENTED_RATE_LIMIT, EXCLUDED_COUNTRY_CODES, SendVerifyCodeInput,
    SendVerifyCodeInputBuilder, SendVerifyCodeOutput,
};
pub use vcode_core::credentials::{
    self, CredentialsChain, CredentialsFuture, Environment, ProvideCredentials, SharedProvider,
};
/// The send guard: per-recipient limits and account rates shared by a fleet.
pub use vcode_core::guard;
/// Resolving a create whose answer was lost ([`CreateAccountInput`] implements [`Resolve`]).
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
pub use vcode_tencent::{
    AuthFailure, CommonError, RequestLimitExceeded, RootDomain, TencentClientBuilderExt,
    TencentCredentials, TencentCvmRoleProvider, TencentEnvProvider, TencentFamily,
    TencentLanguage as Language, TencentProfileProvider, TencentRegion as Region,
};

/// The product (service) name, which scopes TC3 signatures.
pub const SERVICE: &str = "intlpartnersmgt";
/// The API version of every action.
pub const VERSION: &str = "2022-09-28";

/// International Partners (`intlpartnersmgt` 2022-09-28), as the generic client sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Partners;

impl Service for Partners {
    const NAME: &'static str = env!("CARGO_PKG_NAME");
    const USER_AGENT: &'static str =
        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
    type Family = TencentFamily;
    type Region = Region;

    fn endpoint(_: &Region, family: &TencentFamily) -> Result<String, BuildError> {
        Ok(family.root_domain.endpoint(SERVICE))
    }

    fn setup(
        region: &Region,
        family: TencentFamily,
        credentials: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        vcode_tencent::setup(SERVICE, region, family, credentials, config)
    }
}

/// A Tencent Cloud International Partners client: [`vcode_core::Client`] for [`Partners`]. Cheap
/// to clone, `Send + Sync`; one connection pool, one learned clock offset, one rate limiter.
///
/// Its methods are [`vcode_core::Client`]'s: [`send`](vcode_core::Client::send) a validated
/// input, [`send_with`](vcode_core::Client::send_with) per-call options (timeouts, retries),
/// [`dry_run`](vcode_core::Client::dry_run) to see the signed request without sending it,
/// [`endpoint`](vcode_core::Client::endpoint); [`builder`](vcode_core::Client::builder) starts
/// a [`ClientBuilder`].
pub type Client = vcode_core::Client<Partners>;
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
/// page; the Tencent family adds [`language`](TencentClientBuilderExt::language) and [`root_domain`](TencentClientBuilderExt::root_domain) (`use tencent_partners::TencentClientBuilderExt`), then [`build`](vcode_core::ClientBuilder::build).
pub type ClientBuilder = vcode_core::ClientBuilder<Partners>;
