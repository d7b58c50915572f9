//! Huawei BSS International customer registration: `SendVerificationMessageCode` (mails a
//! code), `CheckUserIdentity`, `CreateSubCustomer` (which consumes the mailed code) and
//! `ListSubCustomers`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{Map, Value, json};

use crate::huawei::{answer, authenticate, error, object, plausible_email};
use crate::state::{Account, State, TimeForm};
use crate::{BSS_CODE_VALIDITY, BSS_LIMIT_PER_DAY, BSS_LIMIT_PER_HOUR, BSS_MOBILE_ACCOUNTS};

pub(crate) const SEND_PATH: &str = "/v2/bases/verificationcode/send";
pub(crate) const CHECK_IDENTITY_PATH: &str = "/v2/partners/sub-customers/users/check-identity";
pub(crate) const CREATE_PATH: &str = "/v2/partners/sub-customers";
pub(crate) const LIST_PATH: &str = "/v2/partners/sub-customers/query";

const BSS: &str = "huawei-bss";

fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    fields.get(key).and_then(Value::as_str)
}

/// The documented account-name rule (`first_underscore`: the create rule allows `_` first).
fn valid_name(name: &str, first_underscore: bool) -> bool {
    let len = name.chars().count();
    (5..=32).contains(&len)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || (first_underscore && c == '_'))
        && !name.starts_with("op_")
        && !name.starts_with("shadow_")
}

/// Authenticates and parses a JSON object body, or answers the refusal.
fn parse(
    state: &State,
    id: &str,
    parts: (&Method, &Uri, &HeaderMap, &Bytes),
) -> Result<Map<String, Value>, Box<Response>> {
    authenticate(state, id, parts, true)?;
    object(parts.3).ok_or_else(|| {
        Box::new(error(
            StatusCode::BAD_REQUEST,
            id,
            "CBC.0100",
            "The body is not a JSON object.",
        ))
    })
}

