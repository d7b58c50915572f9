//! Huawei service tickets (OSM) contact verification: `SendVerifyCodes` and
//! `CheckVerifyCodes`, and the reads `CheckNeedVerify` and `ListHasVerifiedContacts` (signed
//! GETs with query parameters), fed by what `CheckVerifyCodes` verified.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::Response;
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{Map, Value, json};

use crate::huawei::{answer, authenticate, error, object, plausible_email};
use crate::state::{State, TimeForm, VerifiedContact, format_time};
use crate::{OSM_CODE_VALIDITY, OSM_RESEND_INTERVAL, OSM_VERIFICATION_VALIDITY};

const TICKET: &str = "huawei-ticket";

pub(crate) const SEND_PATH: &str = "/v2/servicerequest/verifycodes/send";
pub(crate) const CHECK_PATH: &str = "/v2/servicerequest/verifycodes";
pub(crate) const NEED_VERIFY_PATH: &str = "/v2/servicerequest/verifycodes/need-verify";
pub(crate) const HAS_VERIFIED_PATH: &str = "/v2/servicerequest/verifycodes/has-verified";

/// The query as name → value (`+` is a space, `%XX` decoded; the last value of a name wins).
fn query(uri: &Uri) -> HashMap<String, String> {
    let decode = |raw: &str| {
        percent_encoding::percent_decode_str(&raw.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    uri.query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// The validity of a verification, in milliseconds.
fn validity_ms() -> i64 {
    i64::try_from(OSM_VERIFICATION_VALIDITY.as_millis()).unwrap_or(i64::MAX)
}

fn invalid(id: &str) -> Response {
    error(
        StatusCode::OK,
        id,
        "OSM.01010001",
        "Parameter validation failed.",
    )
}

pub(crate) async fn need_verify(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    if let Err(denied) = authenticate(&state, &id, (&method, &uri, &headers, &body), true) {
        return *denied;
    }
    let query = query(&uri);
    let way = match query.get("contact_way").map(String::as_str) {
        Some("0") => 0,
        Some("1") => 1,
        _ => {
            return error(
                StatusCode::OK,
                &id,
                "OSM.01010012",
                "The contact type must be 0 or 1.",
            );
        }
    };
    let value = query
        .get("contact_value")
        .map(String::as_str)
        .unwrap_or_default();
    let area = query
        .get("area_code")
        .map(String::as_str)
        .unwrap_or_default();
    if !(1..=64).contains(&value.chars().count()) || area.chars().count() > 16 {
        return invalid(&id);
    }
    let now = state.clock.now_millis();
    let verified_at = state
        .memory()
        .verified
        .iter()
        .rev()
        .find(|c| c.way == way && c.value == value && (way == 1 || c.area_code == area))
        .map(|c| c.verified_at_ms)
        .filter(|at| now - at < validity_ms());
    let body = match verified_at {
        // The vendor's default zone is GMT+8.
        Some(at) => json!({
            "need_verify_code": 0,
            "expire_time": format_time(at + validity_ms(), 8, TimeForm::Local),
        }),
        None => json!({ "need_verify_code": 1 }),
    };
    answer(StatusCode::OK, &id, body)
}

pub(crate) async fn has_verified(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    if let Err(denied) = authenticate(&state, &id, (&method, &uri, &headers, &body), true) {
        return *denied;
    }
    let query = query(&uri);
    let number = |name: &str, default: u64, max: u64| match query.get(name) {
        None => Some(default),
        Some(text) => text.parse::<u64>().ok().filter(|n| *n <= max),
    };
    // Offset counts contacts from 0 here (the reference's default of 1 is not simulated).
    let (Some(offset), Some(limit), Some(way)) = (
        number("offset", 0, 65_535),
        number("limit", 10, 100),
        match query.get("contact_way").map(String::as_str) {
            None => Some(None),
            Some("0") => Some(Some(0)),
            Some("1") => Some(Some(1)),
            Some(_) => None,
        },
    ) else {
        return invalid(&id);
    };
    let now = state.clock.now_millis();
    let memory = state.memory();
    let matching: Vec<Value> = memory
        .verified
        .iter()
        .filter(|c| now - c.verified_at_ms < validity_ms())
        .filter(|c| way.is_none_or(|w| c.way == w))
        .filter(|c| query.get("contact_value").is_none_or(|v| &c.value == v))
        .filter(|c| query.get("area_code").is_none_or(|a| &c.area_code == a))
        .filter(|c| query.get("verified_id").is_none_or(|v| &c.verified_id == v))
        .map(|c| {
            json!({
                "contact_way": c.way,
                "contact_value": c.value,
                "area_code": c.area_code,
                "verified_id": c.verified_id,
            })
        })
        .collect();
    drop(memory);
    let page: Vec<&Value> = matching
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    answer(
        StatusCode::OK,
        &id,
        json!({ "count": matching.len(), "contact_list": page }),
    )
}

/// The validated contact of an OSM request: its outbox recipient key. `area_code` is optional
/// (absent is empty) except for an SMS contact of `SendVerifyCodes` (`sms_area`), as the
/// reference documents; an SMS key is `<area>-<number>`.
fn osm_contact(
    fields: &Map<String, Value>,
    headers: &HeaderMap,
    sms_area: Area,
) -> Result<String, (&'static str, &'static str)> {
    let invalid = ("OSM.01010001", "Parameter validation failed.");
    for name in ["x-language", "x-time-zone"] {
        if let Some(value) = headers.get(name) {
            let len = value.to_str().map(|v| v.chars().count()).unwrap_or(0);
            if !(1..=32).contains(&len) {
                return Err(invalid);
            }
        }
    }
    if let Some(site) = headers.get("x-site")
        && site != "0"
        && site != "1"
    {
        return Err(invalid);
    }
    let way = match fields.get("contact_way").and_then(Value::as_i64) {
        Some(0) => 0,
        Some(1) => 1,
        _ => return Err(("OSM.01010012", "The contact type must be 0 or 1.")),
    };
    let value = fields
        .get("contact_value")
        .and_then(Value::as_str)
        .ok_or(invalid)?;
    let area = match fields.get("area_code") {
        None => "",
        Some(area) => area.as_str().ok_or(invalid)?,
    };
    if !(1..=64).contains(&value.chars().count()) || area.chars().count() > 16 {
        return Err(invalid);
    }
    let well_formed = if way == 0 {
        !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit())
            && (sms_area == Area::Optional || !area.is_empty())
    } else {
        plausible_email(value)
    };
    if !well_formed || !area.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid);
    }
    Ok(if way == 0 {
        format!("{area}-{value}")
    } else {
        value.to_owned()
    })
}

