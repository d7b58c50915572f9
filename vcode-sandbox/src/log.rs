//! One line per answered request, for people watching a standalone sandbox.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

use crate::state::SENT;

/// What the sandbox did with one request: its route, the answer's status and vendor code, and
/// the code it "sent", if any. `Display` is one line; the recipient is masked everywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestLog {
    /// The method and path, plus the action for Tencent (`POST / SendVerifyCode`).
    pub route: String,
    /// The HTTP status answered.
    pub status: u16,
    /// The vendor's code in the answer (`CBC.0100`, `201`, `FailedOperation...`), if any.
    pub vendor_code: Option<String>,
    /// The recipient, masked (`s***@example.com`, `86-*******0000`), when a code was sent.
    pub recipient: Option<String>,
    /// The code sent, if one was.
    pub code_sent: Option<String>,
}

impl fmt::Display for RequestLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}", self.route.escape_debug(), self.status)?;
        if let Some(code) = &self.vendor_code {
            write!(f, " {}", code.escape_debug())?;
        }
        if let (Some(recipient), Some(code)) = (&self.recipient, &self.code_sent) {
            write!(f, ": sent {code} to {}", recipient.escape_debug())?;
        }
        Ok(())
    }
}

/// What receives the log lines.
#[derive(Clone)]
pub(crate) struct Logger(pub(crate) Arc<dyn Fn(&RequestLog) + Send + Sync>);

impl fmt::Debug for Logger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Logger")
    }
}

/// Answers the request as usual, then reports it to the logger.
pub(crate) async fn log_requests(
    Shared(logger): Shared<Logger>,
    request: Request,
    next: Next,
) -> Response {
    let mut route = format!("{} {}", request.method(), request.uri().path());
    if let Some(action) = request
        .headers()
        .get("x-tc-action")
        .and_then(|v| v.to_str().ok())
    {
        route.push(' ');
        route.push_str(action);
    }
    let (response, sent) = SENT
        .scope(RefCell::new(None), async {
            let response = next.run(request).await;
            (response, SENT.with(|sent| sent.borrow_mut().take()))
        })
        .await;
    let (parts, body) = response.into_parts();
    // Every simulated answer is small; anything that cannot be read is logged without a code.
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let line = RequestLog {
        route,
        status: parts.status.as_u16(),
        vendor_code: vendor_code(&bytes),
        recipient: sent.as_ref().map(|m| mask(&m.recipient)),
        code_sent: sent.map(|m| m.code),
    };
    (logger.0)(&line);
    Response::from_parts(parts, Body::from(bytes))
}

/// The code field of any of the four vendors' answers.
fn vendor_code(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let code = value
        .get("error_code")
        .or_else(|| value.get("retCode"))
        .or_else(|| value.get("returnCode"))
        .or_else(|| value.pointer("/Response/Error/Code"))?;
    code.as_str().map(str::to_owned)
}

/// A header value as one bounded line (it is echoed back by `/_sandbox/requests`).
pub(crate) fn one_line(value: &str) -> String {
    value
        .chars()
        .take(64)
        .flat_map(char::escape_debug)
        .collect()
}

/// Keeps the first character of an email's local part and its domain, or the last four
/// characters of a number.
fn mask(recipient: &str) -> String {
    if let Some((local, domain)) = recipient.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = recipient.chars().collect();
    let keep = chars.len().min(4);
    let hidden = chars.len() - keep;
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < hidden && c.is_ascii_digit() {
                '*'
            } else {
                *c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_at_most_four_digits_and_the_domain() {
        assert_eq!(mask("someone@example.com"), "s***@example.com");
        assert_eq!(mask("86-13800000000"), "**-*******0000");
        assert_eq!(mask("852-18888888"), "***-****8888");
    }

    #[test]
    fn vendor_codes_of_every_envelope() {
        assert_eq!(
            vendor_code(br#"{"error_code":"CBC.0100"}"#).as_deref(),
            Some("CBC.0100")
        );
        assert_eq!(vendor_code(br#"{"retCode":"201"}"#).as_deref(), Some("201"));
        assert_eq!(
            vendor_code(br#"{"Response":{"Error":{"Code":"X.Y"}}}"#).as_deref(),
            Some("X.Y")
        );
        assert_eq!(vendor_code(b""), None);
    }
}
