//! `vcode sign`: the headers that sign a request, from the same credentials `send` uses (the
//! environment, then the profile files).
//!
//! Session tokens are never printed: the token header is shown with a placeholder naming
//! where it comes from, since the caller already has it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};
use vcode_huawei::HuaweiCredentials;
use vcode_signing::{SignableBody, SignableRequest, SigningOutput};

use crate::args::{SignCommand, SignInput};
use crate::report::{self, Exit};

/// A request signed, and how to print it.
struct Signed {
    /// Headers signed that the caller did not give and must send (Huawei's Content-Type and
    /// X-Domain-Id, as the SDK sends them).
    added: Vec<(String, String)>,
    output: SigningOutput,
    explain: bool,
    token_header: &'static str,
    token_source: &'static str,
}

pub(crate) async fn run(command: SignCommand, format: report::Format) -> Exit {
    match sign(command).await {
        Ok(signed) => {
            print(&signed, format);
            Exit::Success
        }
        Err(message) => report::usage(format, &message),
    }
}

async fn sign(command: SignCommand) -> Result<Signed, String> {
    match command {
        SignCommand::Huawei {
            method,
            only_given_headers,
            url,
            input,
        } => {
            let target = Target::parse(&url, true)?;
            let metadata = crate::metadata_for(Some(&url));
            let credentials = vcode_huawei::credentials::chain(metadata)
                .resolve()
                .await
                .map_err(|e| format!("credentials unavailable: {e}"))?;
            let HuaweiCredentials::AkSk(credentials) = credentials else {
                return Err(
                    "signing needs an AK/SK (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or the [global] profile), not an IAM token".to_owned(),
                );
            };
            let body = body(&input)?;
            // The headers the SDK sends and signs: a JSON body's Content-Type, and the
            // account's X-Domain-Id when the credentials have one.
            let content_type =
                (!body.is_empty() && !only_given_headers).then_some("application/json");
            let mut headers = headers(&input.headers, target.host.as_deref(), content_type)?;
            if let Some(domain_id) = credentials.domain_id().filter(|_| !only_given_headers)
                && !headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("x-domain-id"))
            {
                headers.push(("X-Domain-Id".to_owned(), domain_id.to_owned()));
            }
            // `headers` lists the given ones first: what follows them (but Host, which the URL
            // carries) was added here.
            let added: Vec<(String, String)> = headers[input.headers.len()..]
                .iter()
                .filter(|(k, _)| !k.eq_ignore_ascii_case("host"))
                .cloned()
                .collect();
            let request =
                SignableRequest::new(&method, &target.path_and_query, SignableBody::Bytes(&body))
                    .headers(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let time = parse_time(input.time.as_deref(), true)?;
            let output = credentials
                .signer()
                .sign(&request, time)
                .map_err(|e| e.to_string())?;
            Ok(Signed {
                added,
                output,
                explain: input.explain,
                token_header: "X-Security-Token",
                token_source: "your security token",
            })
        }
        SignCommand::Tencent {
            service,
            content_type,
            url,
            input,
        } => {
            let target = Target::parse(&url, false)?;
            let metadata = crate::metadata_for(Some(&url));
            let credentials = vcode_tencent::credentials::chain(metadata)
                .resolve()
                .await
                .map_err(|e| format!("credentials unavailable: {e}"))?;
            let host = target.host.clone().unwrap_or_default();
            let service = service
                .or_else(|| host.split('.').next().map(str::to_owned))
                .filter(|s| !s.is_empty())
                .ok_or("cannot tell the service from the host: pass --service")?;
            let body = body(&input)?;
            let headers = headers(&input.headers, Some(&host), Some(&content_type))?;
            let request =
                SignableRequest::new("POST", &target.path_and_query, SignableBody::Bytes(&body))
                    .headers(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let time = parse_time(input.time.as_deref(), false)?;
            let output = credentials
                .signer(&service)
                .sign(&request, time)
                .map_err(|e| e.to_string())?;
            Ok(Signed {
                added: Vec::new(),
                output,
                explain: input.explain,
                token_header: "X-TC-Token",
                token_source: "your session token",
            })
        }
    }
}

fn print(signed: &Signed, format: report::Format) {
    let shown = |name: &str, value: &str| {
        if name == signed.token_header {
            format!("<{}>", signed.token_source)
        } else {
            value.to_owned()
        }
    };
    let output = &signed.output;
    if format == report::Format::Json {
        let headers: Map<String, Value> = signed
            .added
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .chain(output.headers().iter().map(|h| {
                (
                    h.name().to_owned(),
                    Value::String(shown(h.name(), h.value())),
                )
            }))
            .collect();
        let mut value = json!({ "ok": true, "headers": headers });
        if signed.explain {
            value["canonical_request"] = Value::String(output.canonical_request_redacted());
            value["string_to_sign"] = Value::String(output.string_to_sign().to_owned());
        }
        crate::out::print_line(format_args!("{value}"));
        return;
    }
    for (name, value) in &signed.added {
        crate::out::print_line(format_args!("{name}: {value}"));
    }
    for header in output.headers() {
        crate::out::print_line(format_args!(
            "{}: {}",
            header.name(),
            shown(header.name(), header.value())
        ));
    }
    if signed.explain {
        eprintln!(
            "--- canonical request\n{}\n--- string to sign\n{}",
            output.canonical_request_redacted(),
            output.string_to_sign()
        );
    }
}

/// Where the request goes: `host[:port]` (as HTTP clients send it) and the path with query.
struct Target {
    host: Option<String>,
    path_and_query: String,
}

impl Target {
    fn parse(raw: &str, allow_path_only: bool) -> Result<Self, String> {
        if raw.starts_with('/') {
            if !allow_path_only {
                return Err("--url must be absolute (TC3 signs the host)".to_owned());
            }
            return Ok(Self {
                host: None,
                path_and_query: raw.to_owned(),
            });
        }
        let shown = raw.escape_debug();
        let url = url::Url::parse(raw).map_err(|e| format!("--url `{shown}`: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "--url `{shown}`: the scheme must be https or http, not `{}`",
                url.scheme().escape_debug()
            ));
        }
        let host = url
            .host_str()
            .ok_or_else(|| format!("--url `{shown}` has no host"))?;
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let path_and_query = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        Ok(Self {
            host: Some(host),
            path_and_query,
        })
    }
}

