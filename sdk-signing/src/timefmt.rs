//! Conversions between `SystemTime` and the schemes' timestamp formats.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::{SigningError, VerifyError};

/// `X-Sdk-Date`: `20060102T150405Z` (used for parsing; formatting writes digits directly).
const SDK_DATE: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

pub(crate) fn unix_seconds(time: SystemTime) -> Result<i64, SigningError> {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SigningError::InvalidTime)?
        .as_secs();
    i64::try_from(secs).map_err(|_| SigningError::InvalidTime)
}

fn utc(unix: i64) -> Result<OffsetDateTime, SigningError> {
    OffsetDateTime::from_unix_timestamp(unix).map_err(|_| SigningError::InvalidTime)
}

/// Appends `n` as exactly `width` decimal digits (the calendar fields always fit).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for i in (0..width).rev() {
        let digit = (n / 10u32.pow(i)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

fn push_date(
    out: &mut String,
    t: OffsetDateTime,
    separator: Option<char>,
) -> Result<(), SigningError> {
    // One calendar conversion for all three fields (each accessor would repeat it).
    let (year, month, day) = t.to_calendar_date();
    let year = u32::try_from(year).map_err(|_| SigningError::InvalidTime)?;
    if year > 9999 {
        return Err(SigningError::InvalidTime);
    }
    push_digits(out, year, 4);
    out.extend(separator);
    push_digits(out, u32::from(u8::from(month)), 2);
    out.extend(separator);
    push_digits(out, u32::from(day), 2);
    Ok(())
}

// The calendar arithmetic comes from `time`; the fixed-width digits are written directly,
// which is several times faster than a format description on this hot path.
pub(crate) fn sdk_date(unix: i64) -> Result<String, SigningError> {
    let t = utc(unix)?;
    let mut out = String::with_capacity(16);
    push_date(&mut out, t, None)?;
    out.push('T');
    let (hour, minute, second) = t.to_hms();
    push_digits(&mut out, u32::from(hour), 2);
    push_digits(&mut out, u32::from(minute), 2);
    push_digits(&mut out, u32::from(second), 2);
    out.push('Z');
    Ok(out)
}

pub(crate) fn parse_sdk_date(value: &str) -> Option<i64> {
    PrimitiveDateTime::parse(value, SDK_DATE)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

pub(crate) fn scope_date(unix: i64) -> Result<String, SigningError> {
    let mut out = String::with_capacity(10);
    push_date(&mut out, utc(unix)?, Some('-'))?;
    Ok(out)
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
