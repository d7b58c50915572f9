//! When a call may be attempted again.
//!
//! Sending a verification code is not idempotent: a second request after the vendor processed
//! the first mails or texts the person twice and burns their rate limit. So only what certainly
//! was not processed is retried:
//!
//! - the request was never sent (connection refused, DNS or TLS failure, connect timeout);
//! - the vendor throttled it before processing (HTTP 429, `APIG.0308`, `RequestLimitExceeded*`),
//!   after the vendor's `Retry-After` when it gives one;
//! - Tencent `AuthFailure.SignatureExpire`, once, after correcting the clock from the
//!   response's `Date` header.
//!
//! Never an authentication failure (Huawei locks the AK for five minutes after five), never a
//! business limit, never a timeout or a connection lost after sending, never a 5xx.

use std::time::{Duration, SystemTime};

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

    /// Full jitter: a uniform wait between zero and `min(max, initial * 2^(retry-1))`.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exp)
            .min(self.max_backoff);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
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
            assert!(policy.backoff(retry) <= Duration::from_secs(10));
        }
        assert!(policy.backoff(1) <= Duration::from_millis(200));
        assert_eq!(RetryPolicy::never().backoff(3), Duration::ZERO);
    }
}
