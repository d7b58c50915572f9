//! What both ticket operations share: the contact (`contact_value`, `contact_way`,
//! `area_code`), the optional headers (`X-Site`, `X-Language`, `X-Time-Zone`), the builder
//! that collects them, the output and the decoding.

use std::fmt;

use serde::Serialize;
use vcode_core::VendorCode;
use vcode_core::http::{HeaderName, HeaderValue};
use vcode_core::service::{Failure, HttpResponse, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::Rule;

use crate::VerifyCodesError;

/// How the code reaches the contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContactWay {
    /// A text message to a phone number (wire value `0`).
    Sms,
    /// An email (wire value `1`).
    Email,
}

impl ContactWay {
    /// The wire value.
    pub fn wire_value(self) -> u8 {
        match self {
            Self::Sms => 0,
            Self::Email => 1,
        }
    }
}

/// Which Huawei Cloud site the account belongs to (`X-Site`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Site {
    /// The China site (`0`, the vendor's default).
    China,
    /// The international site (`1`).
    International,
}

impl Site {
    /// The header value.
    pub fn wire_value(self) -> &'static str {
        match self {
            Self::China => "0",
            Self::International => "1",
        }
    }
}

/// The optional headers every ticket operation takes (`X-Site`, `X-Language`,
/// `X-Time-Zone`), validated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Headers {
    site: Option<Site>,
    language: Option<String>,
    time_zone: Option<String>,
}

impl Headers {
    fn validate(&self, v: &mut Validator) {
        for (field, value) in [
            ("X-Language", &self.language),
            ("X-Time-Zone", &self.time_zone),
        ] {
            if let Some(value) = value {
                v.char_len(field, value, 1..=32, Shown::Plain);
                v.header_value(field, value, Shown::Plain);
            }
        }
    }

    /// Adds the headers that are set to `request`.
    pub(crate) fn apply(&self, mut request: OperationRequest) -> OperationRequest {
        const X_SITE: HeaderName = HeaderName::from_static("x-site");
        const X_LANGUAGE: HeaderName = HeaderName::from_static("x-language");
        const X_TIME_ZONE: HeaderName = HeaderName::from_static("x-time-zone");
        let headers = [
            (X_SITE, self.site.map(Site::wire_value)),
            (X_LANGUAGE, self.language.as_deref()),
            (X_TIME_ZONE, self.time_zone.as_deref()),
        ];
        for (name, value) in headers {
            // Values were checked for control characters when the input was built.
            if let Some(value) = value.and_then(|v| HeaderValue::from_str(v).ok()) {
                request = request.header(name, value);
            }
        }
        request
    }
}

/// The contact (`contact_value`, `contact_way`, `area_code`) and headers, validated.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Contact {
    pub(crate) way: ContactWay,
    pub(crate) value: String,
    pub(crate) area_code: Option<String>,
    pub(crate) headers: Headers,
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contact")
            .field("way", &self.way)
            .field("value", &shown_contact(Some(self.way), &self.value))
            .field("area_code", &self.area_code)
            .field("headers", &self.headers)
            .finish()
    }
}

/// A contact value as `Debug` shows it: masked as an email or a phone number.
pub(crate) fn shown_contact(way: Option<ContactWay>, value: &str) -> String {
    match way {
        Some(ContactWay::Email) => vcode_core::mask::email(value),
        Some(ContactWay::Sms) => vcode_core::mask::phone(value),
        None => vcode_core::mask::other(value),
    }
}

/// What `CheckVerifyCodes` adds to the contact in its body.
#[derive(Clone, Copy, Default)]
pub(crate) struct CheckBody<'a> {
    pub(crate) verify_code: Option<&'a str>,
    pub(crate) x_customer_id: Option<&'a str>,
    pub(crate) customer_id: Option<&'a str>,
}

impl Contact {
    /// The `POST` of the contact (and what a check adds) to `path`.
    pub(crate) fn post(&self, path: &'static str, check: CheckBody<'_>) -> OperationRequest {
        #[derive(Serialize)]
        struct Wire<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            verify_code: Option<&'a str>,
            contact_value: &'a str,
            contact_way: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            area_code: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            x_customer_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            customer_id: Option<&'a str>,
        }
        let body = serde_json::to_vec(&Wire {
            verify_code: check.verify_code,
            contact_value: &self.value,
            contact_way: self.way.wire_value(),
            area_code: self.area_code.as_deref(),
            x_customer_id: check.x_customer_id,
            customer_id: check.customer_id,
        })
        .expect("a struct of strings and integers always serializes");
        self.headers.apply(OperationRequest::post_json(path, body))
    }

    /// The contact as query parameters (`area_code` only when set, as the official SDK sends
    /// optional parameters).
    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![
            ("contact_value", self.value.clone()),
            ("contact_way", self.way.wire_value().to_string()),
        ];
        if let Some(code) = &self.area_code {
            query.push(("area_code", code.clone()));
        }
        query
    }
}

/// The unvalidated contact fields a builder collects.
#[derive(Clone, Default)]
pub(crate) struct ContactFields {
    pub(crate) way: Option<ContactWay>,
    pub(crate) value: Option<String>,
    pub(crate) area_code: Option<String>,
    pub(crate) headers: Headers,
}

impl fmt::Debug for ContactFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContactFields")
            .field("way", &self.way)
            .field(
                "value",
                &self.value.as_deref().map(|v| shown_contact(self.way, v)),
            )
            .field("area_code", &self.area_code)
            .finish_non_exhaustive()
    }
}

fn shown_for(way: Option<ContactWay>) -> Shown {
    match way {
        Some(ContactWay::Email) => Shown::Email,
        _ => Shown::Phone,
    }
}

