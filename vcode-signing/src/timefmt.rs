//! The schemes' time formats: Huawei's `X-Sdk-Date`, TC3's unix seconds and scope date.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::{SigningError, VerifyError};

/// `X-Sdk-Date`: `YYYYMMDDTHHMMSSZ` in UTC.
const SDK_DATE: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// The TC3 credential scope's date: `YYYY-MM-DD` in UTC.
const SCOPE_DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Seconds since 1970 of `time`.
pub(crate) fn unix_seconds(time: SystemTime) -> Result<i64, SigningError> {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SigningError::InvalidTime)?
        .as_secs();
    i64::try_from(secs).map_err(|_| SigningError::InvalidTime)
}

fn format_utc(unix: i64, format: &[BorrowedFormatItem<'_>]) -> Result<String, SigningError> {
    let utc = OffsetDateTime::from_unix_timestamp(unix).map_err(|_| SigningError::InvalidTime)?;
    // Four-digit years only: both formats are fixed-width.
    if !(0..=9999).contains(&utc.year()) {
        return Err(SigningError::InvalidTime);
    }
    // Both formats are 10 or 16 characters: one allocation.
    let mut text = Vec::with_capacity(16);
    utc.format_into(&mut text, format)
        .map_err(|_| SigningError::InvalidTime)?;
    String::from_utf8(text).map_err(|_| SigningError::InvalidTime)
}

/// `X-Sdk-Date` of a time.
pub(crate) fn sdk_date(unix: i64) -> Result<String, SigningError> {
    format_utc(unix, SDK_DATE)
}

/// The time an `X-Sdk-Date` names.
pub(crate) fn parse_sdk_date(value: &str) -> Option<i64> {
    PrimitiveDateTime::parse(value, SDK_DATE)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

/// The TC3 scope date of a timestamp.
pub(crate) fn scope_date(unix: i64) -> Result<String, SigningError> {
    format_utc(unix, SCOPE_DATE)
}

/// Checks a request time against `now` within `max_skew`, in both directions.
pub(crate) fn check_skew(
    request_unix: i64,
    now: SystemTime,
    max_skew: Duration,
) -> Result<(), VerifyError> {
    let now = unix_seconds(now).map_err(|_| VerifyError::MalformedTimestamp)?;
    let skew = i64::try_from(max_skew.as_secs()).unwrap_or(i64::MAX);
    let diff = request_unix.saturating_sub(now);
    if diff > skew {
        return Err(VerifyError::TimestampInFuture {
            ahead_secs: diff.unsigned_abs(),
        });
    }
    if diff < -skew {
        return Err(VerifyError::TimestampExpired {
            age_secs: diff.unsigned_abs(),
        });
    }
    Ok(())
}
