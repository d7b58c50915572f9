//! URL helpers: how an operation's path joins an endpoint, and what `Host` is sent.

use std::borrow::Cow;

use url::Url;

/// The path and query of a URL, as the request line carries them.
pub fn path_and_query(url: &Url) -> Cow<'_, str> {
    match url.query() {
        Some(q) => Cow::Owned(format!("{}?{q}", url.path())),
        None => Cow::Borrowed(url.path()),
    }
}

/// `host[:port]` exactly as the HTTP client sends it: the port only when not the default.
pub fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// Appends an operation path to the endpoint's own path (an endpoint may carry a prefix).
pub fn join_path(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url
}
