//! `vcode sign`: the headers that sign a request, from credentials in the environment.
//!
//! Session tokens are never printed: the token header is shown with a placeholder naming the
//! variable it comes from, since the caller already has it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};
use vcode_core::credentials::{
    HuaweiCredentials, HuaweiEnvProvider, ProvideCredentials, TencentEnvProvider,
};
use vcode_signing::{SignableBody, SignableRequest, SigningOutput};

use crate::args::{SignCommand, SignInput};
use crate::report::Exit;

fn fail(message: impl std::fmt::Display) -> Exit {
    eprintln!("error: {message}");
    Exit::Usage
}

pub(crate) fn run(command: SignCommand) -> Exit {
    match sign(command) {
        Ok(()) => Exit::Success,
        Err(exit) => exit,
    }
}

fn sign(command: SignCommand) -> Result<(), Exit> {
    match command {
        SignCommand::Huawei { method, input } => {
            let Some(HuaweiCredentials::AkSk(credentials)) =
                HuaweiEnvProvider::new().provide().map_err(fail)?
            else {
                return Err(fail("set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"));
            };
            let target = Target::parse(&input.url, true)?;
            let body = body(&input)?;
            let headers = headers(&input.headers, target.host.as_deref(), None)?;
            let request =
                SignableRequest::new(&method, &target.path_and_query, SignableBody::Bytes(&body))
                    .headers(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let time = parse_time(input.time.as_deref(), true)?;
            let output = credentials.signer().sign(&request, time).map_err(fail)?;
            print(
                &output,
                input.explain,
                "X-Security-Token",
                "the value of HUAWEICLOUD_SDK_SECURITY_TOKEN",
            );
        }
        SignCommand::Tencent {
            service,
            content_type,
            input,
        } => {
            let credentials = TencentEnvProvider::new()
                .provide()
                .map_err(fail)?
                .ok_or_else(|| fail("set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY"))?;
            let target = Target::parse(&input.url, false)?;
            let host = target.host.clone().unwrap_or_default();
            let service = service
                .or_else(|| host.split('.').next().map(str::to_owned))
                .filter(|s| !s.is_empty())
                .ok_or_else(|| fail("cannot tell the service from the host: pass --service"))?;
            let body = body(&input)?;
            let headers = headers(&input.headers, Some(&host), Some(&content_type))?;
            let request =
                SignableRequest::new("POST", &target.path_and_query, SignableBody::Bytes(&body))
                    .headers(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let time = parse_time(input.time.as_deref(), false)?;
            let output = credentials
                .signer(&service)
                .sign(&request, time)
                .map_err(fail)?;
            print(&output, input.explain, "X-TC-Token", "your session token");
        }
    }
    Ok(())
}

fn print(output: &SigningOutput, explain: bool, token_header: &str, token_source: &str) {
    for header in output.headers() {
        if header.name() == token_header {
            println!("{}: <{token_source}>", header.name());
        } else {
            println!("{}: {}", header.name(), header.value());
        }
    }
    if explain {
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
    fn parse(raw: &str, allow_path_only: bool) -> Result<Self, Exit> {
        if raw.starts_with('/') {
            if !allow_path_only {
                return Err(fail("--url must be absolute (TC3 signs the host)"));
            }
            return Ok(Self {
                host: None,
                path_and_query: raw.to_owned(),
            });
        }
        let url = url::Url::parse(raw).map_err(|e| fail(format!("--url `{raw}`: {e}")))?;
        let host = url
            .host_str()
            .ok_or_else(|| fail(format!("--url `{raw}` has no host")))?;
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

fn body(input: &SignInput) -> Result<Vec<u8>, Exit> {
    match (&input.data, &input.data_file) {
        (Some(data), _) => Ok(data.clone().into_bytes()),
        (None, Some(path)) => {
            std::fs::read(path).map_err(|e| fail(format!("--data-file {}: {e}", path.display())))
        }
        (None, None) => Ok(Vec::new()),
    }
}

/// `-H` headers, plus `Host` (and for TC3 `Content-Type`) unless given.
fn headers(
    raw: &[String],
    host: Option<&str>,
    content_type: Option<&str>,
) -> Result<Vec<(String, String)>, Exit> {
    let mut headers = Vec::with_capacity(raw.len() + 2);
    for header in raw {
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| fail(format!("-H `{header}` is not 'Name: value'")))?;
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
fn parse_time(raw: Option<&str>, huawei: bool) -> Result<SystemTime, Exit> {
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
        .ok_or_else(|| fail(format!("--time `{raw}` is not {formats}")))
}
