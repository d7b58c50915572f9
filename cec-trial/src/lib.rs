//! Typed async client for the Huawei Cloud Customer Engagement Center (CEC) one-click trial:
//! `generateverifycode` texts a code to a phone before a trial tenant is created.
//!
//! ```
//! use cec_trial::Client;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Runs against the local sandbox. For a real deployment use `.domain(..)`: the reference's
//! // example domain is `cec_trial::EXAMPLE_DOMAIN`.
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! let client = Client::builder().endpoint(sandbox.base_url()).build()?;
//! let sent = client.generate_verify_code().phone("+8613800000000").send().await?;
//! println!("{}", sent.ret_msg());
//! # Ok(())
//! # }
//! ```
//!
//! # Behaviour worth knowing
//! - The API takes no authentication; nothing auth-related is sent.
//! - The vendor answers HTTP 200 even when nothing was sent: the outcome is `retCode`, mapped
//!   here to [`GenerateVerifyCodeError`]. `retCode` is accepted as a string or a number.
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

mod operation;

use std::time::Duration;

use vcode_core::{Auth, ClientConfig, ClientRuntime};

pub use operation::{
    GenerateVerifyCodeInput, GenerateVerifyCodeInputBuilder, GenerateVerifyCodeOutput, PATH,
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

/// The example domain of the API reference. Deployments differ: confirm yours.
pub const EXAMPLE_DOMAIN: &str = "service.besclouds.com";

/// How long to wait after [`GenerateVerifyCodeError::CodeAlreadyExists`]. The vendor only says
/// "send later"; five minutes is this crate's assumption (a code's usual validity).
pub const CODE_EXISTS_RETRY_AFTER: Duration = Duration::from_secs(300);

/// The outcomes of `generateverifycode` other than success: each `retCode`, and each HTTP
/// status the reference documents.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenerateVerifyCodeError {
    /// `retCode` 201: a code already exists for this phone; send later
    /// ([`CODE_EXISTS_RETRY_AFTER`]). Never retried automatically.
    CodeAlreadyExists,
    /// `retCode` 202: the SMS verification code failed to send.
    VerificationCodeSendFailed,
    /// `retCode` 204: the SMS message failed to send.
    SmsSendFailed,
    /// `retCode` 205: today's sending threshold was reached.
    DailyThresholdReached,
    /// HTTP 400: bad path or parameters.
    BadRequest,
    /// HTTP 401: unauthorized (service not purchased, or the account's state).
    Unauthorized,
    /// HTTP 403: authentication failed.
    AuthenticationFailed,
    /// HTTP 404: path not found (check the domain).
    NotFound,
    /// HTTP 500: business failure.
    BusinessFailure,
    /// A `retCode` this version does not know, kept as received.
    Unknown(String),
}

impl GenerateVerifyCodeError {
    /// Maps a `retCode` other than `200`.
    pub fn from_ret_code(code: &str) -> Self {
        match code {
            "201" => Self::CodeAlreadyExists,
            "202" => Self::VerificationCodeSendFailed,
            "204" => Self::SmsSendFailed,
            "205" => Self::DailyThresholdReached,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// Maps a documented non-200 HTTP status.
    pub fn from_http_status(status: u16) -> Option<Self> {
        Some(match status {
            400 => Self::BadRequest,
            401 => Self::Unauthorized,
            403 => Self::AuthenticationFailed,
            404 => Self::NotFound,
            500 => Self::BusinessFailure,
            _ => return None,
        })
    }

    /// The code as reported: the `retCode`, or `HTTP <status>` for status errors.
    pub fn code(&self) -> &str {
        match self {
            Self::CodeAlreadyExists => "201",
            Self::VerificationCodeSendFailed => "202",
            Self::SmsSendFailed => "204",
            Self::DailyThresholdReached => "205",
            Self::BadRequest => "HTTP 400",
            Self::Unauthorized => "HTTP 401",
            Self::AuthenticationFailed => "HTTP 403",
            Self::NotFound => "HTTP 404",
            Self::BusinessFailure => "HTTP 500",
            Self::Unknown(code) => code,
        }
    }
}

impl std::fmt::Display for GenerateVerifyCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::CodeAlreadyExists => "a code already exists for this phone; send later",
            Self::VerificationCodeSendFailed => "the verification code failed to send",
            Self::SmsSendFailed => "the text message failed to send",
            Self::DailyThresholdReached => "today's sending threshold was reached",
            Self::BadRequest => "bad path or parameters",
            Self::Unauthorized => "unauthorized (service not purchased, or account state)",
            Self::AuthenticationFailed => "authentication failed",
            Self::NotFound => "path not found",
            Self::BusinessFailure => "business failure",
            Self::Unknown(_) => "unrecognised retCode",
        })
    }
}

