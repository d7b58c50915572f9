//! One configuration for all the clients of an application.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{BuildError, ClientConfig, Clock};
use crate::credentials::{
    CredentialsChain, DEFAULT_HUAWEI_REFRESH_WINDOW, DEFAULT_TENCENT_REFRESH_WINDOW, Environment,
    HuaweiCredentials, ProvideCredentials, SharedProvider, TencentCredentials,
};
use crate::error::{CredentialsError, CredentialsErrorKind};
use crate::retry::RetryPolicy;

/// The settings every client of an application shares: both vendors' credentials (each
/// resolved once for all the clients, and refreshed before it expires), timeouts, retry
/// policy, HTTP client, user-agent suffix. Any of the four clients is built from it with
/// [`ClientBuilder::sdk_config`](crate::ClientBuilder::sdk_config), and can still override
/// anything afterwards.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use vcode_core::SdkConfig;
/// use vcode_core::credentials::{HuaweiAkSk, TencentCredentials};
///
/// let shared = SdkConfig::builder()
///     .huawei_credentials(HuaweiAkSk::new("AK", "SK").with_domain_id("domain"))
///     .tencent_credentials(TencentCredentials::new("AKID", "key"))
///     .total_timeout(Duration::from_secs(20))
///     .user_agent_suffix("my-app/1.0")
///     .build();
/// // Or from the environment and profile files: `SdkConfig::load().await?`.
/// # let _ = shared;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct SdkConfig {
    client: ClientConfig,
    huawei: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
    tencent: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
}

impl fmt::Debug for SdkConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SdkConfig")
            .field("client", &self.client)
            .field("huawei", &self.huawei)
            .field("tencent", &self.tencent)
            .finish()
    }
}

/// The environment variables [`SdkConfig::from_env`] reads (besides each vendor's credential
/// variables): whole seconds, a number of attempts, or text.
pub const ENV_SETTINGS: [&str; 5] = [
    "VCODE_CONNECT_TIMEOUT_SECS",
    "VCODE_ATTEMPT_TIMEOUT_SECS",
    "VCODE_TOTAL_TIMEOUT_SECS",
    "VCODE_MAX_ATTEMPTS",
    "VCODE_USER_AGENT_SUFFIX",
];

impl SdkConfig {
    /// A builder, starting from the client defaults and no credentials (each client then
    /// falls back to its vendor's chain).
    pub fn builder() -> SdkConfigBuilder {
        SdkConfigBuilder::default()
    }

    /// The settings from the process environment ([`ENV_SETTINGS`]), and both vendors'
    /// official credential chains (environment, profile file, instance metadata), each shared
    /// by every client built from this config: read on first use, once, and refreshed before
    /// it expires.
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
        let mut builder = Self::builder()
            .huawei_credentials(SharedProvider::new(
                CredentialsChain::huawei_default(),
                DEFAULT_HUAWEI_REFRESH_WINDOW,
            ))
            .tencent_credentials(SharedProvider::new(
                CredentialsChain::tencent_default(),
                DEFAULT_TENCENT_REFRESH_WINDOW,
            ));
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

    /// [`from_env`](Self::from_env), then each vendor's credentials resolved now, once, so a
    /// misconfiguration shows at start-up rather than on the first call. A vendor without any
    /// credentials is not an error (its clients fail when used).
    ///
    /// # Errors
    /// A setting that cannot be used, or credentials that are set but broken.
    pub async fn load() -> Result<Self, LoadError> {
        let config = Self::from_env().map_err(LoadError::Settings)?;
        for result in [
            resolve(config.huawei.as_deref()).await,
            resolve(config.tencent.as_deref()).await,
        ] {
            match result {
                Err(e) if *e.kind() != CredentialsErrorKind::NotFound => {
                    return Err(LoadError::Credentials(e));
                }
                _ => {}
            }
        }
        Ok(config)
    }

    /// The client settings.
    pub fn client_config(&self) -> &ClientConfig {
        &self.client
    }

    /// The Huawei credentials provider, when set.
    pub fn huawei_credentials(&self) -> Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>> {
        self.huawei.clone()
    }

    /// The Tencent credentials provider, when set.
    pub fn tencent_credentials(&self) -> Option<Arc<dyn ProvideCredentials<TencentCredentials>>> {
        self.tencent.clone()
    }
}

/// Resolves a vendor's credentials once, when the config has a provider for them.
async fn resolve<C: Send + Unpin>(
    provider: Option<&dyn ProvideCredentials<C>>,
) -> Result<(), CredentialsError> {
    match provider {
        Some(provider) => crate::credentials::require(provider).await.map(drop),
        None => Ok(()),
    }
}

/// Why [`SdkConfig::load`] failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// A setting from the environment cannot be used.
    Settings(BuildError),
    /// A vendor's credentials are set but broken.
    Credentials(CredentialsError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Settings(e) => write!(f, "invalid setting: {e}"),
            Self::Credentials(e) => write!(f, "invalid credentials: {e}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Settings(e) => Some(e),
            Self::Credentials(e) => Some(e),
        }
    }
}

/// Builds an [`SdkConfig`].
#[derive(Debug, Default)]
pub struct SdkConfigBuilder {
    client: ClientConfig,
    huawei: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
    tencent: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
}

impl SdkConfigBuilder {
    /// Huawei credentials, or a provider of them, for every Huawei client.
    #[must_use]
    pub fn huawei_credentials(
        mut self,
        provider: impl ProvideCredentials<HuaweiCredentials> + 'static,
    ) -> Self {
        self.huawei = Some(Arc::new(provider));
        self
    }

    /// Tencent credentials, or a provider of them, for every Tencent client.
    #[must_use]
    pub fn tencent_credentials(
        mut self,
        provider: impl ProvideCredentials<TencentCredentials> + 'static,
    ) -> Self {
        self.tencent = Some(Arc::new(provider));
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
            huawei: self.huawei,
            tencent: self.tencent,
        }
    }
}
