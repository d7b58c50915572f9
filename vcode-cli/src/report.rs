//! What `vcode` prints, and its exit codes: one line for people, one JSON object with `--json`.

use std::time::Duration;

use serde_json::{Value, json};
use vcode_core::validate::InvalidInput;
use vcode_core::{
    CredentialsError, ErrorReport, PreparedRequest, SdkError, SendState, ServiceErrorKind,
};

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    Success = 0,
    Vendor = 1,
    Usage = 2,
    Transport = 3,
}

/// An error reduced to what is printed.
pub(crate) struct ErrorView {
    kind: &'static str,
    message: String,
    code: Option<String>,
    request_id: Option<String>,
    http_status: Option<u16>,
    send_state: SendState,
    retry_after: Option<Duration>,
}

impl ErrorView {
    pub(crate) fn from_sdk<E: ServiceErrorKind>(e: &SdkError<E>) -> Self {
        let kind = match e {
            SdkError::InvalidInput(_) => "invalid_input",
            SdkError::Credentials(_) => "credentials",
            SdkError::Construction(_) => "construction",
            SdkError::Timeout(_) => "timeout",
            SdkError::Dispatch(_) => "dispatch",
            SdkError::Response(_) => "unreadable_response",
            SdkError::Service(_) => "service",
            _ => "other",
        };
        let message = match e.service_error() {
            // The vendor's text may echo the recipient or carry control characters: mask it.
            Some(service) if !service.message().is_empty() => format!(
                "{} ({})",
                service.kind(),
                vcode_core::mask::redacted_snippet(service.message().as_bytes())
            ),
            _ => ErrorReport(e).to_string(),
        };
        Self {
            kind,
            message,
            code: e.code().map(str::to_owned),
            request_id: e.request_id().map(str::to_owned),
            http_status: e.http_status(),
            send_state: e.send_state(),
            retry_after: e.retry_after(),
        }
    }

    pub(crate) fn credentials(e: &CredentialsError) -> Self {
        Self::local("credentials", format!("credentials unavailable: {e}"))
    }

    /// Names each field by the flag the user typed (`--phone`), with the vendor's wire name
    /// after it (`PhoneNum`) for anyone reading the vendor's documentation.
    pub(crate) fn invalid(e: &InvalidInput, flags: &[(&str, &str)]) -> Self {
        let violations: Vec<String> = e
            .violations()
            .iter()
            .map(|v| {
                let flag = flags.iter().find(|(field, _)| *field == v.field());
                match flag {
                    Some((field, flag)) => {
                        let value = v
                            .shown_value()
                            .map(|shown| format!(" [{shown}]"))
                            .unwrap_or_default();
                        format!("{flag} (`{field}`) {}{value}", v.rule())
                    }
                    None => v.to_string(),
                }
            })
            .collect();
        Self::local(
            "invalid_input",
            format!("invalid input: {}", violations.join("; ")),
        )
    }

    fn local(kind: &'static str, message: String) -> Self {
        Self {
            kind,
            message,
            code: None,
            request_id: None,
            http_status: None,
            send_state: SendState::NotSent,
            retry_after: None,
        }
    }

    fn exit(&self) -> Exit {
        match self.kind {
            "service" => Exit::Vendor,
            "invalid_input" | "credentials" | "construction" | "usage" => Exit::Usage,
            _ => Exit::Transport,
        }
    }
}

pub(crate) fn error(json: bool, view: &ErrorView) -> Exit {
    if json {
        let value = json!({
            "ok": false,
            "kind": view.kind,
            "code": view.code,
            "message": view.message,
            "request_id": view.request_id,
            "http_status": view.http_status,
            "send_state": view.send_state.to_string(),
            "retry_after_secs": view.retry_after.map(|d| d.as_secs()),
        });
        crate::out::print_line(format_args!("{value}"));
    } else {
        let mut line = format!("error: {}", view.message);
        let mut details = Vec::new();
        if let Some(code) = &view.code {
            details.push(format!("code {code}"));
        }
        if let Some(id) = &view.request_id {
            details.push(format!("request id {id}"));
        }
        if !details.is_empty() {
            line.push_str(&format!(" [{}]", details.join(", ")));
        }
        if let Some(wait) = view.retry_after {
            line.push_str(&format!("; retry after {} s", wait.as_secs()));
        }
        eprintln!("{line}");
    }
    view.exit()
}

pub(crate) fn usage(json: bool, message: &str) -> Exit {
    error(json, &ErrorView::local("usage", message.to_owned()))
}

/// What a success shows: named values (`request_id`, `domain_id`, ...), in order.
pub(crate) type Fields = Vec<(&'static str, Value)>;

pub(crate) fn success(json: bool, vendor: &str, operation: &str, fields: Fields) -> Exit {
    if json {
        let mut value = json!({ "ok": true, "vendor": vendor, "operation": operation });
        for (key, field) in fields {
            value[key] = field;
        }
        crate::out::print_line(format_args!("{value}"));
    } else {
        let shown: Vec<String> = fields
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(key, value)| {
                let text = match value {
                    Value::String(s) => vcode_core::mask::truncate(s),
                    other => other.to_string(),
                };
                // The trial's message stands alone; everything else is named.
                if *key == "ret_msg" {
                    text
                } else {
                    format!("{} {text}", key.replace('_', " "))
                }
            })
            .collect();
        if shown.is_empty() {
            crate::out::print_line(format_args!("{operation}: ok"));
        } else {
            crate::out::print_line(format_args!("{operation}: ok ({})", shown.join(", ")));
        }
    }
    Exit::Success
}

pub(crate) fn dry_run(json: bool, prepared: &PreparedRequest) -> Exit {
    if json {
        let headers: serde_json::Map<String, Value> = prepared
            .redacted_headers()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
            .collect();
        let value = json!({
            "ok": true,
            "dry_run": true,
            "method": prepared.method(),
            "url": prepared.url(),
            "headers": headers,
            "body": String::from_utf8_lossy(prepared.body()),
        });
        crate::out::print_line(format_args!("{value}"));
    } else {
        crate::out::print_line(format_args!("{prepared}"));
    }
    Exit::Success
}
