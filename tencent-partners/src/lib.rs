//! Typed async client for Tencent Cloud International Partners `SendVerifyCode`
//! (`intlpartnersmgt`, version `2022-09-28`): a partner texts a code to a future customer
//! before `CreateAccount`.
//!
//! ```
//! use tencent_partners::{Client, Language, TencentCredentials};
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
//! let sent = client
//!     .send_verify_code()
//!     .country_code("852")
//!     .phone_num("18888888888")
//!     .send()
//!     .await?;
//! println!("request id {}", sent.request_id());
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

mod error;
mod operation;

use std::sync::Arc;

use vcode_core::http::{HeaderName, HeaderValue};
use vcode_core::{Auth, ClientConfig, ClientRuntime};

pub use error::{
    AuthFailure, FailedOperation, InvalidParameterValue, RESEND_INTERVAL, RequestLimitExceeded,
    SendVerifyCodeError,
};
pub use operation::{
    ACTION, EXCLUDED_COUNTRY_CODES, SERVICE, SendVerifyCodeInput, SendVerifyCodeInputBuilder,
    SendVerifyCodeOutput, VERSION,
};
pub use vcode_core::credentials::{
    self, CredentialsChain, Environment, ProvideCredentials, TencentCredentials,
    TencentEnvProvider, TencentProfileProvider,
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
pub type Error = SdkError<SendVerifyCodeError>;

/// Requests per second the action allows (per account).
pub const DOCUMENTED_RATE_LIMIT: u32 = 20;

/// The API host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ServiceHost {
    /// `intlpartnersmgt.tencentcloudapi.com`, as in the official SDK (the default).
    #[default]
    Default,
    /// `intlpartnersmgt.intl.tencentcloudapi.com`, named by newer reference pages.
    International,
}

impl ServiceHost {
    /// The endpoint URL.
    pub fn endpoint(self) -> &'static str {
        match self {
            Self::Default => "https://intlpartnersmgt.tencentcloudapi.com",
            Self::International => "https://intlpartnersmgt.intl.tencentcloudapi.com",
        }
    }
}

/// The language of Tencent's messages (`X-TC-Language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`.
    EnUs,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::EnUs => "en-US",
        }
    }
}

/// A Tencent Cloud International Partners client. Cheap to clone, `Send + Sync`; one
/// connection pool, one learned clock offset, one rate limiter.
#[derive(Clone, Debug)]
pub struct Client {
    runtime: ClientRuntime,
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
pub struct ClientBuilder {
    config: ClientConfig,
    host: ServiceHost,
    region: Option<String>,
    language: Option<Language>,
    credentials: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
}

impl ClientBuilder {
    vcode_core::forward_config_setters!();

    /// The API host (default [`ServiceHost::Default`]); ignored when an endpoint is set.
    #[must_use]
    pub fn host(mut self, host: ServiceHost) -> Self {
        self.host = host;
        self
    }

    /// `X-TC-Region` (the action needs none; not sent when unset).
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// `X-TC-Language` for Tencent's messages (not sent when unset).
    #[must_use]
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// The credentials, or a provider of them. Default: `TENCENTCLOUD_SECRET_ID` and
    /// `TENCENTCLOUD_SECRET_KEY`, then `~/.tencentcloud/credentials` `[default]`, as the
    /// official SDKs read them. Credentials are read on the first call.
    #[must_use]
    pub fn credentials(
        mut self,
        credentials: impl ProvideCredentials<TencentCredentials> + 'static,
    ) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Keeps the client under `per_second` requests (retries included), spacing them evenly.
    /// Off by default; [`DOCUMENTED_RATE_LIMIT`] is the vendor's limit.
    #[must_use]
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.config.set_rate_limit(Some(per_second));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// An invalid endpoint, region, or HTTP client configuration.
    pub fn build(mut self) -> Result<Client, BuildError> {
        if let Some(region) = &self.region {
            let value = HeaderValue::from_str(region)
                .ok()
                .filter(|_| !region.is_empty() && vcode_core::validate::is_header_safe(region))
                .ok_or_else(|| {
                    BuildError::new(format!(
                        "region `{}` is not a valid header value",
                        vcode_core::mask::truncate(region)
                    ))
                })?;
            self.config
                .add_default_header(HeaderName::from_static("x-tc-region"), value);
        }
        if let Some(language) = self.language {
            self.config.add_default_header(
                HeaderName::from_static("x-tc-language"),
                HeaderValue::from_static(language.as_str()),
            );
        }
        let credentials = self
            .credentials
            .unwrap_or_else(|| Arc::new(CredentialsChain::tencent_default()));
        let runtime = ClientRuntime::new(
            env!("CARGO_PKG_NAME"),
            concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            Some(self.host.endpoint()),
            self.config,
            Auth::tencent(credentials, SERVICE),
        )?;
        Ok(Client { runtime })
    }
}

impl Client {
    vcode_core::client_runtime_methods!(dry_run: "It is signed (the session token redacted when displayed).");

    /// Starts a `SendVerifyCode` call.
    pub fn send_verify_code(&self) -> SendVerifyCode<'_> {
        SendVerifyCode {
            client: self,
            input: SendVerifyCodeInput::builder(),
        }
    }

    /// Sends a validated input.
    ///
    /// # Errors
    /// See [`SdkError`]; Tencent's codes are [`SendVerifyCodeError`].
    pub async fn send(&self, input: &SendVerifyCodeInput) -> Result<SendVerifyCodeOutput, Error> {
        self.runtime.invoke(input).await
    }

    /// The clock offset learned from a `SignatureExpire`, in seconds.
    pub fn clock_offset_secs(&self) -> i64 {
        self.runtime.clock_offset_secs()
    }
}

/// A `SendVerifyCode` call being assembled.
#[derive(Debug)]
pub struct SendVerifyCode<'a> {
    client: &'a Client,
    input: SendVerifyCodeInputBuilder,
}

impl SendVerifyCode<'_> {
    /// The calling code (1 to 4 digits; not 7, 380 or 86).
    #[must_use]
    pub fn country_code(mut self, code: impl Into<String>) -> Self {
        self.input = self.input.country_code(code);
        self
    }

    /// The number without the calling code (1 to 32 digits).
    #[must_use]
    pub fn phone_num(mut self, phone: impl Into<String>) -> Self {
        self.input = self.input.phone_num(phone);
        self
    }

    /// Validates and sends.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of [`Client::send`].
    pub async fn send(self) -> Result<SendVerifyCodeOutput, Error> {
        let input = self.input.build()?;
        self.client.send(&input).await
    }
}
