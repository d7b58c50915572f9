//! Credentials and where they come from.
//!
//! Each vendor has explicit credentials, an environment provider, a profile-file provider and a
//! default chain, with the official SDKs' variable names, file locations and order:
//!
//! | vendor | environment | profile file | chain |
//! |---|---|---|---|
//! | Huawei | `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_DOMAIN_ID`, `HUAWEICLOUD_SDK_PROJECT_ID`, `HUAWEICLOUD_SDK_SECURITY_TOKEN` | `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`, section `[global]` (or `[basic]`): `ak`, `sk`, `domain_id`, `project_id`, `security_token` | environment, profile, ECS metadata ([`HuaweiMetadataProvider`]) |
//! | Tencent | `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` | `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`, section `[default]`: `secret_id`, `secret_key` | environment, profile, CVM role ([`TencentCvmRoleProvider`]) |
//!
//! A source that holds nothing passes to the next; a source that is set but broken (an AK
//! without an SK, a malformed file) stops the chain with an error naming the variable or the
//! file and line, rather than silently using other credentials. A metadata service that cannot
//! be reached (this machine is not a cloud instance) passes too, within about a second.
//! (The official chains also hold OIDC/STS and pod-identity sources; those need a cloud's
//! identity services and are not built here.)
//!
//! # Expiry and refresh
//! Providers are async and their credentials may expire ([`HuaweiAkSk::with_expiry`],
//! [`TencentCredentials::with_expiry`], [`IamToken::with_expiry`]). A client asks its provider
//! once, then again shortly before the credentials expire (the window is
//! [`DEFAULT_HUAWEI_REFRESH_WINDOW`] or [`DEFAULT_TENCENT_REFRESH_WINDOW`], or the client's
//! `credentials_refresh_window`): one refresh at a time, whatever the number of concurrent
//! calls; calls that still hold valid credentials do not wait for it; a failed refresh is not
//! remembered; expired credentials never sign a request. Static credentials cost what they
//! did: no allocation, no lock beyond a cache read.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use vcode_core::credentials::{CredentialsFuture, ProvideCredentials, TencentCredentials};
//!
//! /// Credentials from an in-house vault, valid one hour.
//! #[derive(Debug)]
//! struct Vault;
//!
//! impl ProvideCredentials<TencentCredentials> for Vault {
//!     fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
//!         CredentialsFuture::new(async {
//!             // ... fetch from the vault here ...
//!             Ok(Some(
//!                 TencentCredentials::new("AKID...", "key")
//!                     .with_token("session-token")
//!                     .with_expiry(SystemTime::now() + Duration::from_secs(3600)),
//!             ))
//!         })
//!     }
//!
//!     fn source_name(&self) -> String {
//!         "vault".into()
//!     }
//! }
//! # let _ = Vault;
//! ```

pub(crate) mod cache;
mod env;
mod metadata;
mod profile;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::SystemTime;

use secrecy::{ExposeSecret, SecretString};

pub(crate) use cache::Cached;
pub use cache::{
    DEFAULT_HUAWEI_REFRESH_WINDOW, DEFAULT_TENCENT_REFRESH_WINDOW, Expiring, SharedProvider,
};
pub use env::{Environment, HuaweiEnvProvider, TencentEnvProvider};
pub use metadata::{HuaweiMetadataProvider, TencentCvmRoleProvider};
pub use profile::{HuaweiProfileProvider, TencentProfileProvider};

use crate::error::{CredentialsError, CredentialsErrorKind};

/// A Huawei Cloud access key pair, optionally temporary, with the account (domain) id.
#[derive(Clone)]
pub struct HuaweiAkSk {
    access_key_id: String,
    secret_access_key: SecretString,
    security_token: Option<SecretString>,
    domain_id: Option<String>,
    project_id: Option<String>,
    expires_at: Option<SystemTime>,
}

