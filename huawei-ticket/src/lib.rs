//! Typed async client for Huawei Cloud service tickets (OSM) contact verification, before a
//! contact is attached to a ticket: [`CheckNeedVerifyInput`] (must the contact be verified?),
//! [`SendVerifyCodesInput`] (text or mail a code), [`CheckVerifyCodesInput`] (check the code the
//! person typed) and [`ListHasVerifiedContactsInput`] (the verified contacts, page by page or
//! all of them).
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
//! use huawei_ticket::{
//!     CheckVerifyCodesInput, Client, ContactWay, HuaweiAkSk, SendVerifyCodesInput, Site,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Runs against the local sandbox; drop `.endpoint(..)` and use your own keys for the real API.
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! let client = Client::builder()
//!     .endpoint(sandbox.base_url())
//!     .credentials(
//!         HuaweiAkSk::new(vcode_sandbox::HUAWEI_ACCESS_KEY, vcode_sandbox::HUAWEI_SECRET_KEY)
//!             .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
//!     )
//!     .build()?;
//! // Operations are data: build (and validate) the input, then send it.
//! let send = SendVerifyCodesInput::builder()
//!     .contact_way(ContactWay::Sms)
//!     .contact_value("13800000000")
//!     .area_code("86")
//!     .site(Site::International)
//!     .build()?;
//! client.send(&send).await?;
//! // The person types the code they received; here it is read from the sandbox's outbox.
//! let typed_by_the_person = sandbox
//!     .latest_code(vcode_sandbox::Vendor::HuaweiTicket, vcode_sandbox::Recipient::Phone { calling_code: "86", number: "13800000000" })
//!     .ok_or("no code in the outbox")?;
//! // Or in one go: the builder validates and sends itself.
//! CheckVerifyCodesInput::builder()
//!     .contact_way(ContactWay::Sms)
//!     .contact_value("13800000000")
//!     .area_code("86")
//!     .verify_code(typed_by_the_person)
//!     .send(&client)
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! # The whole flow
//! Does the contact need verifying? Text a code, check what the person typed. A failure's
//! `{e}` says what happened in one line (the vendor's code, its meaning, message and request
//! id); its [`kind`](vcode_core::SdkError::kind) is the typed code to act on:
//!
//! ```
//! use huawei_ticket::{
//!     CheckNeedVerifyInput, CheckVerifyCodesInput, Client, ContactWay, IamToken,
//!     SendVerifyCodesInput, VerifyCodesError,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = vcode_sandbox::Sandbox::start().await?;
//! # let client = Client::builder()
//! #     .endpoint(sandbox.base_url())
//! #     .credentials(IamToken::new(vcode_sandbox::HUAWEI_IAM_TOKEN)?)
//! #     .build()?;
//! let need = CheckNeedVerifyInput::builder()
//!     .contact_way(ContactWay::Sms)
//!     .contact_value("13800000000")
//!     .area_code("86")
//!     .send(&client)
//!     .await?;
//! if need.need_verify() {
//!     SendVerifyCodesInput::builder()
//!         .contact_way(ContactWay::Sms)
//!         .contact_value("13800000000")
//!         .area_code("86")
//!         .send(&client)
//!         .await?;
//! #   let code = sandbox
//! #       .latest_code(vcode_sandbox::Vendor::HuaweiTicket, vcode_sandbox::Recipient::Phone { calling_code: "86", number: "13800000000" })
//! #       .ok_or("no code")?;
//! #   let mistyped = if code == "111111" { "222222" } else { "111111" };
//!     let check = |typed_by_the_person: &str| {
//!         CheckVerifyCodesInput::builder()
//!             .contact_way(ContactWay::Sms)
//!             .contact_value("13800000000")
//!             .area_code("86")
//!             .verify_code(typed_by_the_person)
//!             .send(&client)
//!     };
//!     match check(mistyped).await {
//!         Ok(_) => println!("verified"),
//!         Err(e) if e.kind() == Some(&VerifyCodesError::VerificationFailed) => {
//!             // the vendor answered with an error: OSM.01010010: the verification code was
//!             // not accepted; the vendor says "Verification failed." (request id …)
//!             eprintln!("{e}");
//!             check(&code).await?; // the person types it again
//!             println!("verified");
//!         }
//!         Err(e) => return Err(e.into()),
//!     }
//! }
//! # assert_eq!(sandbox.received().len(), 4, "the mistyped code was refused, then sent again");
//! # Ok(())
//! # }
//! ```
//!
//! # Behaviour worth knowing
//! - The vendor reports business errors **with HTTP 200** and an `error_code` in the body
//!   (its own SDKs treat those as success). Here any non-empty `error_code` is an error,
//!   whatever the status; codes are accepted with or without the `OSM.` prefix.
//! - A code is valid five minutes and a contact gets at most one per minute
//!   ([`VerifyCodesError::ResentTooOften`], with a one-minute `retry_after`, never retried).
//! - `CheckNeedVerify` and `ListHasVerifiedContacts` are signed GETs with query parameters.
//!   `expire_time` arrives as a string in the reference and a date-time in the SDKs:
//!   [`ExpireTime`] takes either. Whether `offset` counts contacts or pages is unconfirmed (its
//!   documented default is 1): [`ListHasVerifiedContactsInput::pages`] counts contacts,
//!   [`pages_by`](ListHasVerifiedContactsInput::pages_by) either, and a walk stops at `count`, an
//!   empty page or a repeated one, so a wrong guess cannot loop.
//! - Which code a wrong or expired code gets is unconfirmed; `OSM.01010010`
//!   ([`VerifyCodesError::VerificationFailed`]) is the documented "verification not passed".
//! - With AK/SK the service is signed as a global one (`X-Domain-Id`, looked up through IAM
//!   when absent); with an IAM token, `X-Auth-Token` is sent instead.
//!
//! # Depending on this crate alone
//! Every type in this crate's public signatures is re-exported here, so a program needs no other
//! crate of the family in its `Cargo.toml`:
//!
//! ```
//! use huawei_ticket::credentials::ProvideCredentials;
//! use huawei_ticket::{
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

