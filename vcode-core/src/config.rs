//! Client configuration shared by every vendor client.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use url::Url;

use crate::retry::RetryPolicy;

/// The source of the current time used to sign requests. Inject one to test signing at a fixed
/// time or to simulate a skewed clock.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A configuration that cannot make a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    detail: String,
}

impl BuildError {
    /// A build error with this description.
    pub fn new(detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid client configuration: {}",
            crate::mask::one_line(&self.detail, 512)
        )
    }
}

impl std::error::Error for BuildError {}

/// Settings every client shares; [`ClientBuilder`](vcode_core::ClientBuilder) sets them.
#[derive(Clone)]
pub struct ClientConfig {
    pub(crate) endpoint: Option<String>,
    pub(crate) allow_insecure_http: bool,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) total_timeout: Duration,
    pub(crate) http_client: Option<reqwest::Client>,
    pub(crate) retry: RetryPolicy,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) max_response_bytes: usize,
    pub(crate) default_headers: Vec<(http::HeaderName, http::HeaderValue)>,
    pub(crate) rate_limit_per_second: Option<u32>,
    pub(crate) credentials_refresh_window: Option<Duration>,
    pub(crate) metadata_credentials: bool,
    pub(crate) user_agent_suffix: Option<String>,
    pub(crate) guard: Option<crate::guard::SendGuard>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            endpoint: None,
            allow_insecure_http: false,
            connect_timeout: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(60),
            http_client: None,
            retry: RetryPolicy::standard(),
            clock: Arc::new(SystemClock),
            max_response_bytes: 1024 * 1024,
            default_headers: Vec::new(),
            rate_limit_per_second: None,
            credentials_refresh_window: None,
            metadata_credentials: true,
            user_agent_suffix: None,
            guard: None,
        }
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("custom_http_client", &self.http_client.is_some())
            .field("metadata_credentials", &self.metadata_credentials)
            .field("retry", &self.retry)
            .field("clock", &self.clock)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("default_headers", &self.default_headers)
            .field("rate_limit_per_second", &self.rate_limit_per_second)
            .field(
                "credentials_refresh_window",
                &self.credentials_refresh_window,
            )
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("guard", &self.guard)
            .finish()
    }
}

impl ClientConfig {
    /// Sets a custom endpoint (`https://…`, or `http://` on a loopback address).
    pub fn set_endpoint(&mut self, endpoint: impl Into<String>) {
        self.endpoint = Some(endpoint.into());
    }

    /// Whether a custom endpoint was set.
    pub fn has_endpoint(&self) -> bool {
        self.endpoint.is_some()
    }

    /// Allows plain `http://` to hosts other than loopback. Credentials and personal data then
    /// cross the network unencrypted: only for trusted test networks.
    pub fn set_allow_insecure_http(&mut self, allow: bool) {
        self.allow_insecure_http = allow;
    }

