//! One configuration for all the clients of an application.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::config::{BuildError, ClientConfig, Clock};
use crate::credentials::{Environment, ProvideCredentials};
use crate::error::{CredentialsError, CredentialsErrorKind};
use crate::retry::RetryPolicy;
use crate::service::Family;

/// The settings every client of an application shares: credentials providers (one per kind
/// of credentials, each resolved once for all the clients of its family, and refreshed
/// before it expires), timeouts, retry policy, HTTP client, user-agent suffix. Any client is
/// built from it with [`ClientBuilder::sdk_config`](vcode_core::ClientBuilder::sdk_config), and
/// can still override anything afterwards.
///
/// A family whose credentials the config was not given uses its own default chain (its
/// vendor's environment variables, profile file and metadata service), created once per
/// config and shared by every client of that family built from it.
///
/// ```
/// use std::time::Duration;
/// use vcode_core::SdkConfig;
///
/// let shared = SdkConfig::builder()
///     // .credentials(provider): once per family's credentials type
///     .total_timeout(Duration::from_secs(20))
///     .user_agent_suffix("my-app/1.0")
///     .build();
/// // Or from the environment (`VCODE_*` settings): `SdkConfig::from_env()?`.
/// # let _ = shared;
/// ```
#[derive(Clone)]
pub struct SdkConfig {
    client: ClientConfig,
    providers: Arc<Providers>,
}

/// The providers given to the builder, and the families' defaults created on first use.
#[derive(Default)]
struct Providers {
    given: Vec<Provider>,
    defaults: Mutex<Vec<Provider>>,
}

/// One provider, kept as `Arc<dyn ProvideCredentials<C>>` behind `Any` (found again by the
/// credentials' type) and as something to print.
#[derive(Clone)]
struct Provider {
    credentials: TypeId,
    provider: Arc<dyn Any + Send + Sync>,
    shown: Arc<dyn fmt::Debug + Send + Sync>,
}

impl Provider {
    fn new<C: 'static>(provider: Arc<dyn ProvideCredentials<C>>) -> Self {
        Self {
            credentials: TypeId::of::<C>(),
            shown: provider.clone(),
            provider: Arc::new(provider),
        }
    }

    fn get<C: 'static>(&self) -> Option<Arc<dyn ProvideCredentials<C>>> {
        self.provider
            .downcast_ref::<Arc<dyn ProvideCredentials<C>>>()
            .cloned()
    }
}

fn find<C: 'static>(providers: &[Provider]) -> Option<Arc<dyn ProvideCredentials<C>>> {
    providers
        .iter()
        .find(|p| p.credentials == TypeId::of::<C>())
        .and_then(Provider::get)
}

fn shown(providers: &[Provider]) -> Vec<Arc<dyn fmt::Debug + Send + Sync>> {
    providers.iter().map(|p| p.shown.clone()).collect()
}

impl fmt::Debug for SdkConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let defaults = self
            .providers
            .defaults
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("SdkConfig")
            .field("client", &self.client)
            .field("credentials", &shown(&self.providers.given))
            .field("family_defaults", &shown(&defaults))
            .finish()
    }
}

/// The environment variables [`SdkConfig::from_env`] reads (credentials are the families'
/// own): whole seconds, a number of attempts, or text.
pub const ENV_SETTINGS: [&str; 5] = [
    "VCODE_CONNECT_TIMEOUT_SECS",
    "VCODE_ATTEMPT_TIMEOUT_SECS",
    "VCODE_TOTAL_TIMEOUT_SECS",
    "VCODE_MAX_ATTEMPTS",
    "VCODE_USER_AGENT_SUFFIX",
];

impl SdkConfig {
    /// A builder, starting from the client defaults and no credentials (each family then
    /// uses its default chain).
    pub fn builder() -> SdkConfigBuilder {
        SdkConfigBuilder::default()
    }

    /// The settings from the process environment ([`ENV_SETTINGS`]). Credentials come from
    /// each family's default chain (its vendor's environment variables, profile file and
    /// instance metadata), shared by every client of the family built from this config: read
    /// on first use, once, and refreshed before they expire. [`preload`](Self::preload)
    /// reads a family's now.
    ///
    /// # Errors
    /// A setting that is not a number, or a user agent that cannot be sent.
    pub fn from_env() -> Result<Self, BuildError> {
        Self::from_environment(&Environment::process())
    }

