//! The sandbox's memory: clock, outbox, per-recipient send history, faults.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::{Fault, Route, SandboxConfig};

/// The sandbox's clock: the system's, or a manual one that tests advance.
#[derive(Clone, Debug)]
pub struct SandboxClock {
    manual: Option<Arc<Mutex<SystemTime>>>,
}

impl SandboxClock {
    /// The system clock.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock that stands still at `start` until advanced.
    pub fn manual(start: SystemTime) -> Self {
        Self {
            manual: Some(Arc::new(Mutex::new(start))),
        }
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        match &self.manual {
            Some(t) => *t.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
            None => SystemTime::now(),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: Duration) {
        if let Some(t) = &self.manual {
            let mut t = t.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *t += by;
        }
    }

    pub(crate) fn now_millis(&self) -> i64 {
        let since = self.now().duration_since(UNIX_EPOCH).unwrap_or_default();
        i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
    }
}

/// One code the sandbox "sent".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// `huawei-bss`, `huawei-ticket`, `cec-trial` or `tencent-partners`.
    pub vendor: &'static str,
    /// The address or number it went to, as the request named it (for tickets and Tencent,
    /// the calling code and number joined: `86-13800000000`, `852-18888888888`).
    pub recipient: String,
    /// The six-digit code.
    pub code: String,
    /// When it was sent, in unix milliseconds of the sandbox clock.
    pub sent_at_ms: i64,
}

/// An account (or tenant) a consuming operation created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Account {
    /// `huawei-bss`, `cec-trial` or `tencent-partners`.
    pub vendor: &'static str,
    /// The vendor's id: BSS `domain_id`, Tencent `Uin`, a CEC tenant id.
    pub id: String,
    /// The account's name: BSS `domain_name`, the Tencent `Mail`, the CEC `companyName`.
    pub name: String,
    /// The email it was registered with, if any.
    pub email: Option<String>,
    /// The phone it was registered with, as an outbox recipient (`65-91234567`), if any.
    pub phone: Option<String>,
    /// The partner's own id for it (BSS `xaccount_id`), if any.
    pub partner_ref: Option<String>,
    /// When it was created, in unix milliseconds of the sandbox clock.
    pub created_at_ms: i64,
}

/// A request that reached the sandbox (before any injected fault), for counting what a client
/// or a fleet of them sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReceivedRequest {
    /// The route.
    pub route: Route,
    /// Tencent's `X-TC-Action`, when given.
    pub action: Option<String>,
    /// When it arrived, in unix milliseconds of the sandbox clock.
    pub at_ms: i64,
}

/// A contact a ticket `CheckVerifyCodes` verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VerifiedContact {
    pub(crate) way: i64,
    pub(crate) value: String,
    pub(crate) area_code: String,
    pub(crate) verified_id: String,
    pub(crate) verified_at_ms: i64,
}

/// Why a typed code was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeProblem {
    /// No code was sent to the recipient.
    Missing,
    /// The newest code is older than its validity.
    Expired,
    /// The newest code was already used by a successful call.
    Used,
    /// The typed code is not the newest one.
    Wrong,
}

tokio::task_local! {
    /// The code the request being handled sent, for the request log.
    pub(crate) static SENT: std::cell::RefCell<Option<OutboxMessage>>;
}

/// The longest window any simulated limit reads (BSS: 60 per day).
const HISTORY_MS: i64 = 86_400_000;

#[derive(Default)]
pub(crate) struct Memory {
    pub(crate) outbox: Vec<OutboxMessage>,
    /// Send times per recipient and vendor, newest last.
    pub(crate) sends: HashMap<(&'static str, String), Vec<i64>>,
    /// Tencent request times per SecretId within the last second.
    pub(crate) tencent_requests: HashMap<String, VecDeque<i64>>,
    pub(crate) faults: HashMap<Route, Fault>,
    pub(crate) request_counter: u64,
    /// Every account created, oldest first.
    pub(crate) accounts: Vec<Account>,
    /// Codes consumed by a successful call, by their place in the outbox.
    pub(crate) used_codes: HashSet<usize>,
    /// Ticket contacts verified, oldest first.
    pub(crate) verified: Vec<VerifiedContact>,
    /// Every request that reached a simulated route, oldest first.
    pub(crate) received: Vec<ReceivedRequest>,
    /// BSS creates still to answer `CBC.99000050` (created, association timed out).
    pub(crate) bss_association_timeouts: u32,
}

pub(crate) struct State {
    pub(crate) config: SandboxConfig,
    pub(crate) clock: SandboxClock,
    memory: Mutex<Memory>,
}

impl std::fmt::Debug for State {
    // Memory holds codes and recipients: show neither.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State").finish_non_exhaustive()
    }
}

impl State {
    pub(crate) fn new(config: SandboxConfig, clock: SandboxClock) -> Self {
        Self {
            config,
            clock,
            memory: Mutex::new(Memory::default()),
        }
    }

    pub(crate) fn memory(&self) -> MutexGuard<'_, Memory> {
        // A panicked handler must not take the sandbox down with it.
        self.memory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts a request that reached `route`.
    pub(crate) fn record(&self, route: Route, action: Option<String>) {
        let at_ms = self.clock.now_millis();
        self.memory().received.push(ReceivedRequest {
            route,
            action,
            at_ms,
        });
    }

