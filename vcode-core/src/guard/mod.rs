//! Fleet-safe sending: the vendors' per-recipient limits and account-wide rates, checked and
//! reserved before a request goes out, shared by every process that uses the same store.
//!
//! # What it guarantees
//! A client given a [`SendGuard`] asks it, before the first attempt of every operation that
//! sends a code or creates an account, to *reserve* the send:
//! - **per recipient**, the rules the vendor documents for the operation (such as one code per
//!   60 s per phone, or 15 an hour and 60 a day per address),
//!   keyed by vendor, operation and an HMAC of the normalised recipient (never the raw phone
//!   number or email);
//! - **per account**, the operation's documented rate (such as 20 sends a second, or 5
//!   creates a second) as a GCRA without burst, spaced a little wider than the documented
//!   rate (see [the account rate](#the-account-rate)).
//!
//! Both are checked and recorded in one atomic step: with [`MemoryStore`] under a lock, with
//! `RedisStore` (feature `redis`) in one Lua script, so any number of processes sharing a
//! Redis see one limit. A refused send fails with [`SdkError::Guarded`](vcode_core::SdkError::Guarded):
//! nothing was sent, and it says when to try again. A send that certainly did not reach the
//! vendor (connection refused, invalid credentials) gives its reservation back; one that may
//! have reached it keeps it: the same rule as the retries. A call dropped before its request
//! could leave (the caller's own timeout, a cancelled handler) gives it back too, from a task
//! of its own; so does a check whose answer never came (the store's timeout, the call's total
//! timeout, which the check counts against): the store removes whatever that reservation's id
//! recorded, once it answers, trying for at most 10 s.
//!
//! # Keys
//! `{<namespace>:<vendor>}:r:<operation>:<HMAC-SHA-256 hex>` (a sorted set of reservation
//! times, expiring after the longest window) and `{<namespace>:<vendor>}:rate:<operation>` (the
//! GCRA's theoretical arrival time, expiring once idle). The namespace (default `vcode`)
//! separates accounts and environments: give each vendor account its own, without braces.
//! The braces are a Redis Cluster hash tag: every key one check touches lies in one slot, so
//! the same script runs on a single node and on a cluster.
//!
//! The recipient in a key is keyed with a [`RecipientSecret`] the deployment provides (the
//! same on every process of a fleet, at least 16 bytes, kept like any other secret): a phone
//! number has few enough digits to be found again from an unkeyed hash by trying them all
//! (an 8-digit number in two seconds), so nobody who can read the store can read the
//! recipients without the secret. [`SendGuard::in_memory`] draws a random secret of its own:
//! its keys never leave the process.
//!
//! # The account rate
//! What the guard controls is departures: it spaces an operation's sends `(1 s + spread) / rate`
//! apart, the spread being the largest difference in network delay it absorbs
//! ([`SendGuard::delay_spread`], default 50 ms: one send per 52.5 ms for 20 a second). Any 21
//! departures then span at least 1.05 s, so the vendor counts more than 20 within one second
//! only if the network delays the first of them more than 50 ms longer than the last; a
//! network with a wider spread sets a wider one. An account whose quota is lower sets
//! [`SendGuard::max_rate`].
//!
//! # When the store is unreachable
//! [`FailureMode::Closed`] (the default) refuses the send with a typed error, sending nothing;
//! [`FailureMode::Open`] sends without the guard and says so in tracing. The error says which
//! it was ([`StoreErrorKind`]): unreachable (the check never ran), timed out, or failed. A
//! `RedisStore` connects at the first check, so a guard is built while Redis is down and the
//! failure mode applies from the first call.
//!
//! # Several instances
//! Point every instance at the same Redis with the same namespace; the clocks of the instances
//! do not matter (the script reads Redis's own clock).

mod memory;
#[cfg(feature = "redis")]
mod redis;

use std::fmt;
use std::future::Future;
use std::num::NonZeroU32;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

pub use memory::MemoryStore;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisStore;

/// The secret a deployment keys its recipients' hashes with: at least 16 bytes, the same on
/// every process of a fleet (from the deployment's secret store), never shown.
#[derive(Clone)]
pub struct RecipientSecret(zeroize::Zeroizing<Vec<u8>>);

impl RecipientSecret {
    /// The shortest secret taken.
    pub const MIN_LEN: usize = 16;

