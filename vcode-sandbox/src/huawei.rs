//! Huawei Cloud's shared parts: the API gateway every service sits behind (the token or AK/SK
//! signature check, its error body) and the IAM domain lookup. The services' operations are in
//! `bss.rs` and `ticket.rs`.

use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};
use vcode_signing::{SignableBody, SignableRequest, huawei};

use crate::state::State;

pub(crate) const IAM_DOMAINS_PATH: &str = "/v3/auth/domains";

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