    /// A fresh request id (32 hex characters, like the vendors').
    pub(crate) fn request_id(&self) -> String {
        let n = {
            let mut memory = self.memory();
            memory.request_counter += 1;
            memory.request_counter
        };
        format!("{:016x}{:016x}", fastrand::u64(..), n)
    }

    /// Sends within `window` before now for this vendor and recipient.
    pub(crate) fn sends_within(
        &self,
        vendor: &'static str,
        recipient: &str,
        window: Duration,
    ) -> usize {
        let now = self.clock.now_millis();
        let window = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
        self.memory()
            .sends
            .get(&(vendor, recipient.to_owned()))
            .map_or(0, |times| {
                times.iter().filter(|t| now - **t < window).count()
            })
    }

    /// Records a send and puts a new code in the outbox; returns the code.
    pub(crate) fn send_code(&self, vendor: &'static str, recipient: &str) -> String {
        let code = format!("{:06}", fastrand::u32(0..1_000_000));
        let now = self.clock.now_millis();
        let mut memory = self.memory();
        let times = memory
            .sends
            .entry((vendor, recipient.to_owned()))
            .or_default();
        // No limit looks back further than a day: older entries would only grow the map.
        times.retain(|t| now - *t < HISTORY_MS);
        times.push(now);
        let message = OutboxMessage {
            vendor,
            recipient: recipient.to_owned(),
            code: code.clone(),
            sent_at_ms: now,
        };
        // Tell the request log (when one is kept) what this request sent.
        let _ = SENT.try_with(|sent| *sent.borrow_mut() = Some(message.clone()));
        memory.outbox.push(message);
        code
    }

    /// The newest code sent to a recipient within `validity`.
    pub(crate) fn valid_code(
        &self,
        vendor: &str,
        recipient: &str,
        validity: Duration,
    ) -> Option<String> {
        let now = self.clock.now_millis();
        let validity = i64::try_from(validity.as_millis()).unwrap_or(i64::MAX);
        self.memory()
            .outbox
            .iter()
            .rev()
            .find(|m| m.vendor == vendor && m.recipient == recipient)
            .filter(|m| now - m.sent_at_ms < validity)
            .map(|m| m.code.clone())
    }

    /// Whether `typed` is the newest code sent to `recipient`, unused and within `validity`.
    pub(crate) fn code_problem(
        &self,
        vendor: &'static str,
        recipient: &str,
        typed: &str,
        validity: Duration,
    ) -> Option<CodeProblem> {
        let now = self.clock.now_millis();
        let validity = i64::try_from(validity.as_millis()).unwrap_or(i64::MAX);
        let memory = self.memory();
        let Some((place, newest)) = newest(&memory, vendor, recipient) else {
            return Some(CodeProblem::Missing);
        };
        if now - newest.sent_at_ms >= validity {
            Some(CodeProblem::Expired)
        } else if memory.used_codes.contains(&place) {
            Some(CodeProblem::Used)
        } else if newest.code != typed {
            Some(CodeProblem::Wrong)
        } else {
            None
        }
    }

    /// Marks the newest code sent to `recipient` as used: it is not accepted again.
    pub(crate) fn use_code(&self, vendor: &'static str, recipient: &str) {
        let mut memory = self.memory();
        if let Some((place, _)) = newest(&memory, vendor, recipient) {
            memory.used_codes.insert(place);
        }
    }

    /// Records an account; answers it.
    pub(crate) fn add_account(&self, account: Account) -> Account {
        self.memory().accounts.push(account.clone());
        account
    }

    /// The accounts of `vendor` that match `keep`.
    pub(crate) fn accounts_where(
        &self,
        vendor: &str,
        keep: impl Fn(&Account) -> bool,
    ) -> Vec<Account> {
        self.memory()
            .accounts
            .iter()
            .filter(|a| a.vendor == vendor && keep(a))
            .cloned()
            .collect()
    }

    /// A random lower-case hex id of `len` characters.
    pub(crate) fn hex_id(len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect()
    }
}

/// The newest code sent to `recipient`, and its place in the outbox.
fn newest<'a>(
    memory: &'a Memory,
    vendor: &str,
    recipient: &str,
) -> Option<(usize, &'a OutboxMessage)> {
    memory
        .outbox
        .iter()
        .enumerate()
        .rev()
        .find(|(_, m)| m.vendor == vendor && m.recipient == recipient)
}

/// How [`format_time`] writes a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeForm {
    /// `2019-05-06T08:05:01Z` (the offset must be 0).
    Rfc3339,
    /// `2019-05-06 16:05:01`, wall-clock time at the offset.
    Local,
}

/// Unix milliseconds as text, at `offset_hours` from UTC.
pub(crate) fn format_time(ms: i64, offset_hours: i8, form: TimeForm) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::UtcOffset::from_hms(offset_hours, 0, 0).unwrap_or(time::UtcOffset::UTC));
    let (y, m, d) = (at.year(), u8::from(at.month()), at.day());
    let (h, min, s) = (at.hour(), at.minute(), at.second());
    match form {
        TimeForm::Rfc3339 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}Z"),
        TimeForm::Local => format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}:{s:02}"),
    }
}
