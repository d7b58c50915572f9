//! The answer shape both trial operations share: HTTP 200 with a result code and message
//! (`retCode`/`retMsg`, or `returnCode`/`returnMsg`), or a documented error status.

use serde_json::{Map, Value};
use vcode_core::service::{Failure, HttpResponse};
use vcode_core::{ResponseError, ServiceError, ServiceErrorKind};

/// An operation's error: its result codes and the documented statuses.
pub(crate) trait RetError: ServiceErrorKind + Sized {
    /// A result code other than success.
    fn from_ret_code(code: &str) -> Self;
    /// A documented non-200 status.
    fn from_http_status(status: u16) -> Option<Self>;
    /// The code as reported.
    fn code(&self) -> &str;
}

/// A string or number field of a JSON object, as text.
fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Decodes the answer: the first of `keys` (code key, message key) present names the result;
/// `success` is the success code. Answers the message.
pub(crate) fn decode<E: RetError>(
    response: &HttpResponse,
    keys: &[(&str, &str)],
    success: &str,
) -> Result<String, Failure<E>> {
    let object: Option<Map<String, Value>> = serde_json::from_slice(response.body()).ok();
    let message_of = |object: &Map<String, Value>| {
        keys.iter()
            .find_map(|(_, message)| text(object, message))
            .unwrap_or_default()
    };
    if response.status() != 200 {
        let Some(kind) = E::from_http_status(response.status()) else {
            return Err(Failure::Response(ResponseError::malformed(
                response,
                "HTTP 200 or a documented error status",
            )));
        };
        let message = object
            .as_ref()
            .map(message_of)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| response.snippet());
        let code = kind.code().to_owned();
        return Err(Failure::Service(ServiceError::new(kind, code, message)));
    }
    let Some((code, message)) = object.as_ref().and_then(|o| {
        let code = keys.iter().find_map(|(code, _)| text(o, code))?;
        Some((code, message_of(o)))
    }) else {
        let (code, message) = keys[0];
        return Err(Failure::Response(ResponseError::malformed(
            response,
            format!(r#"{{"{code}": ..., "{message}": ...}}"#),
        )));
    };
    if code == success {
        return Ok(message);
    }
    // Codes are printed in errors: one bounded line, whatever the vendor sent.
    let code = vcode_core::mask::truncate(&code);
    Err(Failure::Service(ServiceError::new(
        E::from_ret_code(&code),
        code,
        message,
    )))
}