    /// A secret of at least [`MIN_LEN`](Self::MIN_LEN) bytes.
    ///
    /// # Errors
    /// A shorter secret (a guess away from every recipient).
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<Self, StoreError> {
        let secret = zeroize::Zeroizing::new(secret.into());
        if secret.len() < Self::MIN_LEN {
            return Err(StoreError::new(
                StoreErrorKind::Invalid,
                format!(
                    "the recipient secret must be at least {} bytes",
                    Self::MIN_LEN
                ),
            ));
        }
        Ok(Self(secret))
    }

    /// HMAC-SHA-256 of `digest` under the secret, as hex.
    fn keyed(&self, digest: &[u8; 32]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC takes keys of any length");
        mac.update(digest);
        hex::encode(mac.finalize().into_bytes())
    }
}

impl fmt::Debug for RecipientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecipientSecret([REDACTED])")
    }
}

/// A limit on sends to one recipient: at most `max` within `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RecipientRule {
    /// The window.
    pub window: Duration,
    /// Sends allowed in it.
    pub max: u32,
}

impl RecipientRule {
    /// At most `max` sends within `window`.
    pub const fn new(window: Duration, max: u32) -> Self {
        Self { window, max }
    }

    /// One send per `interval` (a cooldown).
    pub const fn cooldown(interval: Duration) -> Self {
        Self::new(interval, 1)
    }
}

/// What an operation tells the guard about one send: which recipient it reaches, under which
/// rules, and the operation's account-wide rate. Operations build it
/// ([`Operation::guard_key`](vcode_core::service::Operation::guard_key)).
#[derive(Clone, PartialEq, Eq)]
pub struct GuardKey {
    vendor: &'static str,
    operation: &'static str,
    /// The SHA-256 of the normalised recipient, keyed by the guard before it is stored.
    recipient: Option<[u8; 32]>,
    rules: &'static [RecipientRule],
    rate_per_second: Option<u32>,
}

impl fmt::Debug for GuardKey {
    // The recipient's unkeyed digest can be reversed by enumeration: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardKey")
            .field("vendor", &self.vendor)
            .field("operation", &self.operation)
            .field("recipient", &self.recipient.as_ref().map(|_| "[REDACTED]"))
            .field("rules", &self.rules)
            .field("rate_per_second", &self.rate_per_second)
            .finish()
    }
}

impl GuardKey {
    /// A send of `operation` (of `vendor`) to `recipient`, normalised by the operation (an
    /// email lower-cased, a phone number as `<calling code>-<digits>`); it is hashed here, and
    /// keyed with the guard's [`RecipientSecret`] before anything is stored.
    pub fn recipient(
        vendor: &'static str,
        operation: &'static str,
        recipient: &str,
        rules: &'static [RecipientRule],
    ) -> Self {
        Self {
            vendor,
            operation,
            recipient: Some(Sha256::digest(recipient.as_bytes()).into()),
            rules,
            rate_per_second: None,
        }
    }

    /// An operation limited only by its account-wide rate.
    pub fn rate_only(vendor: &'static str, operation: &'static str, per_second: u32) -> Self {
        Self {
            vendor,
            operation,
            recipient: None,
            rules: &[],
            rate_per_second: Some(per_second),
        }
    }

    /// Adds the operation's account-wide rate.
    #[must_use]
    pub fn with_rate(mut self, per_second: u32) -> Self {
        self.rate_per_second = Some(per_second);
        self
    }

    /// The recipient's key in `namespace`, keyed with `secret`, when the send has a recipient.
    pub(crate) fn recipient_key(
        &self,
        namespace: &str,
        secret: &RecipientSecret,
    ) -> Option<String> {
        self.recipient.as_ref().map(|digest| {
            let keyed = secret.keyed(digest);
            format!(
                "{}:r:{}:{keyed}",
                slot_tag(namespace, self.vendor),
                self.operation
            )
        })
    }

    /// The account rate's key in `namespace`.
    pub(crate) fn rate_key(&self, namespace: &str) -> String {
        format!(
            "{}:rate:{}",
            slot_tag(namespace, self.vendor),
            self.operation
        )
    }

    /// The recipient rules.
    pub fn rules(&self) -> &'static [RecipientRule] {
        self.rules
    }

    /// The account-wide rate, if any.
    pub fn rate_per_second(&self) -> Option<u32> {
        self.rate_per_second
    }
}

/// The keys' common prefix, `{<namespace>:<vendor>}`: a Redis Cluster hash tag, so every key
/// one check touches hashes to the same slot.
fn slot_tag(namespace: &str, vendor: &str) -> String {
    format!("{{{namespace}:{vendor}}}")
}

