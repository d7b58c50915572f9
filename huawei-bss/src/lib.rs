//! Typed async client for Huawei Cloud BSS International `SendVerificationMessageCode`: a
//! partner mails a verification code to a future customer before registering them.
//!
//! ```
//! use huawei_bss::{Client, HuaweiAkSk, Lang, Region};
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
//! let sent = client
//!     .send_verification_code()
//!     .email("someone@example.com")
//!     .lang(Lang::EnUs)
//!     .timeout_minutes(5)
//!     .send()
//!     .await?;
//! println!("request id {}", sent.request_id().unwrap_or("-"));
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
//! # Behaviour worth knowing
//! - Success is HTTP 204 with no body; the request id comes from `X-Request-Id`.
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

mod error;
mod operation;

pub use error::{SEND_LIMIT_PER_DAY, SEND_LIMIT_PER_HOUR, SendVerificationCodeError};
pub use operation::{
    Lang, PATH, ReceiverType, SendVerificationCodeInput, SendVerificationCodeInputBuilder,
    SendVerificationCodeOutput,
};
pub use vcode_core::credentials::{
    self, CredentialsChain, Environment, HuaweiAkSk, HuaweiCredentials, HuaweiEnvProvider,
    HuaweiProfileProvider, IamToken, ProvideCredentials,
};
pub use vcode_core::validate::{InvalidInput, Rule, Violation};
pub use vcode_core::{
    BuildError, Clock, CredentialsError, CredentialsErrorKind, DispatchError, ErrorClass,
    PreparedRequest, ResponseError, ResponseErrorKind, RetryPolicy, SdkError, SendState,
    ServiceError, ServiceErrorKind, SystemClock, TimeoutError, TimeoutKind,
};
/// The HTTP types in this crate's signatures ([`ResponseError::headers`]) and the HTTP client
/// [`ClientBuilder::http_client`] takes (`reqwest::Client`), re-exported so callers name the
/// same versions.
pub use vcode_core::{http, reqwest};

/// The error of [`Client::send`].
pub type Error = SdkError<SendVerificationCodeError>;

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
        [Self::ApSoutheast1, Self::EuWest101]
            .into_iter()
            .find(|r| r.id() == id)
    }
}

vcode_core::huawei_global_client!(service: "BSS International", region: Region);

impl Client {
    /// Starts a `SendVerificationMessageCode` call; finish it with
    /// [`send`](SendVerificationCode::send).
    pub fn send_verification_code(&self) -> SendVerificationCode<'_> {
        SendVerificationCode {
            client: self,
            input: SendVerificationCodeInput::builder(),
        }
    }

    /// Sends a validated input.
    ///
    /// # Errors
    /// See [`SdkError`]; the vendor's codes are [`SendVerificationCodeError`].
    pub async fn send(
        &self,
        input: &SendVerificationCodeInput,
    ) -> Result<SendVerificationCodeOutput, Error> {
        self.runtime.invoke(input).await
    }
}

/// A `SendVerificationMessageCode` call being assembled.
#[derive(Debug)]
pub struct SendVerificationCode<'a> {
    client: &'a Client,
    input: SendVerificationCodeInputBuilder,
}

impl SendVerificationCode<'_> {
    /// The recipient (required; at most 64 characters).
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.input = self.input.email(email);
        self
    }

    /// The code's validity, 1 to 3000 minutes (the vendor treats over 60 as 5).
    #[must_use]
    pub fn timeout_minutes(mut self, minutes: u32) -> Self {
        self.input = self.input.timeout_minutes(minutes);
        self
    }

    /// The email's language.
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> Self {
        self.input = self.input.lang(lang);
        self
    }

    /// Validates and sends.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of [`Client::send`].
    pub async fn send(self) -> Result<SendVerificationCodeOutput, Error> {
        let input = self.input.build()?;
        self.client.send(&input).await
    }
}