mod check_need_verify;
mod check_verify_codes;
mod contact;
mod error;
mod list_has_verified_contacts;
mod send_verify_codes;

pub use check_need_verify::{
    CheckNeedVerifyInput, CheckNeedVerifyInputBuilder, CheckNeedVerifyOutput, ExpireTime,
    LocalDateTime, NEED_VERIFY_PATH, NeedVerifyFields,
};
pub use list_has_verified_contacts::{
    DEFAULT_LIMIT, HAS_VERIFIED_PATH, ListFields, ListHasVerifiedContactsInput,
    ListHasVerifiedContactsInputBuilder, ListHasVerifiedContactsOutput, MAX_OFFSET, OffsetUnit,
    VerifiedContact, VerifiedContactPages,
};

pub use check_verify_codes::{
    CHECK_PATH, CheckFields, CheckVerifyCodesInput, CheckVerifyCodesInputBuilder,
};
pub use contact::{ContactInputBuilder, ContactWay, Site, VerifyCodesOutput};
pub use error::{CODE_VALIDITY, RESEND_INTERVAL, VerifyCodesError};
pub use send_verify_codes::{SEND_PATH, SendVerifyCodesInput, SendVerifyCodesInputBuilder};
pub use vcode_core::credentials::{
    self, CredentialsChain, CredentialsFuture, Environment, ProvideCredentials, SharedProvider,
};
/// The send guard: per-recipient limits and account rates shared by a fleet.
pub use vcode_core::guard;
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

/// The error of every ticket operation.
pub type Error = SdkError<VerifyCodesError>;

/// The regions the API reference lists for OSM.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// `ap-southeast-3` (international, the default): `https://osm.ap-southeast-3.myhuaweicloud.com`.
    #[default]
    ApSoutheast3,
    /// `cn-south-1` (China): `https://osm.cn-south-1.myhuaweicloud.com`. The official SDKs use
    /// `osm.cn-south-1.myhuaweicloud.cn`; which host is live is unconfirmed, so set
    /// [`ClientBuilder::endpoint`] if this one is refused.
    CnSouth1,
    /// `eu-west-101` (Europe): `https://osm.eu-west-101.myhuaweicloud.eu`.
    EuWest101,
}

impl Region {
    /// Every region, in the official SDK's order.
    pub const ALL: [Region; 3] = [Self::ApSoutheast3, Self::CnSouth1, Self::EuWest101];

    /// The region id.
    pub fn id(self) -> &'static str {
        match self {
            Self::ApSoutheast3 => "ap-southeast-3",
            Self::CnSouth1 => "cn-south-1",
            Self::EuWest101 => "eu-west-101",
        }
    }

    /// The region's endpoint.
    pub fn endpoint(self) -> &'static str {
        match self {
            Self::ApSoutheast3 => "https://osm.ap-southeast-3.myhuaweicloud.com",
            Self::CnSouth1 => "https://osm.cn-south-1.myhuaweicloud.com",
            Self::EuWest101 => "https://osm.eu-west-101.myhuaweicloud.eu",
        }
    }

    /// The region with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// OSM (service tickets), as the generic client sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Osm;

impl Service for Osm {
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

/// An OSM (service tickets) client: [`vcode_core::Client`] for [`Osm`]. Cheap to clone,
/// `Send + Sync`; one connection pool.
///
/// Its methods are [`vcode_core::Client`]'s: [`send`](vcode_core::Client::send) a validated
/// input, [`send_with`](vcode_core::Client::send_with) per-call options (timeouts, retries),
/// [`dry_run`](vcode_core::Client::dry_run) to see the signed request without sending it,
/// [`endpoint`](vcode_core::Client::endpoint); [`builder`](vcode_core::Client::builder) starts
/// a [`ClientBuilder`].
pub type Client = vcode_core::Client<Osm>;
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
/// page; the Huawei family adds [`iam_endpoint`](HuaweiClientBuilderExt::iam_endpoint) (`use huawei_ticket::HuaweiClientBuilderExt`), then [`build`](vcode_core::ClientBuilder::build).
pub type ClientBuilder = vcode_core::ClientBuilder<Osm>;