/// What a store is asked to reserve: resolved keys and limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    /// The recipient's key, if the send has one.
    pub recipient_key: Option<String>,
    /// The recipient rules.
    pub rules: &'static [RecipientRule],
    /// The account rate's key and its GCRA parameters, if the operation has a rate.
    pub rate: Option<RateLimit>,
    /// This reservation's unique id (to give it back).
    pub id: String,
}

/// A GCRA: one request per `interval`, up to `burst` at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// The key.
    pub key: String,
    /// Time between requests at the steady rate.
    pub interval: Duration,
    /// Requests allowed at once.
    pub burst: u32,
}

impl RateLimit {
    /// How far ahead of the steady schedule a request may run.
    pub fn tolerance(&self) -> Duration {
        self.interval.saturating_mul(self.burst.saturating_sub(1))
    }
}

/// A store's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Reserved.
    Reserved,
    /// Refused: the recipient's limit, or the account's rate; try again after the wait.
    Refused {
        /// Which limit refused it.
        limit: GuardLimit,
        /// When the send would be allowed.
        retry_after: Duration,
    },
}

/// Which limit refused a send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GuardLimit {
    /// The recipient's documented limit (cooldown or count).
    Recipient,
    /// The account's documented rate.
    Rate,
}

/// Why a store gave no verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    kind: StoreErrorKind,
    detail: String,
}

/// What kind of failure a [`StoreError`] is, and whether the check can have run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// The store could not be reached (connection refused, no route): the check did not run.
    Unreachable,
    /// No answer within the store's timeout: the check may still run.
    TimedOut,
    /// The connection broke or the answer made no sense: the check may have run.
    Failed,
    /// The store's or the guard's settings are invalid (a URL, a secret).
    Invalid,
}

impl StoreError {
    /// An error of `kind`; `detail` says what happened, without secrets (no URL with a
    /// password, no recipient).
    pub fn new(kind: StoreErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            StoreErrorKind::Unreachable => "guard store unreachable",
            StoreErrorKind::TimedOut => "guard store did not answer in time",
            StoreErrorKind::Failed => "guard store failed",
            StoreErrorKind::Invalid => "guard store misconfigured",
        };
        write!(f, "{what}: {}", self.detail)
    }
}

impl std::error::Error for StoreError {}

/// The future a store answers with.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Where reservations live: [`MemoryStore`] (one process) or `RedisStore` (feature `redis`: a fleet).
///
/// A reservation is known by its [`id`](Reservation::id): reserving an id already recorded
/// answers [`Verdict::Reserved`] without recording it twice, and a release removes only what
/// that id recorded, so both can be repeated when an answer was lost.
pub trait GuardStore: Send + Sync + fmt::Debug {
    /// Checks every limit of `reservation` and, only if all hold, records it: atomically.
    fn reserve<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, Verdict>;

    /// Gives back a reservation the store answered [`Verdict::Reserved`] to (the send certainly
    /// did not reach the vendor): its recipient entry and its place in the account's rate.
    fn release<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()>;

    /// Gives back a reservation whose answer never came (the store timed out, the call was
    /// dropped while it waited): whatever the store recorded under its id, and nothing if it
    /// recorded nothing. Where the store cannot tell (a reservation with an account rate and
    /// no recipient), it keeps the rate's place, which only delays a later send.
    fn release_unconfirmed<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()>;
}

/// What to do when the store cannot be reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureMode {
    /// Refuse the send (nothing is sent). The default.
    #[default]
    Closed,
    /// Send without the guard, and say so in tracing.
    Open,
}

/// The guard a client consults before each send. Cheap to clone.
#[derive(Clone, Debug)]
pub struct SendGuard {
    store: Arc<dyn GuardStore>,
    namespace: String,
    failure_mode: FailureMode,
    secret: Arc<RecipientSecret>,
    max_rate: Option<NonZeroU32>,
    delay_spread: Duration,
}

/// The delay spread the account rate absorbs unless set: 50 ms.
pub const DEFAULT_DELAY_SPREAD: Duration = Duration::from_millis(50);

impl SendGuard {
    /// A guard on `store`, namespace `vcode`, failing closed, its recipient keys keyed with
    /// `secret` (the same on every process that shares the store).
    pub fn new(store: impl GuardStore + 'static, secret: RecipientSecret) -> Self {
        Self {
            store: Arc::new(store),
            namespace: "vcode".to_owned(),
            failure_mode: FailureMode::Closed,
            secret: Arc::new(secret),
            max_rate: None,
            delay_spread: DEFAULT_DELAY_SPREAD,
        }
    }