/// Business outcomes come back with HTTP 200 and an `error_code`, as the vendor does.
fn osm_outcome(id: &str, outcome: Result<(), (&str, &str)>) -> Response {
    match outcome {
        Ok(()) => answer(
            StatusCode::OK,
            id,
            json!({ "error_code": "", "error_msg": "" }),
        ),
        Err((code, message)) => error(StatusCode::OK, id, code, message),
    }
}

/// Whether an SMS contact needs its `area_code`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Area {
    Required,
    Optional,
}

/// What both OSM operations share: authenticate, parse, validate the contact, then `act` on
/// the fields and the contact's outbox key.
fn osm(
    state: &State,
    parts: (&Method, &Uri, &HeaderMap, &Bytes),
    sms_area: Area,
    act: impl FnOnce(&Map<String, Value>, String) -> Result<(), (&'static str, &'static str)>,
) -> Response {
    let id = state.request_id();
    if let Err(denied) = authenticate(state, &id, parts, true) {
        return *denied;
    }
    let (_, _, headers, body) = parts;
    let outcome = object(body)
        .ok_or(("OSM.01010001", "Parameter validation failed."))
        .and_then(|fields| {
            let contact = osm_contact(&fields, headers, sms_area)?;
            act(&fields, contact)
        });
    osm_outcome(&id, outcome)
}

pub(crate) async fn send(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    osm(
        &state,
        (&method, &uri, &headers, &body),
        Area::Required,
        |_, contact| {
            if state.sends_within(TICKET, &contact, OSM_RESEND_INTERVAL) > 0 {
                return Err((
                    "OSM.01010024",
                    "A code was sent less than a minute ago; it is valid for 5 minutes.",
                ));
            }
            state.send_code(TICKET, &contact);
            Ok(())
        },
    )
}

pub(crate) async fn check(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    osm(
        &state,
        (&method, &uri, &headers, &body),
        Area::Optional,
        |fields, contact| {
            // An SMS check without `area_code` (optional here): the sandbox's assumption is that
            // the vendor matches the number under whichever calling code the code went to.
            let contact = match contact.strip_prefix('-') {
                Some(number) => state
                    .memory()
                    .outbox
                    .iter()
                    .rev()
                    .find(|m| {
                        m.vendor == TICKET
                            && m.recipient.split_once('-').map(|(_, n)| n) == Some(number)
                    })
                    .map_or(contact.clone(), |m| m.recipient.clone()),
                None => contact,
            };
            let typed = fields
                .get("verify_code")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if typed.chars().count() != 6 {
                return Err(("OSM.01010001", "Parameter validation failed."));
            }
            if state
                .code_problem(TICKET, &contact, typed, OSM_CODE_VALIDITY)
                .is_some()
            {
                return Err(("OSM.01010010", "Verification failed."));
            }
            state.use_code(TICKET, &contact);
            let way = fields
                .get("contact_way")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            let value = fields
                .get("contact_value")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let area_code = fields
                .get("area_code")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut memory = state.memory();
            memory
                .verified
                .retain(|c| !(c.way == way && c.value == value && c.area_code == area_code));
            memory.verified.push(VerifiedContact {
                way,
                value: value.to_owned(),
                area_code: area_code.to_owned(),
                verified_id: State::hex_id(16),
                verified_at_ms: state.clock.now_millis(),
            });
            Ok(())
        },
    )
}
