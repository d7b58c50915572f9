//! Tencent Cloud API 3.0, `intlpartnersmgt` `SendVerifyCode`: every answer is HTTP 200 with the
//! outcome in `Response`, and a `Date` header from the sandbox clock.

use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, Method, Uri};
use serde_json::{Value, json};
use vcode_signing::{SignableBody, SignableRequest, VerifyError, tencent};

use crate::state::State;
use crate::{TENCENT_REQUESTS_PER_SECOND, TENCENT_RESEND_INTERVAL};

const SERVICE: &str = "intlpartnersmgt";
const TENCENT: &str = "tencent-partners";

struct Answer<'a> {
    state: &'a State,
    request_id: String,
}

impl Answer<'_> {
    fn respond(&self, response: Value) -> Response {
        let date = httpdate::fmt_http_date(self.state.clock.now());
        (
            [("date", date)],
            axum::Json(json!({ "Response": response })),
        )
            .into_response()
    }

    fn ok(&self) -> Response {
        self.respond(json!({ "RequestId": self.request_id }))
    }

    fn error(&self, code: &str, message: &str) -> Response {
        self.respond(json!({
            "Error": { "Code": code, "Message": message },
            "RequestId": self.request_id,
        }))
    }
}

fn auth_code(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::UnknownAccessKey(_) => "AuthFailure.SecretIdNotFound",
        VerifyError::TimestampExpired { .. } | VerifyError::TimestampInFuture { .. } => {
            "AuthFailure.SignatureExpire"
        }
        VerifyError::MissingAuthorization
        | VerifyError::MalformedAuthorization(_)
        | VerifyError::MissingTimestamp
        | VerifyError::MalformedTimestamp => "AuthFailure.InvalidAuthorization",
        _ => "AuthFailure.SignatureFailure",
    }
}

pub(crate) async fn dispatch(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let answer = Answer {
        state: &state,
        request_id: state.request_id(),
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if header("x-tc-action") != Some("SendVerifyCode") {
        return answer.error("InvalidAction", "The action does not exist.");
    }
    if header("x-tc-version") != Some("2022-09-28") {
        return answer.error("NoSuchVersion", "The API version does not exist.");
    }
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let Ok(signable) = SignableRequest::new(method.as_str(), target, SignableBody::Bytes(&body))
        .header_map(&headers)
    else {
        return answer.error("AuthFailure.InvalidAuthorization", "A header is not text.");
    };
    let verified = match tencent::verify(
        &signable,
        SERVICE,
        |id| state.config.tencent_keys.get(id).cloned(),
        state.clock.now(),
        state.config.allowed_skew,
    ) {
        Ok(verified) => verified,
        Err(e) => return answer.error(auth_code(&e), &e.to_string()),
    };
    if over_rate_limit(&state, &verified.secret_id) {
        return answer.error("RequestLimitExceeded", "Too many requests in one second.");
    }

    let fields: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (Some(country), Some(phone)) = (
        fields.get("CountryCode").and_then(Value::as_str),
        fields.get("PhoneNum").and_then(Value::as_str),
    ) else {
        return answer.error("MissingParameter", "CountryCode and PhoneNum are required.");
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(country, 4) || !digits(phone, 32) {
        return answer.error(
            "InvalidParameterValue",
            "CountryCode or PhoneNum is malformed.",
        );
    }
    if ["7", "380", "86"].contains(&country) {
        return answer.error(
            "InvalidParameterValue.UnSupportArea",
            "The country or region is not supported.",
        );
    }
    let recipient = format!("{country}-{phone}");
    if state.sends_within(TENCENT, &recipient, TENCENT_RESEND_INTERVAL) > 0 {
        return answer.error(
            "FailedOperation.SendVerifyCodeLimit60",
            "At least 60 seconds must pass between two codes.",
        );
    }
    state.send_code(TENCENT, &recipient);
    answer.ok()
}

/// Records a request of `secret_id` and says whether it exceeds the per-second limit.
fn over_rate_limit(state: &State, secret_id: &str) -> bool {
    let now = state.clock.now_millis();
    let mut memory = state.memory();
    let window = memory
        .tencent_requests
        .entry(secret_id.to_owned())
        .or_default();
    while window.front().is_some_and(|t| now - t >= 1000) {
        window.pop_front();
    }
    let over = window.len() >= TENCENT_REQUESTS_PER_SECOND;
    window.push_back(now);
    over
}
