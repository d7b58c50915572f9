//! The one client and builder every vendor crate uses, specialised by a [`Service`].
//!
//! A vendor crate declares its service (name, family, regions, endpoints) and its operations;
//! its `Client` is `vcode_core::Client<TheService>`. The builder has the setters every client
//! shares; a family crate adds its own through an extension trait over
//! [`ClientBuilder::map_family`], so this crate names no vendor.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{BuildError, ClientConfig, Clock};
use crate::credentials::ProvideCredentials;
use crate::error::SdkError;
use crate::retry::RetryPolicy;
use crate::runtime::{CallOptions, ClientRuntime, PreparedRequest};
use crate::service::{Family, Operation, Service};

/// The credentials type of a service's family.
pub type CredentialsOf<S> = <<S as Service>::Family as Family>::Credentials;

/// A vendor client: cheap to clone (an `Arc` inside), `Send + Sync`, one connection pool.
///
/// Send an operation's validated input with [`send`](Self::send).
pub struct Client<S> {
    runtime: ClientRuntime,
    service: PhantomData<fn() -> S>,
}

impl<S> Clone for Client<S> {
    fn clone(&self) -> Self {
        Self {
            runtime: self.runtime.clone(),
            service: PhantomData,
        }
    }
}

impl<S: Service> fmt::Debug for Client<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &S::NAME)
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl<S: Service> Client<S> {
    /// A builder with the service's defaults.
    pub fn builder() -> ClientBuilder<S> {
        ClientBuilder::default()
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        self.runtime.endpoint().as_str()
    }

    /// Sends an operation's validated input, retrying only what certainly was not processed.
    ///
    /// # Errors
    /// See [`SdkError`]: each variant says whether the request can have reached the vendor.
    pub async fn send<O: Operation<Service = S>>(
        &self,
        input: &O,
    ) -> Result<O::Output, SdkError<O::Error>> {
        self.runtime.invoke(input, &CallOptions::default()).await
    }

    /// [`send`](Self::send) with some settings overridden for this call alone (a short
    /// timeout for a quick check, no retries for one call), without a second client.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use vcode_core::{CallOptions, RetryPolicy};
    /// let quick = CallOptions::new()
    ///     .total_timeout(Duration::from_secs(1))
    ///     .retry_policy(RetryPolicy::never());
    /// # let _ = quick;
    /// ```
    ///
    /// # Errors
    /// As [`send`](Self::send).
    pub async fn send_with<O: Operation<Service = S>>(
        &self,
        input: &O,
        options: &CallOptions,
    ) -> Result<O::Output, SdkError<O::Error>> {
        self.runtime.invoke(input, options).await
    }

    /// The exact request `input` would send now, signed, without sending it. Display it to see
    /// the HTTP text with session tokens redacted. Resolving the credentials may contact the
    /// family's identity service once (an account id it looks up).
    ///
    /// # Errors
    /// [`SdkError::Credentials`] (credentials that cannot be resolved) or
    /// [`SdkError::Construction`] (a request the signer refuses); nothing is sent either way.
    pub async fn dry_run<O: Operation<Service = S>>(
        &self,
        input: &O,
    ) -> Result<PreparedRequest, SdkError<O::Error>> {
        self.runtime.dry_run(input).await
    }

    /// The clock offset learned from the vendor, in seconds (0 until it reported a skew).
    pub fn clock_offset_secs(&self) -> i64 {
        self.runtime.clock_offset_secs()
    }
}

/// Builds a [`Client`]. Nothing is read or contacted here: credentials are resolved on the
/// first call.
pub struct ClientBuilder<S: Service> {
    config: ClientConfig,
    region: S::Region,
    pub(crate) family: S::Family,
    credentials: Option<Arc<dyn ProvideCredentials<CredentialsOf<S>>>>,
}

impl<S: Service> Default for ClientBuilder<S> {
    fn default() -> Self {
        Self {
            config: ClientConfig::default(),
            region: S::Region::default(),
            family: S::Family::default(),
            credentials: None,
        }
    }
}

impl<S: Service> fmt::Debug for ClientBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &S::NAME)
            .field("config", &self.config)
            .field("region", &self.region)
            .field("family", &self.family)
            .field("credentials", &self.credentials)
            .finish()
    }
}

impl<S: Service> ClientBuilder<S> {
    /// Starts from a shared configuration (endpoint, timeouts, retry policy, HTTP client,
    /// clock...); setters called afterwards override it.
    #[must_use]
    pub fn config(mut self, config: ClientConfig) -> Self {
        self.config = config;
        self
    }

    /// Starts from a shared [`SdkConfig`](vcode_core::SdkConfig): its client settings and this
    /// service's family's credentials (the ones given, else the family's default chain shared
    /// by every client built from the config); setters called afterwards override them.
    #[must_use]
    pub fn sdk_config(mut self, config: &crate::SdkConfig) -> Self {
        self.config = config.client_config().clone();
        if let Some(credentials) = config.credentials_for::<S::Family>() {
            self.credentials = Some(credentials);
        }
        self
    }