    /// Time allowed to establish a connection (default 5 s). Failing to connect means nothing
    /// was sent.
    pub fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = timeout;
    }

    /// Time allowed for one attempt, from sending to the last byte of the response
    /// (default 30 s). When it fires the request may have been sent.
    pub fn set_attempt_timeout(&mut self, timeout: Duration) {
        self.attempt_timeout = timeout;
    }

    /// Time allowed for the whole operation, retries and their waits included (default 60 s).
    pub fn set_total_timeout(&mut self, timeout: Duration) {
        self.total_timeout = timeout;
    }

    /// Sends every call through the caller's `reqwest::Client` (proxies, custom TLS roots). The
    /// connect timeout is then the client's own; redirects should be disabled on it, since
    /// following a redirect of a POST could send a second code.
    ///
    /// Without one, the client builds its own reqwest client: the connect timeout, no
    /// redirects, the TLS backend of the crate's features, and the proxies the environment (and
    /// on macOS and Windows the system) names, as reqwest applies them. A proxy variable that
    /// is set but cannot be used is then a build error, not a silent direct connection.
    pub fn set_http_client(&mut self, client: reqwest::Client) {
        self.http_client = Some(client);
    }

    /// The retry policy (default [`RetryPolicy::standard`]).
    pub fn set_retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = policy;
    }

    /// The clock used to sign requests (default the system clock).
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// Largest response body read (default 1 MiB); a larger one is an error.
    pub fn set_max_response_bytes(&mut self, limit: usize) {
        self.max_response_bytes = limit;
    }

    /// Adds a header sent with every request of the client (vendor crates use this for
    /// client-level options such as a region or language header).
    pub fn add_default_header(&mut self, name: http::HeaderName, value: http::HeaderValue) {
        self.default_headers.push((name, value));
    }

    /// Spaces requests so the client sends at most `per_second` of them each second (off by
    /// default). Retries count too.
    pub fn set_rate_limit(&mut self, per_second: Option<u32>) {
        self.rate_limit_per_second = per_second.filter(|rate| *rate > 0);
    }

    /// How long before they expire credentials are refreshed (default: the family's, which
    /// follows its vendor's SDKs).
    pub fn set_credentials_refresh_window(&mut self, window: Duration) {
        self.credentials_refresh_window = Some(window);
    }

    /// Whether a family's default credentials chain ends with its cloud's instance metadata
    /// service (default `true`, as the official SDKs' chains do). `false` leaves it out, so a
    /// machine that is not a cloud instance never asks `169.254.169.254`; the
    /// `VCODE_METADATA_DISABLED` variable switches it off for the whole process.
    pub fn set_metadata_credentials(&mut self, enabled: bool) {
        self.metadata_credentials = enabled;
    }

    /// Whether the default chains ask the metadata services (see
    /// [`set_metadata_credentials`](Self::set_metadata_credentials)).
    pub fn metadata_credentials(&self) -> bool {
        self.metadata_credentials
    }

    /// The refresh window set with
    /// [`set_credentials_refresh_window`](Self::set_credentials_refresh_window), if any.
    pub fn credentials_refresh_window(&self) -> Option<Duration> {
        self.credentials_refresh_window
    }

    /// Text appended to the user agent (`<crate>/0.1.0 my-app/2.3`), such as an
    /// application's name and version. Checked when the client is built.
    pub fn set_user_agent_suffix(&mut self, suffix: impl Into<String>) {
        self.user_agent_suffix = Some(suffix.into());
    }

    /// Checks every guarded send (codes, account creation) against the vendors' limits
    /// before it goes out, in a store shared by every process that uses it (see
    /// [`guard`](vcode_core::guard)). Off by default.
    pub fn set_send_guard(&mut self, guard: crate::guard::SendGuard) {
        self.guard = Some(guard);
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Parses and checks the endpoint, falling back to `default` when none was set.
    ///
    /// # Errors
    /// No endpoint and no default, a malformed URL, a scheme other than https (or http on
    /// loopback), credentials, a query or a fragment in the URL.
    pub fn resolve_endpoint(&self, default: Option<&str>) -> Result<Url, BuildError> {
        let raw = self
            .endpoint
            .as_deref()
            .or(default)
            .ok_or_else(|| BuildError::new("an endpoint is required"))?;
        self.check_endpoint(raw)
    }

    /// Parses any URL the client will send to (the vendor's endpoint, the IAM endpoint) under
    /// the same rules: https, or http on loopback unless insecure http is allowed; no
    /// credentials, query or fragment.
    ///
    /// # Errors
    /// The URL breaks one of those rules.
    pub fn check_endpoint(&self, raw: &str) -> Result<Url, BuildError> {
        // URL parsing silently drops tabs and line breaks, which would send to another host
        // than the one the caller wrote.
        if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(BuildError::new(format!(
                "endpoint `{}` holds whitespace or control characters",
                crate::mask::truncate(raw)
            )));
        }
        let shown = crate::mask::truncate(raw);
        if !raw.contains("://") {
            return Err(BuildError::new(format!(
                "endpoint `{shown}` has no scheme: write `https://{shown}` (or `http://{shown}` for a loopback address)"
            )));
        }
        let url = Url::parse(raw)
            .map_err(|e| BuildError::new(format!("endpoint `{shown}` is not a URL: {e}")))?;
        let Some(host) = url.host_str() else {
            return Err(BuildError::new(format!("endpoint `{shown}` has no host")));
        };
        match url.scheme() {
            "https" => {
                let tls_compiled = cfg!(any(feature = "rustls", feature = "native-tls"));
                if let Some(e) = missing_tls(&shown, tls_compiled, self.http_client.is_some()) {
                    return Err(e);
                }
            }
            "http" if self.allow_insecure_http || is_loopback(host) => {}
            "http" => {
                return Err(BuildError::new(format!(
                    "endpoint `{shown}` uses plain http to a non-loopback host; use https, or on a trusted test network allow it with allow_insecure_http"
                )));
            }
            other => {
                return Err(BuildError::new(format!(
                    "endpoint scheme `{}` is not supported",
                    crate::mask::truncate(other)
                )));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(BuildError::new("endpoint must not carry credentials"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(BuildError::new(
                "endpoint must not carry a query or fragment",
            ));
        }
        Ok(url)
    }
}

/// `https` needs a TLS backend: one compiled in, or the caller's own HTTP client.
fn missing_tls(shown: &str, tls_compiled: bool, custom_client: bool) -> Option<BuildError> {
    (!tls_compiled && !custom_client).then(|| {
        BuildError::new(format!(
            "endpoint `{shown}` uses https, but this build has no TLS backend: enable the `rustls` (default) or `native-tls` feature, or give http_client() a reqwest client with TLS"
        ))
    })
}

impl ClientConfig {
    /// Whether an endpoint was set and names a loopback host (a sandbox or test server): a
    /// family can then refuse to reach a public identity service on the caller's behalf.
    pub fn sends_to_loopback(&self) -> bool {
        self.endpoint
            .as_deref()
            .and_then(|raw| Url::parse(raw).ok())
            .is_some_and(|url| url.host_str().is_some_and(is_loopback))
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17, defect 8: without a TLS backend, an https endpoint was accepted and every
    /// send failed after three attempts with "scheme is not http" four levels down.
    #[test]
    fn https_without_a_tls_backend_is_refused_at_build_time() {
        let refused = missing_tls("https://x.example", false, false).expect("refused");
        assert!(refused.to_string().contains("`rustls`"), "{refused}");
        assert!(refused.to_string().contains("`native-tls`"), "{refused}");
        assert!(missing_tls("https://x.example", true, false).is_none());
        assert!(missing_tls("https://x.example", false, true).is_none());
    }

    /// The same through the real configuration, in a build without TLS features
    /// (`cargo test -p vcode-core --no-default-features --lib`, run by `.ci/run`).
    #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
    #[test]
    fn this_build_refuses_https_unless_given_a_client() {
        let config = ClientConfig::default();
        let refused = config
            .check_endpoint("https://api.example.com")
            .expect_err("no TLS");
        assert!(refused.to_string().contains("no TLS backend"), "{refused}");
        assert!(config.check_endpoint("http://127.0.0.1:8080").is_ok());
    }
}
