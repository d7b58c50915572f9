//! The answer shape both trial operations share: HTTP 200 with a result code and message
//! (`retCode`/`retMsg`, or `returnCode`/`returnMsg`), or a documented error status.

use serde::Deserialize;
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

/// A result code or message: a string or a number on the wire, or another JSON type that is
/// not one.
#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    String(String),
    Number(serde_json::Number),
    Other(serde::de::IgnoredAny),
}

impl Text {
    fn into_string(self) -> Option<String> {
        match self {
            Self::String(s) => Some(s),
            Self::Number(n) => Some(n.to_string()),
            Self::Other(_) => None,
        }
    }
}

/// Both spellings of the answer's fields; other fields are ignored.
#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "retCode")]
    ret_code: Option<Text>,
    #[serde(rename = "retMsg")]
    ret_msg: Option<Text>,
    #[serde(rename = "returnCode")]
    return_code: Option<Text>,
    #[serde(rename = "returnMsg")]
    return_msg: Option<Text>,
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
        field.take().and_then(Text::into_string)
    }
}

/// Decodes the answer: the first of `keys` (code key, message key) present names the result;
/// `success` is the success code. Answers the message.
pub(crate) fn decode<E: RetError>(
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
        let Some(kind) = E::from_http_status(response.status()) else {
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
        E::from_ret_code(&code),
        code,
        message,
    )))
}
