//! Response-body helpers the vendor decoders share.

use serde_json::{Map, Value};

use crate::{Failure, HttpResponse, ResponseError, ServiceError, ServiceErrorKind};

/// Whether a success body carries nothing: empty, whitespace, or `{}`.
pub fn is_empty_body(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    trimmed.is_empty()
        || serde_json::from_slice::<Map<String, Value>>(trimmed).is_ok_and(|m| m.is_empty())
}

/// A Huawei Cloud error body. Services spell the fields `error_code`/`error_msg`,
/// `code`/`message` or `errorCode`/`errorMsg`, and the gateway adds `request_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HuaweiErrorBody {
    /// The error code, when present and not empty.
    pub code: Option<String>,
    /// The message, when present.
    pub message: Option<String>,
    /// The request id, when the body carries one.
    pub request_id: Option<String>,
}

impl HuaweiErrorBody {
    /// Parses a JSON object body; `None` when the body is not a JSON object.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let object: Map<String, Value> = serde_json::from_slice(body).ok()?;
        let text = |keys: &[&str]| {
            keys.iter().find_map(|key| match object.get(*key) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        Some(Self {
            code: text(&["error_code", "code", "errorCode"]),
            message: text(&["error_msg", "message", "errorMsg", "error_message"]),
            request_id: text(&["request_id", "requestId"]),
        })
    }
}

/// Decodes a Huawei response whose success carries no data, and answers the request id.
///
/// A non-empty error code is that error whatever the HTTP status (some services report business
/// errors with 200); a 2xx with an empty or `{}` body is success; so is a 2xx JSON object
/// without a code when `json_without_code_is_success`; anything else is an unreadable response.
/// The request id comes from the body, else from `X-Request-Id` (for errors the runtime falls
/// back to the header, as for every vendor).
///
/// # Errors
/// The vendor's error, mapped by `from_code`, or an unreadable response.
pub fn huawei_empty_success<E: ServiceErrorKind>(
    response: &HttpResponse,
    from_code: impl FnOnce(&str) -> E,
    json_without_code_is_success: bool,
) -> Result<Option<String>, Failure<E>> {
    let header_request_id = response.header("x-request-id").map(str::to_owned);
    let success = (200..300).contains(&response.status());
    if success && is_empty_body(response.body()) {
        return Ok(header_request_id);
    }
    match HuaweiErrorBody::parse(response.body()) {
        Some(HuaweiErrorBody {
            code: Some(code),
            message,
            request_id,
        }) => Err(Failure::Service(
            ServiceError::new(from_code(&code), code, message.unwrap_or_default())
                .with_request_id(request_id),
        )),
        Some(HuaweiErrorBody { request_id, .. }) if success && json_without_code_is_success => {
            Ok(request_id.or(header_request_id))
        }
        _ => Err(Failure::Response(ResponseError::malformed(
            response,
            if success {
                "an empty body"
            } else {
                "a JSON error body with an error code"
            },
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_decodes() {
        for body in [
            r#"{"error_code":"CBC.0100","error_msg":"bad","request_id":"r1"}"#,
            r#"{"code":"CBC.0100","message":"bad","request_id":"r1"}"#,
            r#"{"errorCode":"CBC.0100","errorMsg":"bad","requestId":"r1"}"#,
        ] {
            let parsed = HuaweiErrorBody::parse(body.as_bytes()).expect("object");
            assert_eq!(parsed.code.as_deref(), Some("CBC.0100"), "{body}");
            assert_eq!(parsed.message.as_deref(), Some("bad"), "{body}");
            assert_eq!(parsed.request_id.as_deref(), Some("r1"), "{body}");
        }
        let empty =
            HuaweiErrorBody::parse(br#"{"error_code":"","error_msg":null}"#).expect("object");
        assert_eq!(empty.code, None);
        assert!(HuaweiErrorBody::parse(b"<html>").is_none());
    }

    #[test]
    fn empty_bodies() {
        assert!(is_empty_body(b""));
        assert!(is_empty_body(b"  \n"));
        assert!(is_empty_body(b"{}"));
        assert!(is_empty_body(b" { } "));
        assert!(!is_empty_body(b"{\"a\":1}"));
        assert!(!is_empty_body(b"null"));
    }
}
