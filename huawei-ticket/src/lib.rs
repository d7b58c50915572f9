//! Typed async client for Huawei Cloud service tickets (OSM) contact verification:
//! `SendVerifyCodes` texts or mails a code to a contact, `CheckVerifyCodes` checks the code the
//! person typed, before the contact is attached to a ticket.
//!
//! ```
//! use huawei_ticket::{Client, ContactWay, HuaweiAkSk, Site};
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
//! client
//!     .send_verify_codes()
//!     .contact_way(ContactWay::Sms)
//!     .contact_value("13800000000")
//!     .area_code("86")
//!     .site(Site::International)
//!     .send()
//!     .await?;
//! // The person types the code they received; here it is read from the sandbox's outbox.
//! let typed_by_the_person = sandbox
//!     .latest_code("huawei-ticket", "86-13800000000")
//!     .ok_or("no code in the outbox")?;
//! client
//!     .check_verify_codes()
//!     .contact_way(ContactWay::Sms)
//!     .contact_value("13800000000")
//!     .area_code("86")
//!     .verify_code(typed_by_the_person)
//!     .send()
//!     .await?;
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

mod error;
mod operation;

pub use error::{CODE_VALIDITY, RESEND_INTERVAL, VerifyCodesError};
pub use operation::{
    CHECK_PATH, CheckVerifyCodesInput, CheckVerifyCodesInputBuilder, ContactWay, SEND_PATH,
    SendVerifyCodesInput, SendVerifyCodesInputBuilder, Site, VerifyCodesOutput,
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

/// The error of both operations.
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
        [Self::ApSoutheast3, Self::CnSouth1, Self::EuWest101]
            .into_iter()
            .find(|r| r.id() == id)
    }
}

vcode_core::huawei_global_client!(service: "OSM (service tickets)", region: Region);

impl Client {
    /// Starts a `SendVerifyCodes` call.
    pub fn send_verify_codes(&self) -> SendVerifyCodes<'_> {
        SendVerifyCodes {
            client: self,
            fields: SendVerifyCodesInput::builder(),
        }
    }

    /// Starts a `CheckVerifyCodes` call.
    pub fn check_verify_codes(&self) -> CheckVerifyCodes<'_> {
        CheckVerifyCodes {
            client: self,
            fields: CheckVerifyCodesInput::builder(),
        }
    }

    /// Sends a validated `SendVerifyCodes` input.
    ///
    /// # Errors
    /// See [`SdkError`]; the vendor's codes are [`VerifyCodesError`].
    pub async fn send(&self, input: &SendVerifyCodesInput) -> Result<VerifyCodesOutput, Error> {
        self.runtime.invoke(input).await
    }

    /// Sends a validated `CheckVerifyCodes` input. Success means the code was accepted.
    ///
    /// # Errors
    /// See [`SdkError`]; a wrong or expired code is [`VerifyCodesError::VerificationFailed`].
    pub async fn check(&self, input: &CheckVerifyCodesInput) -> Result<VerifyCodesOutput, Error> {
        self.runtime.invoke(input).await
    }
}

/// Forwards the input builder's setters through a fluent call; `fields` is the input builder.
macro_rules! fluent_call {
    ($name:ident, $builder:ty, $method:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug)]
        pub struct $name<'a> {
            client: &'a Client,
            fields: $builder,
        }

        impl $name<'_> {
            /// How the code is sent. Required.
            #[must_use]
            pub fn contact_way(mut self, way: ContactWay) -> Self {
                self.fields = self.fields.contact_way(way);
                self
            }

            /// The phone number or email address (at most 64 characters). Required.
            #[must_use]
            pub fn contact_value(mut self, value: impl Into<String>) -> Self {
                self.fields = self.fields.contact_value(value);
                self
            }

            /// The country calling code (at most 16 digits). Required for SMS.
            #[must_use]
            pub fn area_code(mut self, code: impl Into<String>) -> Self {
                self.fields = self.fields.area_code(code);
                self
            }

            /// `X-Site`.
            #[must_use]
            pub fn site(mut self, site: Site) -> Self {
                self.fields = self.fields.site(site);
                self
            }

            /// `X-Language` (1 to 32 characters).
            #[must_use]
            pub fn language(mut self, language: impl Into<String>) -> Self {
                self.fields = self.fields.language(language);
                self
            }

            /// `X-Time-Zone` (1 to 32 characters).
            #[must_use]
            pub fn time_zone(mut self, time_zone: impl Into<String>) -> Self {
                self.fields = self.fields.time_zone(time_zone);
                self
            }

            /// Validates and sends.
            ///
            /// # Errors
            /// [`SdkError::InvalidInput`] (nothing sent) or any error of the client call.
            pub async fn send(self) -> Result<VerifyCodesOutput, Error> {
                let input = self.fields.build()?;
                self.client.$method(&input).await
            }
        }
    };
}

fluent_call!(
    SendVerifyCodes,
    SendVerifyCodesInputBuilder,
    send,
    "A `SendVerifyCodes` call being assembled."
);
fluent_call!(
    CheckVerifyCodes,
    CheckVerifyCodesInputBuilder,
    check,
    "A `CheckVerifyCodes` call being assembled."
);

impl CheckVerifyCodes<'_> {
    /// The code the person typed (exactly 6 characters). Required.
    #[must_use]
    pub fn verify_code(mut self, code: impl Into<String>) -> Self {
        self.fields = self.fields.verify_code(code);
        self
    }
}
