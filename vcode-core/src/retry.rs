//! When a call may be attempted again.
//!
//! Sending a verification code is not idempotent: a second request after the vendor processed
//! the first mails or texts the person twice and burns their rate limit. So only what certainly
//! was not processed is retried:
//!
//! - the request was never sent (connection refused, DNS or TLS failure, connect timeout);
//! - the vendor throttled it before processing (HTTP 429, `APIG.0308`, `RequestLimitExceeded*`),
//!   after the vendor's `Retry-After` when it gives one;
//! - a clock-skew refusal (such as `AuthFailure.SignatureExpire`), once, after correcting the
//!   clock from the response's `Date` header.
//!
//! Never an authentication failure (a vendor may lock the key after a few), never a
//! business limit, never a timeout or a connection lost after sending, never a 5xx: unless the
//! operation is a read (`Operation::READ`: a check, a listing, a catalogue), which changes
//! nothing at the vendor and is also retried after those, within the same attempt and time
//! bounds.

use std::time::{Duration, SystemTime};

use crate::error::ErrorClass;

/// How many attempts, and how long to wait between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    correct_clock_skew: bool,
}

impl RetryPolicy {
    /// One attempt, nothing retried (the clock offset is still learned for later calls).
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            max_retry_after: Duration::ZERO,
            correct_clock_skew: false,
        }
    }

    /// Up to 3 attempts with full-jitter exponential backoff from 200 ms up to 10 s; waits of
    /// up to 30 s asked for by `Retry-After`; one retry after a clock-skew rejection.
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(30),
            correct_clock_skew: true,
        }
    }

    /// Total attempts, the first included (at least 1).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff ceiling of the first retry; it doubles for each further retry.
    #[must_use]
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The largest backoff ceiling.
    #[must_use]
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a vendor asking for more ends the call with its
    /// throttling error instead.
    #[must_use]
    pub fn with_max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Whether a clock-skew rejection is retried once with the corrected clock.
    #[must_use]
    pub fn with_clock_skew_correction(mut self, enabled: bool) -> Self {
        self.correct_clock_skew = enabled;
        self
    }

    /// Total attempts allowed.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn corrects_clock_skew(&self) -> bool {
        self.correct_clock_skew
    }

    pub(crate) fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The backoff ceiling of a retry: `min(max, initial * 2^(retry-1))`.
    pub(crate) fn backoff_ceiling(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(30);
        self.initial_backoff
            .saturating_mul(1u32 << exp)
            .min(self.max_backoff)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
}

/// What one attempt ended in, as far as the retry rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The operation succeeded.
    Success,
    /// The request never left (connection refused, DNS or TLS failure, connect timeout).
    NotSent,
    /// The request may have reached the vendor (timeout or connection lost after sending, a
    /// response too large or cut short).
    MaybeSent,
    /// The vendor answered with an error or an unreadable response.
    Answered {
        /// The HTTP status.
        status: u16,
        /// The class of the vendor's error; `None` for an unreadable response.
        class: Option<ErrorClass>,
        /// `Retry-After`, or the wait the vendor documents for this error.
        retry_after: Option<Duration>,
        /// The vendor's clock (`Date`), minus ours, in seconds.
        clock_offset: Option<i64>,
    },
}

/// Where a call stands before deciding on its next attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Attempts made so far, this one included.
    pub(crate) attempts: u32,
    /// Whether the clock was already corrected once in this call.
    pub(crate) skew_corrected: bool,
    /// Time spent so far.
    pub(crate) elapsed: Duration,
    /// The call's total budget.
    pub(crate) total: Duration,
    /// Whether the operation only reads (`Operation::READ`).
    pub(crate) read: bool,
}

/// What the runtime does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Return the attempt's result.
    Stop,
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Try again at once, signing with the vendor's clock.
    CorrectClock,
}

/// The decision after an attempt, and the clock offset to remember for later calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) next: Next,
    /// Learned from a clock-skew rejection; kept even when not retrying.
    pub(crate) learn_clock_offset: Option<i64>,
}

