//! For vendor crates: how a service and its operations are declared. Application code does
//! not need this module; it uses the vendor crate's `Client` and inputs.
//!
//! A vendor crate declares one [`Service`] (its name, [`Family`], regions and endpoints, and
//! how the client authenticates) and, per operation, an input that implements [`Operation`]:
//! the request it sends and how its response decodes. `vcode_core::Client<TheService>` does the
//! rest.

use std::fmt;
use std::sync::Arc;

use crate::client::ClientBuilder;
use crate::config::{BuildError, ClientConfig};
use crate::credentials::ProvideCredentials;
use crate::error::ServiceErrorKind;

pub use crate::auth::{
    Auth, AuthError, AuthFuture, AuthRequest, Authenticate, SigningContext, add_signed_headers,
    sensitive, signable, signing_failed,
};
pub use crate::endpoint::{host_header, join_path, path_and_query};
pub use crate::runtime::{Failure, OperationRequest};
pub use crate::transport::{HttpResponse, request_id};
pub use crate::validate::{Shown, Validator};

/// A vendor service: what the generic [`Client`](vcode_core::Client) needs to reach it.
pub trait Service: fmt::Debug + Send + Sync + Sized + 'static {
    /// The crate's name, for tracing (such as `my-vendor-sms`).
    const NAME: &'static str;
    /// `<crate>/<version>`, sent as the user agent.
    const USER_AGENT: &'static str;
    /// The vendor family: its credentials and the settings its clients share.
    type Family: Family;
    /// Where the service is reached (an enum of regions, or a value sent as a header).
    type Region: fmt::Debug + Clone + Default + Send + Sync + 'static;

    /// The endpoint for `region`, when the caller set none.
    ///
    /// # Errors
    /// The service cannot tell one (for example, no domain was given).
    fn endpoint(region: &Self::Region, family: &Self::Family) -> Result<String, BuildError>;

    /// How the client authenticates, and the headers every request carries (added to
    /// `config`). `credentials` is `None` when the caller gave none: use the family's default
    /// chain.
    ///
    /// # Errors
    /// A family setting or region that cannot be used.
    fn setup(
        region: &Self::Region,
        family: Self::Family,
        credentials: Option<Arc<dyn ProvideCredentials<<Self::Family as Family>::Credentials>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError>;
}

/// A vendor family: the client settings its services share, and the credentials they take.
/// A family lives in its own crate; it authenticates requests through
/// [`Authenticate`] and adds its settings to the builder through
/// [`ClientBuilder::map_family`](vcode_core::ClientBuilder::map_family).
pub trait Family: fmt::Debug + Default + Clone + Send + Sync + 'static {
    /// The credentials (an access key pair, a token, or [`NoCredentials`]).
    type Credentials: fmt::Debug + Send + Sync + 'static;

    /// The family's default chain (its vendor's environment variables, profile file and,
    /// unless `config` leaves them out, its metadata service), made shareable: what every
    /// client of the family built from one [`SdkConfig`](vcode_core::SdkConfig) without credentials
    /// uses. `None` (the default) for a family without credentials.
    fn default_credentials(
        config: &ClientConfig,
    ) -> Option<Arc<dyn ProvideCredentials<Self::Credentials>>> {
        let _ = config;
        None
    }
}

/// One operation of a service, implemented by its validated input.
pub trait Operation: Send + Sync {
    /// The service the operation belongs to.
    type Service: Service;
    /// The decoded success.
    type Output: Send;
    /// The operation's error enum.
    type Error: ServiceErrorKind;
    /// The vendor's operation name, for tracing (e.g. `SendVerifyCode`).
    const NAME: &'static str;

    /// Whether the operation only reads (a check, a listing, a catalogue): repeating it
    /// changes nothing at the vendor, so it is also retried after a timeout, a 5xx or a
    /// connection lost after sending. `false` (the default) for sends and creates, which are
    /// retried only when certainly not processed.
    const READ: bool = false;

    /// The request to send, built once; its body bytes are signed and sent on every attempt.
    fn request(&self) -> OperationRequest;

    /// Decodes a response.
    ///
    /// # Errors
    /// The vendor's error, or a response that is not as documented.
    fn parse(&self, response: HttpResponse) -> Result<Self::Output, Failure<Self::Error>>;

    /// What a [`SendGuard`](vcode_core::guard::SendGuard) checks before this operation is sent: its
    /// recipient and the vendor's documented limits. `None` (the default): not guarded.
    fn guard_key(&self) -> Option<crate::guard::GuardKey> {
        None
    }
}

/// The family of services that take no credentials and are reached at a deployment's own
/// domain (the CEC one-click trial).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenFamily {
    /// The deployment's domain: requests go to `https://{domain}`.
    pub domain: Option<String>,
}

/// Credentials of a service that takes none: no value of it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoCredentials {}

impl Family for OpenFamily {
    type Credentials = NoCredentials;
}

impl OpenFamily {
    /// `https://{domain}`, once the domain is checked to be a bare host name.
    ///
    /// # Errors
    /// No domain, or one that is more than a host name.
    pub fn endpoint(&self) -> Result<String, BuildError> {
        match &self.domain {
            Some(domain)
                if domain.trim().is_empty()
                    || domain.contains(['/', ':', '?', '#', '@'])
                    || domain.chars().any(char::is_control) =>
            {
                Err(BuildError::new(format!(
                    "domain `{}` is not a bare host name",
                    crate::mask::truncate(domain)
                )))
            }
            Some(domain) => Ok(format!("https://{domain}")),
            None => Err(BuildError::new(
                "a domain (such as service.besclouds.com) or an endpoint is required",
            )),
        }
    }
}

impl<S: Service<Family = OpenFamily>> ClientBuilder<S> {
    /// The deployment's domain (such as `service.besclouds.com`); requests go to
    /// `https://{domain}`. A domain or an endpoint is required.
    #[must_use]
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.family.domain = Some(domain.into());
        self
    }
}