    /// A guard in this process's memory only, keyed with a random secret of its own (its keys
    /// never leave the process).
    pub fn in_memory() -> Self {
        // Not a cryptographic generator: the keys stay in this process, where the recipients
        // are anyway; the secret only keeps them out of `Debug` and heap dumps as plain text.
        let mut secret = vec![0u8; 32];
        fastrand::fill(&mut secret);
        Self::new(
            MemoryStore::new(),
            RecipientSecret(zeroize::Zeroizing::new(secret)),
        )
    }

    /// The key prefix: one per vendor account and environment. Keep braces out of it: the
    /// prefix is the keys' Redis Cluster hash tag.
    #[must_use]
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = namespace.into();
        self
    }

    /// What happens when the store cannot be reached.
    #[must_use]
    pub fn failure_mode(mut self, mode: FailureMode) -> Self {
        self.failure_mode = mode;
        self
    }

    /// Caps every account rate this guard keeps at `per_second`, for an account whose quota
    /// is below the vendor's documented rate (a rate already lower is kept). The
    /// [delay spread](Self::delay_spread) margin still applies under the cap.
    #[must_use]
    pub fn max_rate(mut self, per_second: NonZeroU32) -> Self {
        self.max_rate = Some(per_second);
        self
    }

    /// The account rate's margin, as the largest difference in network delay between two
    /// sends it absorbs (default [`DEFAULT_DELAY_SPREAD`], 50 ms): at a rate of `R` a second,
    /// sends depart `(1 s + spread) / R` apart, so `R + 1` departures span `1 s + spread`
    /// and the vendor never counts more than `R` in a second unless their delays differ by
    /// more. `Duration::ZERO` spaces sends exactly `1 s / R` apart. A larger spread lowers the
    /// throughput: 150 ms at 20 a second is one send per 57.5 ms.
    #[must_use]
    pub fn delay_spread(mut self, spread: Duration) -> Self {
        self.delay_spread = spread;
        self
    }

    /// The reservation of a send.
    pub(crate) fn reservation(&self, key: &GuardKey) -> Reservation {
        Reservation {
            recipient_key: key.recipient_key(&self.namespace, &self.secret),
            rules: key.rules,
            rate: key
                .rate_per_second
                .map(|r| self.max_rate.map_or(r, |cap| r.min(cap.get())))
                .filter(|r| *r > 0)
                .map(|per_second| RateLimit {
                    key: key.rate_key(&self.namespace),
                    // Departures `(1 s + spread) / rate` apart: any `rate + 1` of them span
                    // `1 s + spread`, so arrivals whose delays differ by less stay in the rate.
                    interval: Duration::from_secs(1).saturating_add(self.delay_spread) / per_second,
                    burst: 1,
                }),
            id: format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)),
        }
    }

    /// Reserves `key`'s send, or says why not. `Ok(None)` when the store failed open (send
    /// unguarded). The reservation is held against `request_left`: dropped while that is
    /// false (the call ended or was dropped before a request could leave), it is given back.
    pub(crate) async fn reserve<'a>(
        &self,
        key: &GuardKey,
        request_left: &'a AtomicBool,
    ) -> Result<Option<Held<'a>>, GuardError> {
        // Held from before the store is asked: a call dropped while it waits gives back
        // whatever the store records.
        let mut held = Held {
            store: Arc::clone(&self.store),
            reservation: self.reservation(key),
            state: HeldState::Unconfirmed,
            request_left,
        };
        let answer = self.store.reserve(&held.reservation).await;
        match answer {
            Ok(Verdict::Reserved) => {
                held.state = HeldState::Reserved;
                Ok(Some(held))
            }
            Ok(Verdict::Refused { limit, retry_after }) => {
                held.state = HeldState::Settled;
                Err(GuardError {
                    kind: GuardErrorKind::Refused(limit),
                    retry_after: Some(retry_after),
                    detail: match limit {
                        GuardLimit::Recipient => "the recipient's limit was reached".to_owned(),
                        GuardLimit::Rate => "the account's rate was reached".to_owned(),
                    },
                })
            }
            Err(e) => {
                // A check that cannot have run leaves nothing to give back. One that may have
                // run is given back (dropping `held`), unless the send goes ahead unguarded:
                // then a reservation it recorded is the truth.
                if e.kind() == StoreErrorKind::Unreachable || self.failure_mode == FailureMode::Open
                {
                    held.state = HeldState::Settled;
                }
                if self.failure_mode == FailureMode::Open {
                    #[cfg(feature = "tracing")]
                    tracing::warn!(error = %e, "send guard unavailable; sending unguarded (fail open)");
                    return Ok(None);
                }
                Err(GuardError {
                    kind: GuardErrorKind::StoreUnavailable,
                    retry_after: None,
                    detail: e.to_string(),
                })
            }
        }
    }
}