/// The retry rules, in one place:
///
/// | outcome | next |
/// |---|---|
/// | success | stop |
/// | never sent | back off and retry |
/// | may have been sent (timeout after sending, connection lost, truncated) | stop |
/// | throttled (HTTP 429 whatever the body, or the `Throttling` class) | wait `Retry-After` (stop if over the policy's maximum), else back off |
/// | clock skew with the vendor's `Date` | learn the offset; retry at once, once per call, if the policy corrects skew |
/// | clock skew without a `Date` | stop |
/// | authentication, business limit, any other error or status (5xx included) | stop |
/// | a **read** that may have been sent (timeout, connection lost after sending, truncated) | back off and retry |
/// | a **read** answered 5xx with an unreadable body or an error of no other class | back off and retry |
///
/// A retry also needs an attempt left (`max_attempts`; the clock correction does not count) and
/// its wait to fit the call's total time. `jitter` turns a backoff ceiling into the wait (full
/// jitter in the runtime; the identity in tests).
pub(crate) fn decide(
    policy: &RetryPolicy,
    outcome: Outcome,
    progress: Progress,
    jitter: impl FnOnce(Duration) -> Duration,
) -> Decision {
    let mut learn_clock_offset = None;
    let next = match outcome {
        Outcome::MaybeSent if progress.read => {
            Next::RetryAfter(jitter(policy.backoff_ceiling(progress.attempts)))
        }
        Outcome::Answered {
            status: 500..=599,
            class: None | Some(ErrorClass::Other),
            ..
        } if progress.read => Next::RetryAfter(jitter(policy.backoff_ceiling(progress.attempts))),
        Outcome::Success | Outcome::MaybeSent => Next::Stop,
        Outcome::NotSent => Next::RetryAfter(jitter(policy.backoff_ceiling(progress.attempts))),
        Outcome::Answered {
            status,
            class,
            retry_after,
            clock_offset,
        } => match class {
            _ if status == 429 => throttled(policy, retry_after, progress, jitter),
            Some(ErrorClass::Throttling) => throttled(policy, retry_after, progress, jitter),
            Some(ErrorClass::ClockSkew) => {
                learn_clock_offset = clock_offset;
                if clock_offset.is_some()
                    && policy.corrects_clock_skew()
                    && !progress.skew_corrected
                {
                    Next::CorrectClock
                } else {
                    Next::Stop
                }
            }
            _ => Next::Stop,
        },
    };
    let next = match next {
        Next::RetryAfter(wait)
            if progress.attempts >= policy.max_attempts()
                || progress.elapsed.saturating_add(wait) >= progress.total =>
        {
            Next::Stop
        }
        other => other,
    };
    Decision {
        next,
        learn_clock_offset,
    }
}

fn throttled(
    policy: &RetryPolicy,
    retry_after: Option<Duration>,
    progress: Progress,
    jitter: impl FnOnce(Duration) -> Duration,
) -> Next {
    match retry_after {
        Some(wait) if wait > policy.max_retry_after() => Next::Stop,
        Some(wait) => Next::RetryAfter(wait),
        None => Next::RetryAfter(jitter(policy.backoff_ceiling(progress.attempts))),
    }
}

/// A uniform wait between zero and `ceiling`.
pub(crate) fn full_jitter(ceiling: Duration) -> Duration {
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(fastrand::u64(0..=nanos))
}

