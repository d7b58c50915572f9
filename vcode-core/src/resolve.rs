//! Resolving a create whose answer was lost: was the account made or not?
//!
//! A creating operation is never sent twice once it may have reached the vendor (a second
//! request could make a second account). When its answer is lost (a timeout, a dropped
//! connection, an unreadable response), the error says "may have been sent", and the caller is
//! left to guess. A family whose vendor can list what it created implements [`Resolve`] for
//! the create: it asks the vendor, by a key the create itself set (BSS the account name,
//! Tencent the email), whether the account exists, and answers [`Resolution::Created`] with
//! what the vendor lists, [`Resolution::NotCreated`] (safe to send again: the vendors refuse a
//! second account with the same key, so even a late commit cannot make a duplicate), or
//! [`Resolution::Unknown`] with the reason (a vendor without a lookup, a lookup that kept
//! failing).
//!
//! [`Client::send_resolving`](vcode_core::Client::send_resolving) sends a create and, only
//! after an error that may have been sent, resolves it: one create request at most, whatever
//! happens.

use std::fmt;
use std::future::Future;
use std::num::NonZeroU32;
use std::time::Duration;

use crate::error::{SdkError, SendState, ServiceErrorKind};
use crate::service::Operation;

/// What the vendor says about a create whose answer was lost.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Resolution<F> {
    /// The account exists: what the vendor lists for it (its ids).
    Created(F),
    /// No account with the create's key after every lookup: sending the create again is safe.
    NotCreated,
    /// The vendor could not say; why.
    Unknown(String),
}

/// How hard to look: `attempts` lookups, `interval` apart (defaults: 3, 1 s), each a normal
/// call of the client (with its own retries and timeouts). A lookup that finds the account
/// ends at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveOptions {
    attempts: NonZeroU32,
    interval: Duration,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        Self {
            attempts: NonZeroU32::new(3).expect("3 is not zero"),
            interval: Duration::from_secs(1),
        }
    }
}

impl ResolveOptions {
    /// The defaults: 3 lookups, 1 s apart.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lookups before answering not created.
    #[must_use]
    pub fn attempts(mut self, attempts: NonZeroU32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The wait between two lookups.
    #[must_use]
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Runs `lookup` until it finds the account, at most [`attempts`](Self::attempts) times.
    /// A lookup that fails every time makes the answer unknown, with the last failure.
    pub async fn look_up<F, E, Fut>(&self, mut lookup: impl FnMut() -> Fut) -> Resolution<F>
    where
        Fut: Future<Output = Result<Option<F>, E>>,
        E: fmt::Display,
    {
        let mut failure = None;
        for attempt in 0..self.attempts.get() {
            if attempt > 0 {
                tokio::time::sleep(self.interval).await;
            }
            match lookup().await {
                Ok(Some(found)) => return Resolution::Created(found),
                Ok(None) => failure = None,
                Err(e) => failure = Some(e.to_string()),
            }
        }
        match failure {
            Some(why) => Resolution::Unknown(format!("the lookup failed: {why}")),
            None => Resolution::NotCreated,
        }
    }
}

impl ResolveOptions {
    /// [`look_up`](Self::look_up) in a listing: each lookup walks a fresh `pages()` until an
    /// item is the account (`is_it`), ending at the page that holds it; a page that fails
    /// fails that lookup.
    pub async fn find<P>(
        &self,
        pages: impl Fn() -> P,
        is_it: impl Fn(&P::Item) -> bool,
    ) -> Resolution<P::Item>
    where
        P: crate::paginate::Pages,
        P::Error: fmt::Display,
    {
        let is_it = &is_it;
        self.look_up(|| {
            let mut walk = pages();
            async move {
                while let Some(page) = walk.next_page().await {
                    let found = P::into_items(page?).into_iter().find(is_it);
                    if found.is_some() {
                        return Ok(found);
                    }
                }
                Ok::<_, P::Error>(None)
            }
        })
        .await
    }
}

/// A creating operation whose outcome can be asked of the vendor.
pub trait Resolve: Operation {
    /// What the vendor lists for a created account.
    type Found: Send;

    /// Asks the vendor whether this create made its account. Never sends the create.
    fn resolve<'a>(
        &'a self,
        client: &'a crate::Client<Self::Service>,
        options: &'a ResolveOptions,
    ) -> impl Future<Output = Resolution<Self::Found>> + Send + 'a;
}

