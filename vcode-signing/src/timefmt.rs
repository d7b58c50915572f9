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

/// Writes `n` as exactly `slot.len()` decimal digits (the calendar fields always fit).
fn write_digits(slot: &mut [u8], mut n: u32) {
    for digit in slot.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Writes `YYYY`, `MM` and `DD` into the first 4, then 2, then 2 of `slots`.
fn write_date(t: OffsetDateTime, [year, month, day]: [&mut [u8]; 3]) -> Result<(), SigningError> {
    // One calendar conversion for all three fields (each accessor would repeat it).
    let (y, m, d) = t.to_calendar_date();
    let y = u32::try_from(y).map_err(|_| SigningError::InvalidTime)?;
    if y > 9999 {
        return Err(SigningError::InvalidTime);
    }
    write_digits(year, y);
    write_digits(month, u32::from(u8::from(m)));
    write_digits(day, u32::from(d));
    Ok(())
}

/// ASCII digits and separators as a `&str` (never fails; the fallback keeps it panic-free).
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

// The calendar arithmetic comes from `time`; the fixed-width digits are written directly,
// which is several times faster than a format description on this hot path.
pub(crate) fn sdk_date(unix: i64) -> Result<String, SigningError> {
    let t = utc(unix)?;
    let mut out = *b"YYYYMMDDThhmmssZ";
    let (date, time) = out.split_at_mut(9);
    let (year, rest) = date.split_at_mut(4);
    let (month, day) = rest.split_at_mut(2);
    write_date(t, [year, month, &mut day[..2]])?;
    let (hour, minute, second) = t.to_hms();
    write_digits(&mut time[0..2], u32::from(hour));
    write_digits(&mut time[2..4], u32::from(minute));
    write_digits(&mut time[4..6], u32::from(second));
    Ok(ascii(&out).to_owned())
}

pub(crate) fn parse_sdk_date(value: &str) -> Option<i64> {
    PrimitiveDateTime::parse(value, SDK_DATE)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

/// The UTC date of a TC3 credential scope, `YYYY-MM-DD`, kept on the stack.
pub(crate) struct ScopeDate([u8; 10]);

impl ScopeDate {
    pub(crate) fn as_str(&self) -> &str {
        ascii(&self.0)
    }
}

pub(crate) fn scope_date(unix: i64) -> Result<ScopeDate, SigningError> {
    let mut out = *b"YYYY-MM-DD";
    let (year, rest) = out.split_at_mut(4);
    let (month, day) = rest[1..].split_at_mut(2);
    write_date(utc(unix)?, [year, month, &mut day[1..]])?;
    Ok(ScopeDate(out))
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