/// Parses `Retry-After`: delay seconds, or an HTTP date relative to `now`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_336_200);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(12));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(12))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(12));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy::standard();
        for retry in 1..40 {
            assert!(full_jitter(policy.backoff_ceiling(retry)) <= Duration::from_secs(10));
        }
        assert_eq!(policy.backoff_ceiling(1), Duration::from_millis(200));
        assert_eq!(policy.backoff_ceiling(2), Duration::from_millis(400));
        assert!(full_jitter(policy.backoff_ceiling(1)) <= Duration::from_millis(200));
        assert_eq!(
            full_jitter(RetryPolicy::never().backoff_ceiling(3)),
            Duration::ZERO
        );
    }

    /// Every row of the rules in `decide`'s table, with the standard policy (3 attempts,
    /// 200 ms first ceiling, `Retry-After` up to 30 s, one clock correction) and no jitter.
    #[test]
    fn the_retry_table() {
        let policy = RetryPolicy::standard();
        let first = Progress {
            attempts: 1,
            skew_corrected: false,
            elapsed: Duration::ZERO,
            total: Duration::from_secs(60),
            read: false,
        };
        let read = Progress {
            read: true,
            ..first
        };
        let answered = |status, class, retry_after, clock_offset| Outcome::Answered {
            status,
            class,
            retry_after,
            clock_offset,
        };
        let secs = Duration::from_secs;
        let backoff = Next::RetryAfter(Duration::from_millis(200));
        let rows: Vec<(&str, Outcome, Progress, Next, Option<i64>)> = vec![
            ("success", Outcome::Success, first, Next::Stop, None),
            ("never sent", Outcome::NotSent, first, backoff, None),
            (
                "may have been sent",
                Outcome::MaybeSent,
                first,
                Next::Stop,
                None,
            ),
            (
                "throttled, no Retry-After",
                answered(429, Some(ErrorClass::Throttling), None, None),
                first,
                backoff,
                None,
            ),
            (
                "throttled with Retry-After",
                answered(200, Some(ErrorClass::Throttling), Some(secs(7)), None),
                first,
                Next::RetryAfter(secs(7)),
                None,
            ),
            (
                "throttled, Retry-After over the maximum",
                answered(429, Some(ErrorClass::Throttling), Some(secs(31)), None),
                first,
                Next::Stop,
                None,
            ),
            (
                "an unreadable 429",
                answered(429, None, Some(secs(2)), None),
                first,
                Next::RetryAfter(secs(2)),
                None,
            ),
            (
                "a 429 whose code is not a throttling one",
                answered(429, Some(ErrorClass::Other), None, None),
                first,
                backoff,
                None,
            ),
            (
                "clock skew with the vendor's Date",
                answered(200, Some(ErrorClass::ClockSkew), None, Some(-600)),
                first,
                Next::CorrectClock,
                Some(-600),
            ),
            (
                "clock skew after a correction: learn, do not retry",
                answered(200, Some(ErrorClass::ClockSkew), None, Some(-5)),
                Progress {
                    skew_corrected: true,
                    ..first
                },
                Next::Stop,
                Some(-5),
            ),
            (
                "clock skew without a Date",
                answered(200, Some(ErrorClass::ClockSkew), None, None),
                first,
                Next::Stop,
                None,
            ),
            (
                "authentication",
                answered(401, Some(ErrorClass::Authentication), None, None),
                first,
                Next::Stop,
                None,
            ),
            (
                "business limit with its hint",
                answered(200, Some(ErrorClass::BusinessLimit), Some(secs(60)), None),
                first,
                Next::Stop,
                None,
            ),
            (
                "other error",
                answered(400, Some(ErrorClass::Other), None, None),
                first,
                Next::Stop,
                None,
            ),
            (
                "unreadable 5xx",
                answered(503, None, None, None),
                first,
                Next::Stop,
                None,
            ),
            (
                "never sent, no attempt left",
                Outcome::NotSent,
                Progress {
                    attempts: 3,
                    ..first
                },
                Next::Stop,
                None,
            ),
            (
                "never sent, second retry backs off longer",
                Outcome::NotSent,
                Progress {
                    attempts: 2,
                    ..first
                },
                Next::RetryAfter(Duration::from_millis(400)),
                None,
            ),
            (
                "throttled, the wait would pass the total time",
                answered(429, Some(ErrorClass::Throttling), Some(secs(7)), None),
                Progress {
                    elapsed: secs(55),
                    ..first
                },
                Next::Stop,
                None,
            ),
            (
                "a read that may have been sent backs off and retries",
                Outcome::MaybeSent,
                read,
                Next::RetryAfter(Duration::from_millis(200)),
                None,
            ),
            (
                "a read answered by an unreadable 5xx backs off and retries",
                answered(503, None, None, None),
                read,
                Next::RetryAfter(Duration::from_millis(200)),
                None,
            ),
            (
                "a read answered by a 5xx error of no other class backs off and retries",
                answered(500, Some(ErrorClass::Other), None, None),
                read,
                Next::RetryAfter(Duration::from_millis(200)),
                None,
            ),
            (
                "a read answered by a 4xx error stops",
                answered(400, Some(ErrorClass::Other), None, None),
                read,
                Next::Stop,
                None,
            ),
            (
                "a read's authentication failure stops, whatever the status",
                answered(500, Some(ErrorClass::Authentication), None, None),
                read,
                Next::Stop,
                None,
            ),
            (
                "a read that may have been sent, no attempt left",
                Outcome::MaybeSent,
                Progress {
                    attempts: 3,
                    ..read
                },
                Next::Stop,
                None,
            ),
        ];
        for (name, outcome, progress, next, learned) in rows {
            let decision = decide(&policy, outcome, progress, |ceiling| ceiling);
            assert_eq!(decision.next, next, "{name}");
            assert_eq!(decision.learn_clock_offset, learned, "{name}");
        }
        // Never: one attempt, but the clock offset is still learned.
        let never = decide(
            &RetryPolicy::never(),
            answered(200, Some(ErrorClass::ClockSkew), None, Some(30)),
            first,
            |ceiling| ceiling,
        );
        assert_eq!(never.next, Next::Stop);
        assert_eq!(never.learn_clock_offset, Some(30));
        assert_eq!(
            decide(&RetryPolicy::never(), Outcome::NotSent, first, |c| c).next,
            Next::Stop
        );
    }
}
