//! `vcode sandbox`: run the sandbox in the foreground, or read a running one's outbox or
//! accounts.

use serde_json::Value;

use crate::report::{self, Exit};

/// Serves until Ctrl-C, printing the banner and one line per request.
pub(crate) async fn serve(port: u16) -> Exit {
    match vcode_sandbox::serve_until_ctrl_c(port).await {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            Exit::Usage
        }
    }
}

/// A list a running sandbox keeps.
#[derive(Clone, Copy, Debug)]
pub(crate) enum View {
    /// Every code sent: `vendor recipient code` per line.
    Outbox,
    /// Every account created: `vendor id name` per line.
    Accounts,
}

impl View {
    fn path(self) -> &'static str {
        match self {
            Self::Outbox => "outbox",
            Self::Accounts => "accounts",
        }
    }

    fn fields(self) -> [&'static str; 3] {
        match self {
            Self::Outbox => ["vendor", "recipient", "code"],
            Self::Accounts => ["vendor", "id", "name"],
        }
    }
}

/// Prints a running sandbox's outbox or accounts, one line each.
pub(crate) async fn show(endpoint: &str, format: report::Format, view: View) -> Exit {
    let url = match url::Url::parse(endpoint) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        _ => {
            return report::usage(
                format,
                &format!(
                    "--endpoint `{}` is not the sandbox's http:// URL",
                    endpoint.escape_debug()
                ),
            );
        }
    };
    let url = format!(
        "{}/_sandbox/{}",
        url.as_str().trim_end_matches('/'),
        view.path()
    );
    let messages: Value = match fetch(&url).await {
        Ok(messages) => messages,
        Err(e) => {
            return report::unreachable(
                format,
                format!("cannot read the {} at {url}: {e}", view.path()),
            );
        }
    };
    match format {
        report::Format::Json => {
            crate::out::print_line(format_args!("{messages}"));
            return Exit::Success;
        }
        report::Format::Table => {
            let items = messages.as_array().map(Vec::as_slice).unwrap_or_default();
            crate::out::print_bytes(report::list_table(items).as_bytes());
            return Exit::Success;
        }
        report::Format::Text => {}
    }
    for message in messages.as_array().into_iter().flatten() {
        let field = |name: &str| {
            message[name]
                .as_str()
                .unwrap_or("-")
                .escape_debug()
                .to_string()
        };
        let [a, b, c] = view.fields();
        crate::out::print_line(format_args!("{} {} {}", field(a), field(b), field(c)));
    }
    Exit::Success
}

async fn fetch(url: &str) -> Result<Value, String> {
    let response = reqwest::get(url).await.map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("http {}", response.status().as_u16()));
    }
    response.json().await.map_err(|e| e.to_string())
}