impl HuaweiAkSk {
    /// Permanent credentials. The domain id is looked up through IAM on first use unless
    /// given with [`with_domain_id`](Self::with_domain_id).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: SecretString::from(secret_access_key.into()),
            security_token: None,
            domain_id: None,
            project_id: None,
            expires_at: None,
        }
    }

    /// When temporary credentials expire; the client refreshes them from their provider
    /// before then, and never signs with them after.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When these credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Temporary credentials: the token is sent as `X-Security-Token`.
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(SecretString::from(token.into()));
        self
    }

    /// The account (domain) id, sent as `X-Domain-Id` to global services.
    #[must_use]
    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    /// The project id (regional services; unused by BSS and OSM).
    #[must_use]
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The domain id, when known.
    pub fn domain_id(&self) -> Option<&str> {
        self.domain_id.as_deref()
    }

    /// The project id, when given.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// Whether these are temporary credentials (with a security token).
    pub fn is_temporary(&self) -> bool {
        self.security_token.is_some()
    }

    /// A signer for these credentials (adds `X-Security-Token` when temporary).
    pub fn signer(&self) -> vcode_signing::huawei::Signer {
        let signer = vcode_signing::huawei::Signer::from_secret(
            self.access_key_id.clone(),
            self.secret_access_key.clone(),
        );
        match &self.security_token {
            Some(token) => signer.with_security_token(token.clone()),
            None => signer,
        }
    }

    /// Every part that is given must be usable: an empty one would be sent as an empty header
    /// (and an empty domain id would skip the IAM lookup).
    pub(crate) fn check(&self) -> Result<(), CredentialsError> {
        let invalid = |what: &str| {
            Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                format!("the Huawei {what} must not be empty"),
            ))
        };
        if self.access_key_id.trim().is_empty() || self.secret_access_key.expose_secret().is_empty()
        {
            return invalid("access key id and secret key");
        }
        if self
            .security_token
            .as_ref()
            .is_some_and(|t| t.expose_secret().trim().is_empty())
        {
            return invalid("security token");
        }
        if self
            .domain_id
            .as_deref()
            .is_some_and(|d| d.trim().is_empty())
        {
            return invalid("domain id");
        }
        if self
            .project_id
            .as_deref()
            .is_some_and(|p| p.trim().is_empty())
        {
            return invalid("project id");
        }
        Ok(())
    }
}

impl fmt::Debug for HuaweiAkSk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiAkSk")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"[REDACTED]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A Huawei Cloud IAM token, sent as `X-Auth-Token`.
#[derive(Clone)]
pub struct IamToken {
    token: SecretString,
    expires_at: Option<SystemTime>,
}

impl IamToken {
    /// Wraps a token obtained from IAM (`POST /v3/auth/tokens`).
    ///
    /// # Errors
    /// The token is empty, longer than 5000 characters, or holds control characters.
    pub fn new(token: impl Into<String>) -> Result<Self, CredentialsError> {
        let token = token.into();
        let len = token.chars().count();
        if !(1..=5000).contains(&len) || !crate::validate::is_header_safe(&token) {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "an IAM token must be 1 to 5000 characters without control characters",
            ));
        }
        Ok(Self {
            token: SecretString::from(token),
            expires_at: None,
        })
    }

    /// When the token expires (IAM tokens last 24 hours); the client refreshes it from its
    /// provider before then, and never sends it after.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    pub(crate) fn expose(&self) -> &str {
        self.token.expose_secret()
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IamToken")
            .field("token", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// How a Huawei Cloud client authenticates.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum HuaweiCredentials {
    /// AK/SK, signed with `SDK-HMAC-SHA256`.
    AkSk(HuaweiAkSk),
    /// An IAM token.
    Token(IamToken),
}

impl HuaweiCredentials {
    /// When these credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        match self {
            Self::AkSk(aksk) => aksk.expires_at(),
            Self::Token(token) => token.expires_at(),
        }
    }
}

impl From<HuaweiAkSk> for HuaweiCredentials {
    fn from(c: HuaweiAkSk) -> Self {
        Self::AkSk(c)
    }
}

impl From<IamToken> for HuaweiCredentials {
    fn from(t: IamToken) -> Self {
        Self::Token(t)
    }
}

/// A Tencent Cloud SecretId/SecretKey, optionally temporary.
#[derive(Clone)]
pub struct TencentCredentials {
    secret_id: String,
    secret_key: SecretString,
    token: Option<SecretString>,
    expires_at: Option<SystemTime>,
}