/// A create that succeeded: answered by the vendor, or found after its answer was lost.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Created<O, F> {
    /// The vendor's answer.
    Answered(O),
    /// The answer was lost; the vendor lists the account.
    Found(F),
}

/// A create that did not succeed, with what the vendor said when its answer was lost.
#[derive(Debug)]
#[non_exhaustive]
pub enum Unresolved<E> {
    /// The call failed in a way that needs no lookup (nothing was sent, or the vendor
    /// answered with an error): the error says what to do.
    Failed(SdkError<E>),
    /// The answer was lost and the vendor lists no such account: sending again is safe.
    NotCreated(SdkError<E>),
    /// The answer was lost and the vendor could not say: do not send again blindly.
    Unknown {
        /// The call's error.
        error: SdkError<E>,
        /// Why the vendor could not say.
        reason: String,
    },
}

impl<E: ServiceErrorKind> Unresolved<E> {
    /// The call's error.
    pub fn error(&self) -> &SdkError<E> {
        match self {
            Self::Failed(error) | Self::NotCreated(error) | Self::Unknown { error, .. } => error,
        }
    }

    /// Whether sending the create again is safe: nothing was sent, or the vendor lists no
    /// account after the answer was lost.
    pub fn safe_to_send_again(&self) -> bool {
        match self {
            Self::Failed(error) => error.send_state() == SendState::NotSent,
            Self::NotCreated(_) => true,
            Self::Unknown { .. } => false,
        }
    }
}

impl<E: ServiceErrorKind> fmt::Display for Unresolved<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed(error) => error.fmt(f),
            Self::NotCreated(error) => {
                write!(
                    f,
                    "{error}; the vendor lists no such account: safe to send again"
                )
            }
            Self::Unknown { error, reason } => {
                write!(
                    f,
                    "{error}; whether the account exists is unknown: {reason}"
                )
            }
        }
    }
}

impl<E: ServiceErrorKind> std::error::Error for Unresolved<E> {}

impl<S: crate::service::Service> crate::Client<S> {
    /// Sends a create, and when its answer is lost (an error that may have been sent, or an
    /// unreadable answer), asks
    /// the vendor whether the account exists ([`Resolve`]). The create is sent once at most.
    ///
    /// # Errors
    /// [`Unresolved`]: the call's error, with what the lookup found.
    pub async fn send_resolving<O: Resolve<Service = S>>(
        &self,
        input: &O,
        options: &ResolveOptions,
    ) -> Result<Created<O::Output, O::Found>, Unresolved<O::Error>> {
        let error = match self.send(input).await {
            Ok(output) => return Ok(Created::Answered(output)),
            // The answer was lost, or came back unreadable: the account may exist.
            Err(error)
                if error.send_state() == SendState::MaybeSent
                    || matches!(error, SdkError::Response(_)) =>
            {
                error
            }
            Err(error) => return Err(Unresolved::Failed(error)),
        };
        match input.resolve(self, options).await {
            Resolution::Created(found) => Ok(Created::Found(found)),
            Resolution::NotCreated => Err(Unresolved::NotCreated(error)),
            Resolution::Unknown(reason) => Err(Unresolved::Unknown { error, reason }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lookups are bounded: found on the second ask ends there; never found is not
    /// created; failing every time is unknown with the last failure.
    #[tokio::test(start_paused = true)]
    async fn look_up_stops_at_the_first_find_and_is_bounded() {
        let options = ResolveOptions::new().interval(Duration::from_secs(1));
        let mut asked = 0;
        let found = options
            .look_up(|| {
                asked += 1;
                let answer = if asked == 2 { Some("id-1") } else { None };
                async move { Ok::<_, String>(answer) }
            })
            .await;
        assert_eq!(found, Resolution::Created("id-1"));
        assert_eq!(asked, 2);

        let mut asked = 0;
        let started = tokio::time::Instant::now();
        let none = options
            .look_up(|| {
                asked += 1;
                async { Ok::<Option<&str>, String>(None) }
            })
            .await;
        assert_eq!(none, Resolution::NotCreated);
        assert_eq!(asked, 3);
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(2),
            "3 asks, 1 s apart"
        );

        let failing = options
            .attempts(NonZeroU32::MIN)
            .look_up(|| async { Err::<Option<&str>, _>("refused") })
            .await;
        assert_eq!(
            failing,
            Resolution::Unknown("the lookup failed: refused".to_owned())
        );
    }
}
