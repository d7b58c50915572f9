//! `CheckNeedVerify` ("Checking Whether Verification Is Required"): whether a contact must
//! be verified before it is attached to a ticket. `GET /v2/servicerequest/verifycodes/need-verify`
//! with `contact_value`, `contact_way` and `area_code` as query parameters.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::Value;
use vcode_core::VendorCode;
use vcode_core::service::Validator;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::validate::InvalidInput;

use crate::contact::{Contact, ContactInputBuilder};
use crate::{Client, Osm, SdkError, VerifyCodesError};

/// Path of `CheckNeedVerify`.
pub const NEED_VERIFY_PATH: &str = "/v2/servicerequest/verifycodes/need-verify";

/// A validated `CheckNeedVerify` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckNeedVerifyInput {
    contact: Contact,
}

impl CheckNeedVerifyInput {
    /// A builder.
    pub fn builder() -> CheckNeedVerifyInputBuilder {
        CheckNeedVerifyInputBuilder::default()
    }
}

/// What `CheckNeedVerify` adds to the contact: nothing (a marker for its builder).
#[derive(Clone, Copy, Debug, Default)]
pub struct NeedVerifyFields;

/// Builds a [`CheckNeedVerifyInput`]: the contact, nothing else.
pub type CheckNeedVerifyInputBuilder = ContactInputBuilder<NeedVerifyFields>;

impl ContactInputBuilder<NeedVerifyFields> {
    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<CheckNeedVerifyInput, InvalidInput> {
        let mut v = Validator::new();
        self.fields
            .validate(&mut v, crate::contact::AreaCode::Optional);
        v.finish()?;
        Ok(CheckNeedVerifyInput {
            contact: self.fields.into_contact(),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<CheckNeedVerifyOutput, SdkError<VerifyCodesError>> {
        client.send(&self.build()?).await
    }
}

/// A wall-clock date and time without a zone (`yyyy-MM-dd HH:mm:ss`): the vendor's local time,
/// which is the request's `X-Time-Zone` (GMT+8 unless set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LocalDateTime {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day, 1 to 31.
    pub day: u8,
    /// The hour, 0 to 23.
    pub hour: u8,
    /// The minute.
    pub minute: u8,
    /// The second.
    pub second: u8,
}

impl LocalDateTime {
    /// The instant, given the zone's offset from UTC in seconds (`8 * 3600` for GMT+8).
    pub fn to_system_time(self, utc_offset_seconds: i32) -> Option<SystemTime> {
        let month = time::Month::try_from(self.month).ok()?;
        let date = time::Date::from_calendar_date(self.year, month, self.day).ok()?;
        let offset = time::UtcOffset::from_whole_seconds(utc_offset_seconds).ok()?;
        let at = date
            .with_hms(self.hour, self.minute, self.second)
            .ok()?
            .assume_offset(offset);
        Some(SystemTime::from(at))
    }
}

/// `expire_time`, in whichever documented form it arrives: the reference types it as a string
/// (its example is `"test"`), the official SDKs as a date-time, and the sibling list operation
/// documents `yyyy-MM-dd HH:mm:ss`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpireTime {
    /// An instant: RFC 3339 with a zone, or a number of milliseconds since the epoch.
    Instant(SystemTime),
    /// `yyyy-MM-dd HH:mm:ss` (a `T` also accepted) without a zone.
    Local(LocalDateTime),
    /// Anything else, kept as received (one bounded line).
    Text(String),
}

impl ExpireTime {
    /// Decodes a JSON value; `None` for null or an empty string.
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => {
                let millis = n.as_u64()?;
                Some(Self::Instant(UNIX_EPOCH + Duration::from_millis(millis)))
            }
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(Self::parse(s)),
            _ => None,
        }
    }

    /// Parses the text forms.
    pub fn parse(text: &str) -> Self {
        use time::format_description::well_known::Rfc3339;
        if let Ok(at) = time::OffsetDateTime::parse(text, &Rfc3339) {
            return Self::Instant(SystemTime::from(at));
        }
        let local =
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        let local_t =
            time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
        match time::PrimitiveDateTime::parse(text, &local)
            .or_else(|_| time::PrimitiveDateTime::parse(text, &local_t))
        {
            Ok(at) => Self::Local(LocalDateTime {
                year: at.year(),
                month: u8::from(at.month()),
                day: at.day(),
                hour: at.hour(),
                minute: at.minute(),
                second: at.second(),
            }),
            Err(_) => Self::Text(text.to_owned()),
        }
    }
}

/// The answer.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckNeedVerifyOutput {
    need_verify: bool,
    expire_time: Option<ExpireTime>,
    request_id: Option<String>,
}

impl fmt::Debug for CheckNeedVerifyOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckNeedVerifyOutput")
            .field("need_verify", &self.need_verify)
            .field("expire_time", &self.expire_time)
            .finish_non_exhaustive()
    }
}

impl CheckNeedVerifyOutput {
    /// `need_verify_code == 1`: the contact must be verified (send a code, then check it).
    pub fn need_verify(&self) -> bool {
        self.need_verify
    }

    /// `expire_time`: until when an earlier verification holds, when the vendor says.
    pub fn expire_time(&self) -> Option<&ExpireTime> {
        self.expire_time.as_ref()
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for CheckNeedVerifyInput {
    type Service = Osm;
    type Output = CheckNeedVerifyOutput;
    type Error = VerifyCodesError;
    const NAME: &'static str = "CheckNeedVerify";
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        self.contact.headers.apply(OperationRequest::get(
            NEED_VERIFY_PATH,
            self.contact.query(),
        ))
    }

    /// Success is a 2xx with `need_verify_code` 0 or 1; an `error_code` is that error.
    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<CheckNeedVerifyOutput, Failure<VerifyCodesError>> {
        #[derive(Deserialize)]
        struct Wire {
            need_verify_code: u8,
            #[serde(default)]
            expire_time: Value,
        }
        let (wire, request_id) =
            vcode_huawei::decode_json::<Wire, _>(&response, VerifyCodesError::from_code, |_| {
                false
            })?;
        if wire.need_verify_code > 1 {
            return Err(Failure::Response(vcode_core::ResponseError::malformed(
                &response,
                "need_verify_code 0 or 1",
            )));
        }
        Ok(CheckNeedVerifyOutput {
            need_verify: wire.need_verify_code == 1,
            expire_time: ExpireTime::from_json(&wire.expire_time),
            request_id,
        })
    }
}
