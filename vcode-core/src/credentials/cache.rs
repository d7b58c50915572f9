//! Credentials that expire: cached, and refreshed before they expire by one caller at a time.
//!
//! A cached value is *fresh* until `expires_at - window`, *valid* until `expires_at`.
//! - Fresh: every call uses it, no waiting.
//! - Valid but no longer fresh: one call refreshes (the others keep signing with the valid
//!   value meanwhile, so none waits longer than the refresh itself); if the refresh fails, the
//!   valid value is kept and the failure is not cached (another refresh is tried a few seconds
//!   later).
//! - Expired, or nothing yet: calls wait for the one refresh in flight (or do it); a failure
//!   is returned to the callers that waited, never kept, and the next call tries again.
//!
//! Expired credentials are never handed out.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use super::{CredentialsFuture, ProvideCredentials, require};
use crate::error::{CredentialsError, CredentialsErrorKind};

/// The wait before another refresh after one that failed (or gave credentials already inside
/// the window) while the old credentials are still valid.
const RETRY_PAUSE: Duration = Duration::from_secs(5);

/// A value and when it stops being usable.
#[derive(Debug)]
pub struct Entry<T> {
    /// The value (credentials, or what a client derives from them: a signer).
    pub value: T,
    /// When it stops being usable; `None`: never.
    pub expires_at: Option<SystemTime>,
}

impl<T> Entry<T> {
    fn valid(&self, now: SystemTime) -> bool {
        self.expires_at.is_none_or(|at| now < at)
    }

    fn fresh(&self, now: SystemTime, window: Duration) -> bool {
        self.expires_at
            .is_none_or(|at| now.checked_add(window).is_some_and(|later| later < at))
    }
}

struct State<T> {
    current: Option<Arc<Entry<T>>>,
    /// No refresh of a still-valid value before this time.
    retry_at: Option<SystemTime>,
}

/// One cached, refreshing value (resolved credentials, or what a client makes of them), under
/// the rules of this module: what a family's authentication keeps its signer in.
pub struct Cached<T> {
    state: Mutex<State<T>>,
    refresh: tokio::sync::Mutex<()>,
}

impl<T> fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cached").finish_non_exhaustive()
    }
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Self {
            state: Mutex::new(State {
                current: None,
                retry_at: None,
            }),
            refresh: tokio::sync::Mutex::new(()),
        }
    }
}

impl<T> Cached<T> {
    fn state(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn current(&self) -> Option<Arc<Entry<T>>> {
        self.state().current.clone()
    }

    fn store(&self, entry: Entry<T>, now: SystemTime, window: Duration) -> Arc<Entry<T>> {
        let entry = Arc::new(entry);
        let mut state = self.state();
        state.current = Some(entry.clone());
        state.retry_at = (!entry.fresh(now, window)).then(|| now + RETRY_PAUSE);
        entry
    }

    /// The value to use at `now`, refreshing it with `load` as the rules above say (`window`:
    /// how long before expiry a refresh starts).
    ///
    /// # Errors
    /// `load` failed and no valid value is cached.
    pub async fn get<F, Fut>(
        &self,
        now: SystemTime,
        window: Duration,
        load: F,
    ) -> Result<Arc<Entry<T>>, CredentialsError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Entry<T>, CredentialsError>>,
    {
        // Nearly every call finds a fresh value. Loading (a provider, an IAM lookup) is a large
        // future: boxed, so it does not make every call's future that large.
        match self.current() {
            Some(entry) if entry.fresh(now, window) => Ok(entry),
            _ => Box::pin(self.refresh_or_load(now, window, load)).await,
        }
    }

    /// [`Cached::get`] when the value is not fresh.
    async fn refresh_or_load<F, Fut>(
        &self,
        now: SystemTime,
        window: Duration,
        load: F,
    ) -> Result<Arc<Entry<T>>, CredentialsError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Entry<T>, CredentialsError>>,
    {
        // `get` found no fresh value, and nothing was awaited since: a valid one is refreshed
        // by one caller while the others keep signing with it.
        if let Some(entry) = self.current().filter(|e| e.valid(now)) {
            let paused = self.state().retry_at.is_some_and(|at| now < at);
            // Someone is refreshing, or just failed to: sign with the valid value.
            let Some(_refreshing) = (!paused).then(|| self.refresh.try_lock().ok()).flatten()
            else {
                return Ok(entry);
            };
            return Ok(match load().await {
                Ok(new) if new.valid(now) => self.store(new, now, window),
                _ => {
                    self.state().retry_at = Some(now + RETRY_PAUSE);
                    entry
                }
            });
        }
        let _refreshing = self.refresh.lock().await;
        // The refresh this call waited for may have succeeded.
        if let Some(entry) = self.current().filter(|e| e.valid(now)) {
            return Ok(entry);
        }
        let new = load().await?;
        if !new.valid(now) {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Expired,
                "the credentials expired and their provider gave no newer ones",
            ));
        }
        Ok(self.store(new, now, window))
    }
}

/// Credentials that can expire.
pub trait Expiring {
    /// When they expire, if they do.
    fn expires_at(&self) -> Option<SystemTime>;
}

/// A provider shared by several clients: resolved once, refreshed before expiry (one refresh
/// for all of them), on the system clock. What a [`SdkConfig`](vcode_core::SdkConfig) hands to
/// each client it builds.
pub struct SharedProvider<C> {
    inner: Arc<dyn ProvideCredentials<C>>,
    window: Duration,
    cache: Cached<C>,
}

impl<C> SharedProvider<C> {
    /// Shares `provider`, refreshing what it gives `window` before expiry.
    pub fn new(provider: impl ProvideCredentials<C> + 'static, window: Duration) -> Self {
        Self {
            inner: Arc::new(provider),
            window,
            cache: Cached::default(),
        }
    }
}

impl<C> fmt::Debug for SharedProvider<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedProvider")
            .field("inner", &self.inner)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl<C: Expiring + Clone + Send + Sync + Unpin + 'static> ProvideCredentials<C>
    for SharedProvider<C>
{
    fn provide_credentials(&self) -> CredentialsFuture<'_, C> {
        CredentialsFuture::new(async move {
            let entry = self
                .cache
                .get(SystemTime::now(), self.window, || async {
                    let value = require(self.inner.as_ref()).await?;
                    Ok(Entry {
                        expires_at: value.expires_at(),
                        value,
                    })
                })
                .await?;
            Ok(Some(entry.value.clone()))
        })
    }

    fn source_name(&self) -> String {
        format!("shared ({})", self.inner.source_name())
    }

    fn known(&self) -> Option<C> {
        self.inner.known()
    }
}
