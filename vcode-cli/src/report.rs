//! What `vcode` prints, and its exit codes: one line for people (`--output text`, the
//! default), aligned columns (`--output table`), or one JSON object (`--output json`, `--json`).

use std::time::Duration;

use serde_json::{Value, json};

pub(crate) use crate::args::OutputFormat as Format;
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

pub(crate) fn error(format: Format, view: &ErrorView) -> Exit {
    match format {
        Format::Json => {
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
        }
        Format::Table => {
            let mut rows = vec![
                vec!["error".to_owned(), view.kind.to_owned()],
                vec!["message".to_owned(), view.message.clone()],
            ];
            let optional = [
                ("code", view.code.clone()),
                ("request id", view.request_id.clone()),
                ("http status", view.http_status.map(|s| s.to_string())),
                (
                    "retry after",
                    view.retry_after.map(|d| format!("{} s", d.as_secs())),
                ),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    rows.push(vec![name.to_owned(), value]);
                }
            }
            rows.push(vec!["send state".to_owned(), view.send_state.to_string()]);
            eprint!("{}", table(&rows));
        }
        Format::Text => {
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
    }
    view.exit()
}

pub(crate) fn usage(format: Format, message: &str) -> Exit {
    error(format, &ErrorView::local("usage", message.to_owned()))
}

/// A failure to reach a service the command needs (the sandbox's views).
pub(crate) fn unreachable(format: Format, message: String) -> Exit {
    error(format, &ErrorView::local("dispatch", message))
}

/// What a success shows: named values (`request_id`, `domain_id`, ...), in order.
pub(crate) type Fields = Vec<(&'static str, Value)>;

pub(crate) fn success(format: Format, vendor: &str, operation: &str, fields: Fields) -> Exit {
    match format {
        Format::Json => {
            let mut value = json!({ "ok": true, "vendor": vendor, "operation": operation });
            for (key, field) in fields {
                value[key] = field;
            }
            crate::out::print_line(format_args!("{value}"));
        }
        Format::Table => {
            let mut rows = vec![vec!["operation".to_owned(), operation.to_owned()]];
            let mut lists = Vec::new();
            for (key, value) in &fields {
                match value {
                    Value::Null => {}
                    Value::Array(items) => lists.push((*key, items)),
                    other => rows.push(vec![key.replace('_', " "), cell(other)]),
                }
            }
            let mut shown = table(&rows);
            for (key, items) in lists {
                shown.push_str(&format!("\n{} ({})\n", key.replace('_', " "), items.len()));
                shown.push_str(&list_table(items));
            }
            crate::out::print_bytes(shown.as_bytes());
        }
        Format::Text => {
            let mut lists = Vec::new();
            let shown: Vec<String> = fields
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(key, value)| {
                    if let Value::Array(items) = value {
                        lists.push(items);
                        return format!("{} {}", key.replace('_', " "), items.len());
                    }
                    let text = cell(value);
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
            // Each item of a list on a line of its own: `name value, name value`.
            for item in lists.into_iter().flatten() {
                let line = match item {
                    Value::Object(map) => map
                        .iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| format!("{k} {}", cell(v)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => cell(other),
                };
                crate::out::print_line(format_args!("  {line}"));
            }
        }
    }
    Exit::Success
}

/// A value as a cell: text as it is (control and bidirectional formatting characters escaped,
/// nothing cut), anything else as JSON, `-` for nothing.
pub(crate) fn cell(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(s) => s
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> =
                    if vcode_core::validate::is_plain_text(c.encode_utf8(&mut [0; 4])) {
                        vec![c]
                    } else {
                        c.escape_default().collect()
                    };
                escaped
            })
            .collect(),
        other => other.to_string(),
    }
}

/// `rows` in aligned columns (the widths of their widest cells), two spaces apart.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c + 1 == row.len() {
                    cell.clone()
                } else {
                    format!("{cell:<width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A list of objects as a table: one column per key (in the order of first appearance), one
/// row per item, a header row of the keys.
pub(crate) fn list_table(items: &[Value]) -> String {
    let mut keys: Vec<&str> = Vec::new();
    for item in items {
        if let Value::Object(map) = item {
            for key in map.keys() {
                if !keys.contains(&key.as_str()) {
                    keys.push(key);
                }
            }
        }
    }
    if keys.is_empty() {
        let rows: Vec<Vec<String>> = items.iter().map(|v| vec![cell(v)]).collect();
        return table(&rows);
    }
    let mut rows = vec![keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>()];
    for item in items {
        rows.push(keys.iter().map(|k| cell(&item[*k])).collect());
    }
    table(&rows)
}

pub(crate) fn dry_run(format: Format, prepared: &PreparedRequest) -> Exit {
    if format == Format::Json {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Vendor text is shown whole, quotes and all, but no control or bidi character reaches
    /// the terminal raw.
    #[test]
    fn cells_escape_control_and_bidi_characters_only() {
        let shown = cell(&json!("customer's \"name\"\n\u{202E}evil"));
        assert_eq!(shown, "customer's \"name\"\\n\\u{202e}evil");
        assert_eq!(cell(&Value::Null), "-");
        assert_eq!(cell(&json!(12)), "12");
        assert_eq!(cell(&json!("x".repeat(100))).len(), 100, "never cut");
    }
}