    /// Changes the family's settings: what a family crate's builder extension (its setters,
    /// such as an identity endpoint or a message language) is written with.
    #[must_use]
    pub fn map_family(mut self, change: impl FnOnce(&mut S::Family)) -> Self {
        change(&mut self.family);
        self
    }

    /// Sends to this endpoint instead of the region's (`https://…`, or `http://` on a
    /// loopback address such as the sandbox).
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.config.set_endpoint(endpoint);
        self
    }

    /// The region (or site) the service is reached in; see the vendor crate's `Region`.
    /// Ignored for the endpoint when [`endpoint`](Self::endpoint) is set.
    #[must_use]
    pub fn region(mut self, region: impl Into<S::Region>) -> Self {
        self.region = region.into();
        self
    }

    /// The credentials, or a provider of them. Default: the vendor's official chain
    /// (environment variables, then the profile file), read on the first call.
    #[must_use]
    pub fn credentials(
        mut self,
        credentials: impl ProvideCredentials<CredentialsOf<S>> + 'static,
    ) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Allows plain `http://` to non-loopback hosts (trusted test networks only).
    #[must_use]
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.config.set_allow_insecure_http(allow);
        self
    }

    /// Time allowed to connect (default 5 s); a failed connection sent nothing.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.set_connect_timeout(timeout);
        self
    }

    /// Time allowed for one attempt (default 30 s); when it fires the request may have been
    /// sent, so it is not retried.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.set_attempt_timeout(timeout);
        self
    }

    /// Time allowed for the whole operation, retries included (default 60 s).
    #[must_use]
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.config.set_total_timeout(timeout);
        self
    }

    /// Sends every call through the caller's [`reqwest::Client`] (proxies, custom TLS, one pool
    /// shared with other code), from reqwest 0.13, the version this crate re-exports as
    /// `reqwest`. Disable redirects on it: following a redirect of a POST could send a second
    /// code. The connect timeout is then the client's own.
    ///
    /// Without one, the client builds its own reqwest client: the connect timeout, no
    /// redirects, the TLS backend of the crate's features, and the proxies the environment
    /// names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`), as reqwest applies them. A
    /// proxy variable that is set but cannot be used is then a build error naming it.
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config.set_http_client(client);
        self
    }

    /// The retry policy (default [`RetryPolicy::standard`]): only requests that certainly were
    /// not processed are retried.
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.set_retry_policy(policy);
        self
    }

    /// The clock used to sign requests (default the system clock).
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.config.set_clock(clock);
        self
    }

    /// Largest response body read (default 1 MiB).
    #[must_use]
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.config.set_max_response_bytes(limit);
        self
    }

    /// How long before they expire credentials are refreshed (default: the family's, which
    /// follows its vendor's SDKs).
    #[must_use]
    pub fn credentials_refresh_window(mut self, window: Duration) -> Self {
        self.config.set_credentials_refresh_window(window);
        self
    }

    /// Whether the family's default credentials chain asks its cloud's instance metadata
    /// service (default `true`); see
    /// [`ClientConfig::set_metadata_credentials`](vcode_core::ClientConfig::set_metadata_credentials).
    #[must_use]
    pub fn metadata_credentials(mut self, enabled: bool) -> Self {
        self.config.set_metadata_credentials(enabled);
        self
    }

    /// Text appended to the user agent, such as `my-app/2.3`.
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.config.set_user_agent_suffix(suffix);
        self
    }

    /// Checks every guarded send against the vendors' per-recipient limits and account rate,
    /// in a store shared across processes ([`guard`](vcode_core::guard)). Off by default.
    #[must_use]
    pub fn send_guard(mut self, guard: crate::guard::SendGuard) -> Self {
        self.config.set_send_guard(guard);
        self
    }

    /// Keeps this client under `per_second` requests (retries included), spacing them
    /// evenly. Off by default.
    #[must_use]
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.config.set_rate_limit(Some(per_second));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// An invalid endpoint, region or family setting, or an HTTP client that cannot be built.
    pub fn build(self) -> Result<Client<S>, BuildError> {
        let Self {
            mut config,
            region,
            family,
            credentials,
        } = self;
        let default_endpoint = if config.has_endpoint() {
            None
        } else {
            Some(S::endpoint(&region, &family)?)
        };
        let auth = S::setup(&region, family, credentials, &mut config)?;
        let runtime = ClientRuntime::new(
            S::NAME,
            S::USER_AGENT,
            default_endpoint.as_deref(),
            config,
            auth,
        )?;
        Ok(Client {
            runtime,
            service: PhantomData,
        })
    }
}
