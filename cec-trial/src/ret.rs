//! The answer shape both trial operations share: HTTP 200 with a result code and message
//! (`retCode`/`retMsg`, or `returnCode`/`returnMsg`), or a documented error status.

use serde::Deserialize;
use serde_json::Value;
use vcode_core::service::{Failure, HttpResponse};
use vcode_core::{ResponseError, ServiceError, ServiceErrorKind, VendorCode};

/// The error of a result code other than success (a body never holds the `HTTP <status>`
/// codes the documented statuses are tabled under).
fn from_ret_code<E: VendorCode>(code: &str) -> E {
    if code.starts_with("HTTP ") {
        E::undocumented(code)
    } else {
        E::from_code(code)
    }
}

/// The error of a documented non-200 status, tabled as `HTTP <status>`.
fn from_http_status<E: VendorCode>(status: u16) -> Option<E> {
    let code = format!("HTTP {status}");
    E::DOCUMENTED
        .iter()
        .find(|(documented, _, _)| *documented == code)
        .map(|(_, error, _)| error.clone())
}

/// A result code or message as text: a string, or a number's digits. Another JSON type is not
/// one.
fn text(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Both spellings of the answer's fields (absent or `null` is `None`); other fields are
/// ignored.
#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "retCode")]
    ret_code: Option<Value>,
    #[serde(rename = "retMsg")]
    ret_msg: Option<Value>,
    #[serde(rename = "returnCode")]
    return_code: Option<Value>,
    #[serde(rename = "returnMsg")]
    return_msg: Option<Value>,
}

impl Answer {
    /// The field `key` names, as text.
    fn take(&mut self, key: &str) -> Option<String> {
        let field = match key {
            "retCode" => &mut self.ret_code,
            "retMsg" => &mut self.ret_msg,
            "returnCode" => &mut self.return_code,
            "returnMsg" => &mut self.return_msg,
            _ => return None,
        };
        field.take().and_then(text)
    }
}

/// Decodes the answer: the first of `keys` (code key, message key) present names the result;
/// `success` is the success code. Answers the message.
pub(crate) fn decode<E: VendorCode + ServiceErrorKind>(
    response: &HttpResponse,
    keys: &[(&str, &str)],
    success: &str,
) -> Result<String, Failure<E>> {
    // A JSON object only: a derived struct would also read an array.
    let mut object: Option<Answer> = response
        .body()
        .trim_ascii_start()
        .starts_with(b"{")
        .then(|| serde_json::from_slice(response.body()).ok())
        .flatten();
    let message_of = |answer: &mut Answer| {
        keys.iter()
            .find_map(|(_, message)| answer.take(message))
            .unwrap_or_default()
    };
    if response.status() != 200 {
        let Some(kind) = from_http_status::<E>(response.status()) else {
            return Err(Failure::Response(ResponseError::malformed(
                response,
                "HTTP 200 or a documented error status",
            )));
        };
        let message = object
            .as_mut()
            .map(message_of)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| response.snippet());
        let code = kind.code().to_owned();
        return Err(Failure::Service(ServiceError::new(kind, code, message)));
    }
    let Some((code, message)) = object.as_mut().and_then(|o| {
        let code = keys.iter().find_map(|(code, _)| o.take(code))?;
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
        from_ret_code::<E>(&code),
        code,
        message,
    )))
}

#[cfg(test)]
mod tests {
    use vcode_core::http::HeaderMap;

    use super::*;
    use crate::GenerateVerifyCodeError;

    /// The message on success; else `code <code>` for the vendor's error, or `unreadable`.
    fn outcome(body: &str) -> Result<String, String> {
        let response = HttpResponse::new(200, HeaderMap::new(), body.to_owned());
        decode::<GenerateVerifyCodeError>(&response, &[("retCode", "retMsg")], "200").map_err(
            |failure| match failure {
                Failure::Service(error) => format!("code {}", error.code()),
                Failure::Response(_) => "unreadable".to_owned(),
            },
        )
    }

    #[test]
    fn codes_and_messages_are_strings_or_numbers_and_nothing_else() {
        let ok = |message: &str| Ok(message.to_owned());
        let err = |text: &str| Err(text.to_owned());
        for (body, expected) in [
            (r#"{"retCode":"200","retMsg":"ok"}"#, ok("ok")),
            (r#"{"retCode":200,"retMsg":7}"#, ok("7")),
            (r#"{"retCode":-1,"retMsg":"x"}"#, err("code -1")),
            (r#"{"retCode":2e2,"retMsg":"x"}"#, err("code 200.0")),
            // A message that is absent, null or not text is empty.
            (r#"{"retCode":"200"}"#, ok("")),
            (r#"{"retCode":"200","retMsg":null}"#, ok("")),
            (r#"{"retCode":"200","retMsg":false}"#, ok("")),
            (r#"{"retCode":"200","retMsg":[1,{"a":true}]}"#, ok("")),
            // A code that is absent, null or not text is no answer at all.
            (r#"{"retMsg":"x"}"#, err("unreadable")),
            (r#"{"retCode":null,"retMsg":"x"}"#, err("unreadable")),
            (r#"{"retCode":true,"retMsg":"x"}"#, err("unreadable")),
            (r#"{"retCode":{"v":"200"},"retMsg":"x"}"#, err("unreadable")),
            // A field given twice, or a value JSON cannot hold, makes the body unreadable.
            (r#"{"retCode":"200","retCode":"200"}"#, err("unreadable")),
            (r#"{"retCode":"200","retMsg":[1e400]}"#, err("unreadable")),
            // Other fields are skipped, whatever they hold.
            (
                r#"{"retCode":"200","retMsg":"ok","x":[{"y":null}]}"#,
                ok("ok"),
            ),
        ] {
            assert_eq!(outcome(body), expected, "{body}");
        }
    }
}