fn body(input: &SignInput) -> Result<Vec<u8>, String> {
    match (&input.data, &input.data_file) {
        (Some(data), _) => Ok(data.clone().into_bytes()),
        (None, Some(path)) => {
            std::fs::read(path).map_err(|e| format!("--data-file {}: {e}", path.display()))
        }
        (None, None) => Ok(Vec::new()),
    }
}

/// `-H` headers, plus `Host` (and for TC3 `Content-Type`) unless given.
fn headers(
    raw: &[String],
    host: Option<&str>,
    content_type: Option<&str>,
) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::with_capacity(raw.len() + 2);
    for header in raw {
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| format!("-H `{}` is not 'Name: value'", header.escape_debug()))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    };
    if let Some(host) = host
        && !has(&headers, "host")
    {
        headers.push(("Host".to_owned(), host.to_owned()));
    }
    if let Some(content_type) = content_type
        && !has(&headers, "content-type")
    {
        headers.push(("Content-Type".to_owned(), content_type.to_owned()));
    }
    Ok(headers)
}

/// Unix seconds, RFC 3339, or (Huawei) `YYYYMMDDTHHMMSSZ`; now when absent.
fn parse_time(raw: Option<&str>, huawei: bool) -> Result<SystemTime, String> {
    let Some(raw) = raw else {
        return Ok(SystemTime::now());
    };
    let unix = if let Ok(secs) = raw.parse::<u64>() {
        i64::try_from(secs).ok()
    } else if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        Some(t.unix_timestamp())
    } else if huawei {
        PrimitiveDateTime::parse(
            raw,
            format_description!("[year][month][day]T[hour][minute][second]Z"),
        )
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
    } else {
        None
    };
    let formats = if huawei {
        "unix seconds, RFC 3339 or YYYYMMDDTHHMMSSZ"
    } else {
        "unix seconds or RFC 3339"
    };
    unix.and_then(|secs| u64::try_from(secs).ok())
        .map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
        .ok_or_else(|| format!("--time `{}` is not {formats}", raw.escape_debug()))
}
