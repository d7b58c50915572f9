//! Huawei Cloud: BSS `SendVerificationMessageCode`, OSM `SendVerifyCodes`/`CheckVerifyCodes`,
//! and the IAM domain lookup, behind a simulated API gateway.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};
use vcode_signing::{SignableBody, SignableRequest, huawei};

use crate::state::{State, VerifiedContact};
use crate::{BSS_LIMIT_PER_DAY, BSS_LIMIT_PER_HOUR, OSM_CODE_VALIDITY, OSM_RESEND_INTERVAL};

pub(crate) const BSS_PATH: &str = "/v2/bases/verificationcode/send";
pub(crate) const OSM_SEND_PATH: &str = "/v2/servicerequest/verifycodes/send";
pub(crate) const OSM_CHECK_PATH: &str = "/v2/servicerequest/verifycodes";
pub(crate) const IAM_DOMAINS_PATH: &str = "/v3/auth/domains";

const BSS: &str = "huawei-bss";
const TICKET: &str = "huawei-ticket";

/// A JSON answer with the request id header every Huawei response carries.
pub(crate) fn answer(status: StatusCode, request_id: &str, body: Value) -> Response {
    (status, [("x-request-id", request_id)], axum::Json(body)).into_response()
}

pub(crate) fn error(status: StatusCode, request_id: &str, code: &str, message: &str) -> Response {
    answer(
        status,
        request_id,
        json!({ "error_code": code, "error_msg": message }),
    )
}

/// The gateway's authentication failure, in its own body shape.
fn gateway_denied(request_id: &str, why: &str) -> Response {
    answer(
        StatusCode::UNAUTHORIZED,
        request_id,
        json!({
            "error_code": "APIG.0301",
            "error_msg": format!("Incorrect IAM authentication information: {why}"),
            "request_id": request_id,
        }),
    )
}

/// Checks the token or the AK/SK signature; with AK/SK, `X-Domain-Id` must name the key's
/// account when `require_domain`. Returns the account's domain id (empty for a token), or the
/// gateway's refusal.
pub(crate) fn authenticate(
    state: &State,
    request_id: &str,
    parts: (&Method, &Uri, &HeaderMap, &Bytes),
    require_domain: bool,
) -> Result<String, Box<Response>> {
    check_caller(state, parts, require_domain)
        .map_err(|why| Box::new(gateway_denied(request_id, &why)))
}

fn check_caller(
    state: &State,
    parts: (&Method, &Uri, &HeaderMap, &Bytes),
    require_domain: bool,
) -> Result<String, String> {
    let (method, uri, headers, body) = parts;
    let config = &state.config;
    if let Some(token) = headers.get("x-auth-token") {
        let token = token.to_str().unwrap_or_default();
        return if config
            .huawei_tokens
            .iter()
            .any(|t| t.expose_secret() == token)
        {
            Ok(String::new())
        } else {
            Err("the token is not valid".to_owned())
        };
    }
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let signable = SignableRequest::new(method.as_str(), target, SignableBody::Bytes(body))
        .header_map(headers)
        .map_err(|_| "a header is not text".to_owned())?;
    let verified = huawei::verify(
        &signable,
        |ak| config.huawei_keys.get(ak).map(|(sk, _)| sk.clone()),
        state.clock.now(),
        config.allowed_skew,
    )
    .map_err(|e| e.to_string())?;
    let domain = config
        .huawei_keys
        .get(&verified.access_key_id)
        .map(|(_, domain)| domain.clone())
        .unwrap_or_default();
    if require_domain {
        let sent = headers.get("x-domain-id").and_then(|v| v.to_str().ok());
        if sent != Some(domain.as_str()) {
            return Err(
                "X-Domain-Id is missing or does not match the access key's account".to_owned(),
            );
        }
    }
    Ok(domain)
}

pub(crate) fn object(body: &[u8]) -> Option<Map<String, Value>> {
    serde_json::from_slice(body).ok()
}

pub(crate) fn plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty())
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub(crate) async fn bss_send(
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
    let bad = |msg: &str| error(StatusCode::BAD_REQUEST, &id, "CBC.0100", msg);
    let Some(fields) = object(&body) else {
        return bad("the body is not a JSON object");
    };
    if fields.get("receiver_type").and_then(Value::as_i64) != Some(2) {
        return bad("receiver_type must be 2");
    }
    match fields.get("timeout") {
        None | Some(Value::Null) => {}
        Some(t) if t.as_i64().is_some_and(|t| (1..=3000).contains(&t)) => {}
        Some(_) => return bad("timeout must be 1 to 3000"),
    }
    match fields.get("lang") {
        None | Some(Value::Null) => {}
        Some(Value::String(lang)) if lang == "zh-cn" || lang == "en-us" => {}
        Some(_) => return bad("lang must be zh-cn or en-us"),
    }
    let email = fields
        .get("email")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if email.chars().count() > 64 {
        return bad("email is longer than 64 characters");
    }
    if !plausible_email(email) {
        return error(
            StatusCode::BAD_REQUEST,
            &id,
            "CBC.99004004",
            "The email address is empty or ill-formed.",
        );
    }
    let hour = state.sends_within(BSS, email, Duration::from_secs(3600));
    let day = state.sends_within(BSS, email, Duration::from_secs(86_400));
    if hour >= BSS_LIMIT_PER_HOUR || day >= BSS_LIMIT_PER_DAY {
        return error(
            StatusCode::BAD_REQUEST,
            &id,
            "CBC.99004015",
            "The number of verification codes sent has reached the upper limit (15 per hour, 60 per day).",
        );
    }
    state.send_code(BSS, email);
    (StatusCode::NO_CONTENT, [("x-request-id", id)]).into_response()
}

/// The validated contact of an OSM request: its outbox recipient key.
fn osm_contact(
    fields: &Map<String, Value>,
    headers: &HeaderMap,
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
    let area = fields
        .get("area_code")
        .and_then(Value::as_str)
        .ok_or(invalid)?;
    if !(1..=64).contains(&value.chars().count()) || area.chars().count() > 16 {
        return Err(invalid);
    }
    let well_formed = if way == 0 {
        !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) && !area.is_empty()
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

/// What both OSM operations share: authenticate, parse, validate the contact, then `act` on
/// the fields and the contact's outbox key.
fn osm(
    state: &State,
    parts: (&Method, &Uri, &HeaderMap, &Bytes),
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
            let contact = osm_contact(&fields, headers)?;
            act(&fields, contact)
        });
    osm_outcome(&id, outcome)
}

pub(crate) async fn osm_send(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    osm(&state, (&method, &uri, &headers, &body), |_, contact| {
        if state.sends_within(TICKET, &contact, OSM_RESEND_INTERVAL) > 0 {
            return Err((
                "OSM.01010024",
                "A code was sent less than a minute ago; it is valid for 5 minutes.",
            ));
        }
        state.send_code(TICKET, &contact);
        Ok(())
    })
}

pub(crate) async fn osm_check(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    osm(
        &state,
        (&method, &uri, &headers, &body),
        |fields, contact| {
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

pub(crate) async fn iam_domains(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    match authenticate(&state, &id, (&method, &uri, &headers, &body), false) {
        Ok(domain) if !domain.is_empty() => answer(
            StatusCode::OK,
            &id,
            json!({ "domains": [{ "id": domain, "name": "sandbox", "enabled": true }] }),
        ),
        Ok(_) => gateway_denied(&id, "the domain lookup needs AK/SK"),
        Err(denied) => *denied,
    }
}
