//! CEC one-click trial `generateverifycode`: no authentication, outcome in `retCode`.

use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use serde_json::{Value, json};

use crate::CEC_CODE_VALIDITY;
use crate::state::{Account, CodeProblem, State};

pub(crate) const PATH: &str = "/apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode";
const CEC: &str = "cec-trial";

fn ret(code: &str, message: &str) -> Response {
    axum::Json(json!({ "retCode": code, "retMsg": message })).into_response()
}

pub(crate) async fn generate(Shared(state): Shared<Arc<State>>, body: Bytes) -> Response {
    let phone = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("phone").and_then(Value::as_str).map(str::to_owned));
    let valid = phone.as_deref().is_some_and(|p| {
        let digits = p.strip_prefix('+').unwrap_or(p);
        !digits.is_empty() && p.chars().count() <= 32 && digits.bytes().all(|b| b.is_ascii_digit())
    });
    let Some(phone) = phone.filter(|_| valid) else {
        return (StatusCode::BAD_REQUEST, "bad path or parameters").into_response();
    };
    if state.valid_code(CEC, &phone, CEC_CODE_VALIDITY).is_some() {
        return ret(
            "201",
            "A verification code already exists for this phone. Send later.",
        );
    }
    state.send_code(CEC, &phone);
    ret("200", "success")
}

pub(crate) const APPLY_PATH: &str = "/apiaccess/rest/ipccprovision/v1/applyTry/applyTenant";

/// The answer of `applyTenant`, spelled as the reference's table does.
fn returned(code: &str, message: &str) -> Response {
    axum::Json(json!({ "returnCode": code, "returnMsg": message })).into_response()
}

pub(crate) async fn apply_tenant(Shared(state): Shared<Arc<State>>, body: Bytes) -> Response {
    let fields = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    let field = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let (Some(company), Some(phone), Some(code), Some(email)) = (
        field("companyName"),
        field("phone"),
        field("phoneVerifyCode"),
        field("email"),
    ) else {
        return (StatusCode::BAD_REQUEST, "bad path or parameters").into_response();
    };
    match state.code_problem(CEC, phone, code, CEC_CODE_VALIDITY) {
        Some(CodeProblem::Wrong) => return returned("002", "The verification code is incorrect."),
        Some(_) => {
            return returned(
                "001",
                "The verification code does not exist or has expired. Obtain a new one.",
            );
        }
        None => {}
    }
    let exists = !state
        .accounts_where(CEC, |a| {
            a.name == company || a.phone.as_deref() == Some(phone)
        })
        .is_empty();
    if exists {
        return returned(
            "004",
            "A tenant in trial-commercial or commercial use already exists.",
        );
    }
    state.use_code(CEC, phone);
    state.add_account(Account {
        vendor: CEC,
        id: State::hex_id(16),
        name: company.to_owned(),
        email: Some(email.to_owned()),
        phone: Some(phone.to_owned()),
        partner_ref: None,
        created_at_ms: state.clock.now_millis(),
    });
    returned("000", "success")
}