impl ServiceErrorKind for GenerateVerifyCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::CodeAlreadyExists | Self::DailyThresholdReached => ErrorClass::BusinessLimit,
            Self::Unauthorized | Self::AuthenticationFailed => ErrorClass::Authentication,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, Self::CodeAlreadyExists).then_some(CODE_EXISTS_RETRY_AFTER)
    }
}

/// The error of [`Client::send`].
pub type Error = SdkError<GenerateVerifyCodeError>;

/// A CEC trial client. Cheap to clone, `Send + Sync`; one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    runtime: ClientRuntime,
}

/// Builds a [`Client`]. A [`domain`](Self::domain) or an [`endpoint`](Self::endpoint) is
/// required.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    config: ClientConfig,
    domain: Option<String>,
}

impl ClientBuilder {
    vcode_core::forward_config_setters!();

    /// The deployment's domain, such as [`EXAMPLE_DOMAIN`]; requests go to `https://{domain}`.
    #[must_use]
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// Neither a domain nor an endpoint, an invalid one, or an HTTP client that cannot be built.
    pub fn build(self) -> Result<Client, BuildError> {
        let from_domain = match &self.domain {
            Some(domain)
                if domain.contains(['/', ':', '?', '#', '@']) || domain.trim().is_empty() =>
            {
                return Err(BuildError::new(format!(
                    "domain `{domain}` must be a bare host name; use endpoint() for a URL"
                )));
            }
            Some(domain) => Some(format!("https://{domain}")),
            None => None,
        };
        if from_domain.is_none() && !self.config.has_endpoint() {
            return Err(BuildError::new(
                "the CEC deployment's domain (such as service.besclouds.com) or an endpoint is required",
            ));
        }
        let runtime = ClientRuntime::new(
            env!("CARGO_PKG_NAME"),
            concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            from_domain.as_deref(),
            self.config,
            Auth::none(),
        )?;
        Ok(Client { runtime })
    }
}

impl Client {
    vcode_core::client_runtime_methods!(dry_run: "This API takes no credentials, so the request is not signed.");

    /// Starts a `generateverifycode` call.
    pub fn generate_verify_code(&self) -> GenerateVerifyCode<'_> {
        GenerateVerifyCode {
            client: self,
            input: GenerateVerifyCodeInput::builder(),
        }
    }

    /// Sends a validated input.
    ///
    /// # Errors
    /// See [`SdkError`]; the vendor's outcomes are [`GenerateVerifyCodeError`].
    pub async fn send(
        &self,
        input: &GenerateVerifyCodeInput,
    ) -> Result<GenerateVerifyCodeOutput, Error> {
        self.runtime.invoke(input).await
    }
}

/// A `generateverifycode` call being assembled.
#[derive(Debug)]
pub struct GenerateVerifyCode<'a> {
    client: &'a Client,
    input: GenerateVerifyCodeInputBuilder,
}

impl GenerateVerifyCode<'_> {
    /// The mobile number: digits with an optional leading `+`, at most 32 characters.
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.input = self.input.phone(phone);
        self
    }

    /// Validates and sends.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of [`Client::send`].
    pub async fn send(self) -> Result<GenerateVerifyCodeOutput, Error> {
        let input = self.input.build()?;
        self.client.send(&input).await
    }
}