/// How long a reservation given back after its call ended may take: past it, the
/// reservation is left to expire.
const RELEASE_BOUND: Duration = Duration::from_secs(10);

/// A reservation a call holds. Given back when dropped before a request could leave, by a
/// task of its own (a dropped call cannot wait): the store's answer was [`Verdict::Reserved`]
/// or never came.
#[derive(Debug)]
pub(crate) struct Held<'a> {
    store: Arc<dyn GuardStore>,
    reservation: Reservation,
    state: HeldState,
    request_left: &'a AtomicBool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeldState {
    /// Asked for; the store's answer has not come.
    Unconfirmed,
    /// The store reserved it.
    Reserved,
    /// Being given back; whether the store has done it is not known yet.
    Releasing,
    /// Nothing left to give back: kept for a send, given back, or never recorded.
    Settled,
}

impl Held<'_> {
    /// Gives the reservation back now (the call ended and no request can have left). A store
    /// that fails to answer leaves it `Releasing`: dropping `self` then finishes the release by
    /// id from a task of its own (never twice), as does a caller dropping this wait.
    pub(crate) async fn release(mut self) {
        self.state = HeldState::Releasing;
        match self.store.release(&self.reservation).await {
            Ok(()) => self.state = HeldState::Settled,
            Err(e) => {
                #[cfg(feature = "tracing")]
                tracing::warn!(error = %e, "send guard could not give a reservation back yet");
                let _ = e;
            }
        }
    }

    /// Keeps the reservation: a request may have reached the vendor.
    pub(crate) fn keep(mut self) {
        self.state = HeldState::Settled;
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut confirmed = match self.state {
            HeldState::Settled => return,
            _ if self.request_left.load(Ordering::Relaxed) => return,
            HeldState::Unconfirmed | HeldState::Releasing => false,
            HeldState::Reserved => true,
        };
        // Outside a runtime nothing can run the release: the reservation expires.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let store = Arc::clone(&self.store);
        let reservation = self.reservation.clone();
        runtime.spawn(async move {
            let released = tokio::time::timeout(RELEASE_BOUND, async {
                // An answer may come late: ask until the store answers, within the bound.
                // Every ask after the first is by id (it removes only what the id still
                // holds), so a release that did happen is never repeated.
                loop {
                    let answer = if confirmed {
                        store.release(&reservation).await
                    } else {
                        store.release_unconfirmed(&reservation).await
                    };
                    confirmed = false;
                    match answer {
                        Ok(()) => return,
                        Err(e) if e.kind() == StoreErrorKind::Invalid => return,
                        Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                    }
                }
            })
            .await;
            #[cfg(feature = "tracing")]
            if released.is_err() {
                tracing::warn!("send guard could not give a dropped call's reservation back");
            }
            let _ = released;
        });
    }
}

/// Why the guard stopped a send. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardError {
    kind: GuardErrorKind,
    retry_after: Option<Duration>,
    detail: String,
}

/// What stopped the send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GuardErrorKind {
    /// A limit refused it.
    Refused(GuardLimit),
    /// The store could not be reached, and the guard fails closed.
    StoreUnavailable,
}

impl GuardError {
    /// What stopped the send.
    pub fn kind(&self) -> GuardErrorKind {
        self.kind
    }

    /// When the send would be allowed (for a refusal).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)?;
        if let Some(wait) = self.retry_after {
            write!(f, "; try again in {} ms", wait.as_millis())?;
        }
        Ok(())
    }
}

impl std::error::Error for GuardError {}

/// An email as the guard keys it: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A phone number as the guard keys it: `<calling code>-<digits>`, without `+`, spaces or a
/// leading `00`.
pub fn normalize_phone(calling_code: &str, number: &str) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let code = digits(calling_code);
    format!("{}-{}", code.trim_start_matches('0'), digits(number))
}
