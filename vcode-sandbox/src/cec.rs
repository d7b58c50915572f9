//! CEC one-click trial `generateverifycode`: no authentication, outcome in `retCode`.

use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use serde_json::{Value, json};

use crate::CEC_CODE_VALIDITY;
use crate::state::State;

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