/// Whether an operation requires `area_code` for an SMS contact: the intl reference marks it
/// Mandatory for `SendVerifyCodes` only; `CheckVerifyCodes` and `CheckNeedVerify` document it
/// as optional (and the official SDK's models agree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AreaCode {
    RequiredForSms,
    Optional,
}

impl ContactFields {
    pub(crate) fn validate(&self, v: &mut Validator, area_code: AreaCode) {
        let way = v.required("contact_way", self.way.as_ref()).copied();
        if let Some(value) = v.required("contact_value", self.value.as_deref()) {
            let shown = shown_for(way);
            if v.char_len("contact_value", value, 1..=64, shown) {
                match way {
                    Some(ContactWay::Email) => {
                        v.email("contact_value", value);
                    }
                    Some(ContactWay::Sms) => {
                        v.digits("contact_value", value, Shown::Phone);
                    }
                    None => {}
                }
            }
        }
        match self.area_code.as_deref() {
            Some(code) => {
                v.char_len("area_code", code, 0..=16, Shown::Plain);
                v.digits("area_code", code, Shown::Plain);
            }
            None if way == Some(ContactWay::Sms) && area_code == AreaCode::RequiredForSms => {
                v.violation(
                    "area_code",
                    Rule::NotAllowed("is required for SMS contacts"),
                    None,
                );
            }
            None => {}
        }
        self.headers.validate(v);
    }

    /// The optional-contact form (`ListHasVerifiedContacts`): each part checked when given,
    /// the value against `0..=max` characters (the reference documents 0 to 256).
    pub(crate) fn validate_filter(&self, v: &mut Validator, max: usize) {
        if let Some(value) = &self.value {
            v.char_len("contact_value", value, 0..=max, shown_for(self.way));
            v.header_value("contact_value", value, shown_for(self.way));
        }
        if let Some(code) = &self.area_code {
            v.char_len("area_code", code, 0..=16, Shown::Plain);
            v.digits("area_code", code, Shown::Plain);
        }
        self.headers.validate(v);
    }

    /// Valid fields into a contact; call only after `validate` found nothing.
    pub(crate) fn into_contact(self) -> Contact {
        Contact {
            way: self.way.unwrap_or(ContactWay::Sms),
            value: self.value.unwrap_or_default(),
            area_code: self.area_code,
            headers: self.headers,
        }
    }
}

/// Builds a ticket operation's input: the contact setters both operations share, plus the
/// operation's own fields (`F`). Use it through [`SendVerifyCodesInputBuilder`](crate::SendVerifyCodesInputBuilder)
/// and [`CheckVerifyCodesInputBuilder`](crate::CheckVerifyCodesInputBuilder).
#[derive(Clone, Debug, Default)]
pub struct ContactInputBuilder<F> {
    pub(crate) fields: ContactFields,
    pub(crate) own: F,
}

impl<F> ContactInputBuilder<F> {
    /// How the code is sent. Required.
    #[must_use]
    pub fn contact_way(mut self, way: ContactWay) -> Self {
        self.fields.way = Some(way);
        self
    }

    /// The phone number (digits, without the country code) or email address, 1 to 64
    /// characters. Required. (The reference gives the length as 0..=64, but also marks the
    /// field mandatory, and a code cannot be sent to, nor checked for, an empty contact; an
    /// empty value is refused here rather than spent on a request the vendor must reject.)
    #[must_use]
    pub fn contact_value(mut self, value: impl Into<String>) -> Self {
        self.fields.value = Some(value.into());
        self
    }

    /// The country calling code, at most 16 digits (such as `86`). Required for an SMS contact
    /// of `SendVerifyCodes` (the reference marks it Mandatory there), optional elsewhere; not
    /// sent when unset, as the official SDK does.
    #[must_use]
    pub fn area_code(mut self, code: impl Into<String>) -> Self {
        self.fields.area_code = Some(code.into());
        self
    }

    /// `X-Site`: the account's site. Not sent when unset (the vendor assumes China).
    #[must_use]
    pub fn site(mut self, site: Site) -> Self {
        self.fields.headers.site = Some(site);
        self
    }

    /// `X-Language`, 1 to 32 characters such as `en-us`. Not sent when unset (the vendor
    /// assumes `zh-cn`).
    #[must_use]
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.fields.headers.language = Some(language.into());
        self
    }

    /// `X-Time-Zone`, 1 to 32 characters such as `GMT+8`. Not sent when unset (the vendor
    /// assumes GMT+8).
    #[must_use]
    pub fn time_zone(mut self, time_zone: impl Into<String>) -> Self {
        self.fields.headers.time_zone = Some(time_zone.into());
        self
    }
}

/// The vendor accepted the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyCodesOutput {
    request_id: Option<String>,
}

impl VerifyCodesOutput {
    /// The vendor's request id (`X-Request-Id`), for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// The Huawei family's rule for an answer without data
/// ([`decode_empty_success`](vcode_huawei::decode_empty_success)), as the official SDK reads
/// these answers (its model makes `error_code`/`error_msg` optional; the reference shows no
/// success body): a non-empty `error_code` is an error whatever the status (the vendor reports
/// business errors with 200); a 2xx with an empty body, `{}`, or an object whose `error_code`
/// is absent, `""`, `null` or `CBC.0000` is success; a code of the wrong JSON type, or a 2xx
/// that is not a JSON object, is an unreadable response.
pub(crate) fn decode(
    response: &HttpResponse,
) -> Result<VerifyCodesOutput, Failure<VerifyCodesError>> {
    vcode_huawei::decode_empty_success(response, VerifyCodesError::from_code)
        .map(|request_id| VerifyCodesOutput { request_id })
}
