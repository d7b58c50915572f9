//! `vcode sandbox`: run the sandbox in the foreground, or read a running one's outbox.

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

/// Prints every code a running sandbox has sent: `vendor recipient code`, one per line.
pub(crate) async fn outbox(endpoint: &str, json: bool) -> Exit {
    let url = match url::Url::parse(endpoint) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        _ => {
            return report::usage(
                json,
                &format!(
                    "--endpoint `{}` is not the sandbox's http:// URL",
                    endpoint.escape_debug()
                ),
            );
        }
    };
    let url = format!("{}/_sandbox/outbox", url.as_str().trim_end_matches('/'));
    let messages: Value = match fetch(&url).await {
        Ok(messages) => messages,
        Err(e) => {
            eprintln!("error: cannot read the outbox at {url}: {e}");
            return Exit::Transport;
        }
    };
    if json {
        println!("{messages}");
        return Exit::Success;
    }
    for message in messages.as_array().into_iter().flatten() {
        let field = |name: &str| {
            message[name]
                .as_str()
                .unwrap_or("-")
                .escape_debug()
                .to_string()
        };
        println!(
            "{} {} {}",
            field("vendor"),
            field("recipient"),
            field("code")
        );
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
