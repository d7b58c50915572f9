//! Credentials as generic machinery: the async provider trait, chains of providers, the
//! refreshing cache, environment variables, INI profile files and instance metadata services.
//! A vendor family defines its credential types and providers on top of these (its
//! environment variables, profile files and metadata services).
//!
//! A source that holds nothing passes to the next in a [`CredentialsChain`]; a source that is
//! set but broken stops the chain with an error naming the variable or the file and line,
//! rather than silently using other credentials. A metadata service that cannot be reached
//! (this machine is not a cloud instance) passes too.
//!
//! # Expiry and refresh
//! Providers are async and their credentials may expire ([`Expiring`]). A client asks its
//! provider once, then again shortly before the credentials expire (the family's window, or
//! the client's `credentials_refresh_window`): one refresh at a time, whatever the number of
//! concurrent calls; calls that still hold valid credentials do not wait for it; a failed
//! refresh is not remembered; expired credentials never sign a request ([`Cached`]).
//!
//! ```
//! use vcode_core::credentials::{CredentialsChain, CredentialsFuture, ProvideCredentials};
//!
//! /// A key from an in-house vault.
//! #[derive(Clone, Debug, PartialEq)]
//! struct ApiKey(String);
//!
//! #[derive(Debug)]
//! struct Vault;
//!
//! impl ProvideCredentials<ApiKey> for Vault {
//!     fn provide_credentials(&self) -> CredentialsFuture<'_, ApiKey> {
//!         // ... fetch from the vault here ...
//!         CredentialsFuture::ready(Ok(Some(ApiKey("key".into()))))
//!     }
//!
//!     fn source_name(&self) -> String {
//!         "vault".into()
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), vcode_core::CredentialsError> {
//! let chain = CredentialsChain::new().or_else(Vault);
//! assert_eq!(chain.resolve().await?, ApiKey("key".into()));
//! # Ok(())
//! # }
//! ```

mod cache;
mod env;
mod metadata;
mod profile;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

pub use cache::{Cached, Entry, Expiring, SharedProvider};
pub use env::Environment;
pub use metadata::{
    DISABLE_VARIABLE, MetadataAnswer, MetadataClient, metadata_disabled, parse_rfc3339,
};
pub use profile::{ProfileFile, ProfileSection};

use crate::error::{CredentialsError, CredentialsErrorKind};

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
    /// Credentials that expire say when ([`Expiring`]).
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
///
/// # Errors
/// The provider failed, or held no credentials.
pub async fn require<C: Unpin>(
    provider: &dyn ProvideCredentials<C>,
) -> Result<C, CredentialsError> {
    provider.provide_credentials().await?.ok_or_else(|| {
        CredentialsError::new(
            CredentialsErrorKind::NotFound,
            format!("no credentials found ({})", provider.source_name()),
        )
    })
}