pub(crate) async fn check_identity(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    let fields = match parse(&state, &id, (&method, &uri, &headers, &body)) {
        Ok(fields) => fields,
        Err(refused) => return *refused,
    };
    let bad = |msg: &str| error(StatusCode::BAD_REQUEST, &id, "CBC.0100", msg);
    let (Some(kind), Some(value)) = (text(&fields, "search_type"), text(&fields, "search_value"))
    else {
        return bad("search_type and search_value are required.");
    };
    if value.chars().count() > 64 {
        return bad("search_value is longer than 64 characters.");
    }
    let mut result = json!({ "error_code": "CBC.0000", "error_msg": "success" });
    let used = match kind {
        "email" if plausible_email(value) => !state
            .accounts_where(BSS, |a| a.email.as_deref() == Some(value))
            .is_empty(),
        "name" if valid_name(value, false) && !value.bytes().all(|b| b.is_ascii_digit()) => {
            !state.accounts_where(BSS, |a| a.name == value).is_empty()
        }
        "mobile"
            if value.split_once('-').is_some_and(|(code, number)| {
                code.len() == 4
                    && code.starts_with("00")
                    && code.bytes().all(|b| b.is_ascii_digit())
                    && !number.is_empty()
                    && number.bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            // The international create takes no mobile number: every number is free.
            result["mobile_remain_available_num"] = json!(BSS_MOBILE_ACCOUNTS);
            false
        }
        _ => return bad("search_type or search_value is invalid."),
    };
    result["check_result"] = json!(if used { "used_by_user" } else { "available" });
    answer(StatusCode::OK, &id, result)
}

/// The documented password policy.
fn valid_password(password: &str, name: Option<&str>, email: Option<&str>) -> bool {
    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    let reversed: Option<String> = name.map(|n| n.chars().rev().collect());
    (8..=32).contains(&password.chars().count())
        && classes.iter().filter(|c| **c).count() >= 2
        && name != Some(password)
        && reversed.as_deref() != Some(password)
        && email.is_none_or(|email| !password.contains(email))
}

pub(crate) async fn create(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    let fields = match parse(&state, &id, (&method, &uri, &headers, &body)) {
        Ok(fields) => fields,
        Err(refused) => return *refused,
    };
    let fail = |code: &str, msg: &str| error(StatusCode::BAD_REQUEST, &id, code, msg);
    let (Some(xaccount_id), Some(_), Some(_)) = (
        text(&fields, "xaccount_id").filter(|v| (1..=128).contains(&v.chars().count())),
        text(&fields, "xaccount_type").filter(|v| (1..=64).contains(&v.chars().count())),
        text(&fields, "domain_area")
            .filter(|a| a.len() == 2 && a.bytes().all(|b| b.is_ascii_uppercase())),
    ) else {
        return fail(
            "CBC.0100",
            "xaccount_id, xaccount_type and domain_area are required.",
        );
    };
    let name = text(&fields, "domain_name");
    if name.is_some_and(|n| !valid_name(n, true) || n.bytes().all(|b| b.is_ascii_digit())) {
        return fail("CBC.99000031", "The account name is invalid.");
    }
    let email = text(&fields, "email");
    if email.is_some_and(|e| e.chars().count() > 64 || !plausible_email(e)) {
        return fail("CBC.0100", "The email is invalid.");
    }
    if let Some(password) = text(&fields, "password")
        && !valid_password(password, name, email)
    {
        return fail("CBC.99000036", "The password does not meet the policy.");
    }
    if let Some(email) = email {
        let typed = text(&fields, "verification_code").unwrap_or_default();
        if state
            .code_problem(BSS, email, typed, BSS_CODE_VALIDITY)
            .is_some()
        {
            return fail("CBC.0100", "The verification code is wrong or expired.");
        }
        if !state
            .accounts_where(BSS, |a| a.email.as_deref() == Some(email))
            .is_empty()
        {
            return fail("CBC.99000051", "The email address is already registered.");
        }
    }
    if let Some(name) = name
        && !state.accounts_where(BSS, |a| a.name == name).is_empty()
    {
        return fail("CBC.99000038", "domainName exist (CBC.7156).");
    }
    if !state
        .accounts_where(BSS, |a| a.partner_ref.as_deref() == Some(xaccount_id))
        .is_empty()
    {
        return fail("CBC.0100", "xaccount_id is already bound to a customer.");
    }
    if let Some(email) = email {
        state.use_code(BSS, email);
    }
    let account = state.add_account(Account {
        vendor: BSS,
        id: State::hex_id(32),
        name: name.map_or_else(|| State::hex_id(32), str::to_owned),
        email: email.map(str::to_owned),
        phone: None,
        partner_ref: Some(xaccount_id.to_owned()),
        created_at_ms: state.clock.now_millis(),
    });
    let timed_out = {
        let mut memory = state.memory();
        let pending = memory.bss_association_timeouts > 0;
        memory.bss_association_timeouts = memory.bss_association_timeouts.saturating_sub(1);
        pending
    };
    if timed_out {
        return answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            &id,
            json!({
                "error_code": "CBC.99000050",
                "error_msg": "The customer was created, but querying the association timed out.",
                "domain_id": account.id,
                "domain_name": account.name,
            }),
        );
    }
    answer(
        StatusCode::OK,
        &id,
        json!({ "domain_id": account.id, "domain_name": account.name }),
    )
}

pub(crate) async fn list(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = state.request_id();
    let fields = match parse(&state, &id, (&method, &uri, &headers, &body)) {
        Ok(fields) => fields,
        Err(refused) => return *refused,
    };
    let number = |key: &str, default: u64| match fields.get(key) {
        None | Some(Value::Null) => Some(default),
        Some(value) => value.as_u64(),
    };
    let (Some(offset), Some(limit)) = (number("offset", 0), number("limit", 10)) else {
        return error(
            StatusCode::BAD_REQUEST,
            &id,
            "CBC.0100",
            "offset and limit are numbers.",
        );
    };
    if !(1..=100).contains(&limit) {
        return error(
            StatusCode::BAD_REQUEST,
            &id,
            "CBC.0100",
            "limit must be 1 to 100.",
        );
    }
    let name = text(&fields, "account_name");
    let customer = text(&fields, "customer_id");
    let matching = state.accounts_where(BSS, |a| {
        name.is_none_or(|n| a.name.contains(n)) && customer.is_none_or(|c| a.id == c)
    });
    let page: Vec<Value> = matching
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|a| {
            json!({
                "account_name": a.name,
                "customer_id": a.id,
                "associated_on": crate::state::format_time(a.created_at_ms, 0, TimeForm::Rfc3339),
                "association_type": "3",
                "xaccount_id": a.partner_ref,
            })
        })
        .collect();
    answer(
        StatusCode::OK,
        &id,
        json!({ "count": matching.len(), "customer_infos": page }),
    )
}

pub(crate) async fn send(
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