impl TencentCredentials {
    /// Permanent credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: SecretString::from(secret_key.into()),
            token: None,
            expires_at: None,
        }
    }

    /// When temporary credentials expire; the client refreshes them from their provider
    /// before then, and never signs with them after.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When these credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Temporary credentials: the session token is sent as `X-TC-Token`.
    #[must_use]
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// The secret id.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// Whether these are temporary credentials.
    pub fn is_temporary(&self) -> bool {
        self.token.is_some()
    }

    /// A signer for these credentials, scoped to `service` (adds `X-TC-Token` when temporary).
    pub fn signer(&self, service: &str) -> vcode_signing::tencent::Signer {
        let signer = vcode_signing::tencent::Signer::from_secret(
            self.secret_id.clone(),
            self.secret_key.clone(),
            service,
        );
        match &self.token {
            Some(token) => signer.with_token(token.clone()),
            None => signer,
        }
    }

    /// Every part that is given must be usable: an empty session token would be sent as an
    /// empty `X-TC-Token`.
    pub(crate) fn check(&self) -> Result<(), CredentialsError> {
        if self
            .token
            .as_ref()
            .is_some_and(|t| t.expose_secret().trim().is_empty())
        {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "the Tencent session token must not be empty",
            ));
        }
        if self.secret_id.trim().is_empty() || self.secret_key.expose_secret().is_empty() {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "the Tencent secret id and secret key must not be empty",
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for TencentCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentCredentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"[REDACTED]")
            .field("token", &self.token.as_ref().map(|_| "[REDACTED]"))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What a provider answers: credentials, `None` when the source holds none (a chain moves
/// on), or an error.
pub type ProvideResult<C> = Result<Option<C>, CredentialsError>;

/// The future of [`ProvideCredentials::provide_credentials`]: ready at once for sources read
/// without I/O (explicit values, the environment, a profile file), boxed for the others.
pub struct CredentialsFuture<'a, C>(FutureInner<'a, C>);

enum FutureInner<'a, C> {
    Ready(Option<ProvideResult<C>>),
    Pending(Pin<Box<dyn Future<Output = ProvideResult<C>> + Send + 'a>>),
}

impl<'a, C> CredentialsFuture<'a, C> {
    /// An answer known now: no allocation.
    pub fn ready(result: ProvideResult<C>) -> Self {
        Self(FutureInner::Ready(Some(result)))
    }

    /// An answer that needs I/O.
    pub fn new(future: impl Future<Output = ProvideResult<C>> + Send + 'a) -> Self {
        Self(FutureInner::Pending(Box::pin(future)))
    }
}

impl<C: Unpin> Future for CredentialsFuture<'_, C> {
    type Output = ProvideResult<C>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.get_mut().0 {
            FutureInner::Ready(result) => Poll::Ready(result.take().unwrap_or_else(|| {
                Err(CredentialsError::new(
                    CredentialsErrorKind::Invalid,
                    "a credentials future was polled after it completed",
                ))
            })),
            FutureInner::Pending(future) => future.as_mut().poll(cx),
        }
    }
}

impl<C> fmt::Debug for CredentialsFuture<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CredentialsFuture")
    }
}

/// A source of credentials of type `C`. Asked on first use and again before the credentials
/// it gave expire.
pub trait ProvideCredentials<C>: Send + Sync + fmt::Debug {
    /// The credentials, `Ok(None)` when this source holds none (so a chain moves on).
    /// Credentials that expire say when ([`HuaweiAkSk::with_expiry`],
    /// [`TencentCredentials::with_expiry`], [`IamToken::with_expiry`]).
    ///
    /// A source whose service cannot be reached (a metadata server on a machine that is not a
    /// cloud instance) answers [`CredentialsErrorKind::Unavailable`]: a chain moves on from it
    /// too, and names it if nothing else had credentials. Any other error stops a chain.
    fn provide_credentials(&self) -> CredentialsFuture<'_, C>;

    /// A short name for error messages (e.g. `environment`).
    fn source_name(&self) -> String;

    /// The credentials when they are fixed values known without reading anything (explicit
    /// credentials), so a client builder can check them; `None` (the default) for sources read
    /// on first use.
    fn known(&self) -> Option<C> {
        None
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        let checked = match self {
            Self::AkSk(c) => c.check(),
            Self::Token(_) => Ok(()),
        };
        CredentialsFuture::ready(checked.map(|()| Some(self.clone())))
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(self.clone())
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiAkSk {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(
            self.check()
                .map(|()| Some(HuaweiCredentials::AkSk(self.clone()))),
        )
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(HuaweiCredentials::AkSk(self.clone()))
    }
}

impl ProvideCredentials<HuaweiCredentials> for IamToken {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(Ok(Some(HuaweiCredentials::Token(self.clone()))))
    }