    /// [`from_env`](Self::from_env) with a given environment (for tests).
    ///
    /// # Errors
    /// As [`from_env`](Self::from_env).
    pub fn from_environment(env: &Environment) -> Result<Self, BuildError> {
        let mut builder = Self::builder();
        let secs = |name: &str| -> Result<Option<Duration>, BuildError> {
            env.get(name)
                .map(|v| {
                    v.trim()
                        .parse::<u64>()
                        .ok()
                        .filter(|s| *s > 0)
                        .map(Duration::from_secs)
                        .ok_or_else(|| {
                            BuildError::new(format!("{name} must be a whole number of seconds"))
                        })
                })
                .transpose()
        };
        if let Some(t) = secs("VCODE_CONNECT_TIMEOUT_SECS")? {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = secs("VCODE_ATTEMPT_TIMEOUT_SECS")? {
            builder = builder.attempt_timeout(t);
        }
        if let Some(t) = secs("VCODE_TOTAL_TIMEOUT_SECS")? {
            builder = builder.total_timeout(t);
        }
        if let Some(attempts) = env.get("VCODE_MAX_ATTEMPTS") {
            let attempts = attempts
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|a| *a > 0)
                .ok_or_else(|| BuildError::new("VCODE_MAX_ATTEMPTS must be at least 1"))?;
            builder = builder.retry_policy(RetryPolicy::standard().with_max_attempts(attempts));
        }
        if let Some(suffix) = env.get("VCODE_USER_AGENT_SUFFIX") {
            if http::HeaderValue::from_str(&suffix).is_err() || suffix.len() > 128 {
                return Err(BuildError::new(
                    "VCODE_USER_AGENT_SUFFIX holds invalid characters or is too long",
                ));
            }
            builder = builder.user_agent_suffix(suffix);
        }
        Ok(builder.build())
    }

    /// Resolves family `F`'s credentials now (the provider given for them, else the family's
    /// default chain, as its clients will), so that a misconfiguration shows at start-up
    /// rather than on the first call. Credentials found nowhere are not an error here (the
    /// family's clients fail when used).
    ///
    /// # Errors
    /// Credentials that are set but broken (a variable without its pair, a malformed profile
    /// file).
    pub async fn preload<F: Family>(&self) -> Result<(), CredentialsError>
    where
        F::Credentials: Unpin,
    {
        let Some(provider) = self.credentials_for::<F>() else {
            return Ok(());
        };
        match crate::credentials::require(provider.as_ref()).await {
            Err(e) if *e.kind() != CredentialsErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The client settings.
    pub fn client_config(&self) -> &ClientConfig {
        &self.client
    }

    /// The provider given for credentials of type `C`, if any.
    pub fn credentials<C: 'static>(&self) -> Option<Arc<dyn ProvideCredentials<C>>> {
        find(&self.providers.given)
    }

    /// The provider every client of family `F` built from this config uses: the one given
    /// for its credentials, else the family's default chain, created on first use and shared
    /// from then on. `None` for a family without credentials.
    pub fn credentials_for<F: Family>(
        &self,
    ) -> Option<Arc<dyn ProvideCredentials<F::Credentials>>> {
        if let Some(given) = self.credentials::<F::Credentials>() {
            return Some(given);
        }
        let mut defaults = self
            .providers
            .defaults
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(shared) = find(&defaults) {
            return Some(shared);
        }
        let created = F::default_credentials(&self.client)?;
        defaults.push(Provider::new(created.clone()));
        Some(created)
    }
}

/// Builds an [`SdkConfig`].
#[derive(Default)]
pub struct SdkConfigBuilder {
    client: ClientConfig,
    providers: Vec<Provider>,
}

impl fmt::Debug for SdkConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SdkConfigBuilder")
            .field("client", &self.client)
            .field("credentials", &shown(&self.providers))
            .finish()
    }
}

impl SdkConfigBuilder {
    /// Credentials of type `C`, or a provider of them, for every client whose family takes
    /// them (one per type: a second call for the same type replaces the first). To share one
    /// resolution between the clients, give a
    /// [`SharedProvider`](vcode_core::credentials::SharedProvider).
    #[must_use]
    pub fn credentials<C: 'static>(
        mut self,
        provider: impl ProvideCredentials<C> + 'static,
    ) -> Self {
        self.providers
            .retain(|p| p.credentials != TypeId::of::<C>());
        let provider: Arc<dyn ProvideCredentials<C>> = Arc::new(provider);
        self.providers.push(Provider::new(provider));
        self
    }

    /// Time allowed to connect.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.client.set_connect_timeout(timeout);
        self
    }

    /// Time allowed for one attempt.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.client.set_attempt_timeout(timeout);
        self
    }

    /// Time allowed for a whole call.
    #[must_use]
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.client.set_total_timeout(timeout);
        self
    }

    /// The retry policy.
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.client.set_retry_policy(policy);
        self
    }

    /// One reqwest client (one connection pool) for every client built from the config; see
    /// [`crate::ClientBuilder::http_client`].
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.client.set_http_client(client);
        self
    }

    /// Whether the families' default chains ask the instance metadata services (default
    /// `true`).
    #[must_use]
    pub fn metadata_credentials(mut self, enabled: bool) -> Self {
        self.client.set_metadata_credentials(enabled);
        self
    }

    /// Text appended to every client's user agent (`my-app/1.0`).
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.client.set_user_agent_suffix(suffix);
        self
    }

    /// The clock requests are signed with.
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.client.set_clock(clock);
        self
    }

    /// One send guard for every client built from the config.
    #[must_use]
    pub fn send_guard(mut self, guard: crate::guard::SendGuard) -> Self {
        self.client.set_send_guard(guard);
        self
    }

    /// How long before they expire credentials are refreshed.
    #[must_use]
    pub fn credentials_refresh_window(mut self, window: Duration) -> Self {
        self.client.set_credentials_refresh_window(window);
        self
    }

    /// The config.
    pub fn build(self) -> SdkConfig {
        SdkConfig {
            client: self.client,
            providers: Arc::new(Providers {
                given: self.providers,
                defaults: Mutex::default(),
            }),
        }
    }
}