    fn source_name(&self) -> String {
        "explicit IAM token".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(HuaweiCredentials::Token(self.clone()))
    }
}

impl ProvideCredentials<TencentCredentials> for TencentCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::ready(self.check().map(|()| Some(self.clone())))
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<TencentCredentials> {
        Some(self.clone())
    }
}

/// Tries providers in order; the first that has credentials wins.
pub struct CredentialsChain<C> {
    providers: Vec<Arc<dyn ProvideCredentials<C>>>,
}

impl<C> Clone for CredentialsChain<C> {
    fn clone(&self) -> Self {
        Self {
            providers: self.providers.clone(),
        }
    }
}

impl<C> fmt::Debug for CredentialsChain<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.providers).finish()
    }
}

impl<C: 'static> CredentialsChain<C> {
    /// An empty chain.
    pub fn new() -> Self {
        Self {
            providers: Vec::new(),
        }
    }

    /// Appends a provider.
    #[must_use]
    pub fn or_else(mut self, provider: impl ProvideCredentials<C> + 'static) -> Self {
        self.providers.push(Arc::new(provider));
        self
    }

    /// Resolves credentials, or explains which sources were tried.
    ///
    /// # Errors
    /// A source failed, or none held credentials ([`CredentialsErrorKind::NotFound`]).
    pub async fn resolve(&self) -> Result<C, CredentialsError>
    where
        C: Send + Unpin,
    {
        require(self).await
    }
}

impl<C: 'static> Default for CredentialsChain<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl CredentialsChain<HuaweiCredentials> {
    /// The official SDKs' order, as far as it runs on one machine: environment, the profile
    /// file's `[global]` section, then the ECS metadata service.
    pub fn huawei_default() -> Self {
        Self::new()
            .or_else(HuaweiEnvProvider::new())
            .or_else(HuaweiProfileProvider::global())
            .or_else(HuaweiMetadataProvider::new())
    }
}

impl CredentialsChain<TencentCredentials> {
    /// The official SDKs' order, as far as it runs on one machine: environment, the profile
    /// file's `[default]` section, then the CVM role from the metadata service.
    pub fn tencent_default() -> Self {
        Self::new()
            .or_else(TencentEnvProvider::new())
            .or_else(TencentProfileProvider::new())
            .or_else(TencentCvmRoleProvider::new())
    }
}

impl<C: Send + Unpin + 'static> ProvideCredentials<C> for CredentialsChain<C> {
    fn provide_credentials(&self) -> CredentialsFuture<'_, C> {
        CredentialsFuture::new(async move {
            let mut unavailable = Vec::new();
            for provider in &self.providers {
                match provider.provide_credentials().await {
                    Ok(Some(c)) => return Ok(Some(c)),
                    Ok(None) => {}
                    // A service that is not there (not a cloud instance): try the next source.
                    Err(e) if *e.kind() == CredentialsErrorKind::Unavailable => {
                        unavailable.push(e.to_string());
                    }
                    Err(e) => return Err(e),
                }
            }
            match unavailable.is_empty() {
                true => Ok(None),
                false => Err(CredentialsError::new(
                    CredentialsErrorKind::NotFound,
                    format!(
                        "no credentials found ({}; {})",
                        self.source_name(),
                        unavailable.join("; ")
                    ),
                )),
            }
        })
    }

    fn source_name(&self) -> String {
        let names: Vec<String> = self.providers.iter().map(|p| p.source_name()).collect();
        format!("tried: {}", names.join(", "))
    }
}

/// Asks a provider for credentials; "none" becomes a [`CredentialsErrorKind::NotFound`] error
/// naming the sources tried.
pub(crate) async fn require<C: Unpin>(
    provider: &dyn ProvideCredentials<C>,
) -> Result<C, CredentialsError> {
    provider.provide_credentials().await?.ok_or_else(|| {
        CredentialsError::new(
            CredentialsErrorKind::NotFound,
            format!("no credentials found ({})", provider.source_name()),
        )
    })
}
