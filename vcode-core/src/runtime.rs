//! One call from validated input to typed result: build the request once, then per attempt
//! sign, send, decode and decide whether another attempt is safe.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use url::Url;

use crate::auth::{Auth, AuthError, SigningContext};
use crate::config::{BuildError, ClientConfig};
use crate::endpoint::{host_header, join_path};
use crate::error::{
    DispatchError, ResponseError, ResponseErrorKind, SdkError, SendState, ServiceError,
    TimeoutError, TimeoutKind,
};
use crate::ratelimit::RateLimiter;
use crate::retry::{self, Next, Outcome, Progress, RetryPolicy, parse_retry_after};
use crate::secret::Password;
use crate::service::Operation;
use crate::transport::{AttemptFailure, HttpRequest, HttpResponse, Transport, deadline};

/// The HTTP request of an operation, built once from validated input; its body bytes are the
/// ones signed and sent on every attempt.
#[derive(Clone)]
pub struct OperationRequest {
    method: Method,
    path: &'static str,
    query: Vec<(&'static str, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
    /// The secrets in the body: shown as `[REDACTED]` by dry runs, and scrubbed from anything
    /// the vendor echoes back.
    secrets: Vec<Password>,
}

impl fmt::Debug for OperationRequest {
    // The body and query hold personal data: show their sizes only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OperationRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query_params", &self.query.len())
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Bytes wiped when the last reference to them is dropped (a body holding a password).
struct Wiped(Vec<u8>);

impl AsRef<[u8]> for Wiped {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Wiped {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// `Content-Type: application/json`, with room for the headers operations add (an action and
/// a version; up to three optional ones).
fn json_content_type() -> Vec<(HeaderName, HeaderValue)> {
    const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
    let mut headers = Vec::with_capacity(4);
    headers.push((http::header::CONTENT_TYPE, APPLICATION_JSON));
    headers
}

impl OperationRequest {
    /// A `POST` of a JSON body to `path` (relative to the endpoint).
    pub fn post_json(path: &'static str, body: Vec<u8>) -> Self {
        Self {
            method: Method::POST,
            path,
            query: Vec::new(),
            headers: json_content_type(),
            body: Bytes::from(body),
            secrets: Vec::new(),
        }
    }

    /// A `POST` of a JSON body that holds `secrets` (passwords): the bytes are wiped from
    /// memory once the request is done with, a dry run shows each secret as `[REDACTED]` (the
    /// same JSON otherwise, field order included), and a secret the vendor echoes in an error
    /// is replaced before the error is returned.
    pub fn post_secret_json(path: &'static str, body: Vec<u8>, secrets: Vec<Password>) -> Self {
        Self {
            body: Bytes::from_owner(Wiped(body)),
            secrets,
            ..Self::post_json(path, Vec::new())
        }
    }

    /// A `GET` of `path` with query parameters, sent in the order given, percent-encoded as
    /// `application/x-www-form-urlencoded` (the form both vendors' signers canonicalise).
    pub fn get(path: &'static str, query: Vec<(&'static str, String)>) -> Self {
        Self {
            method: Method::GET,
            path,
            query,
            headers: json_content_type(),
            body: Bytes::new(),
            secrets: Vec::new(),
        }
    }

    /// Adds a header. Values are validated when the input is built, so this takes a
    /// [`HeaderValue`].
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The body bytes, as sent (secrets included).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The path.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The query parameters, in the order sent.
    pub fn query(&self) -> &[(&'static str, String)] {
        &self.query
    }

    /// The URL of this request at `endpoint`.
    pub(crate) fn url(&self, endpoint: &Url) -> Url {
        let mut url = join_path(endpoint, self.path);
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// The headers the operation adds (auth, host and user agent come later).
    pub fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }
}

/// A signed request that was not sent (see [`Client::dry_run`](vcode_core::Client::dry_run)).
///
/// `Display` prints it as HTTP/1.1 text with session tokens redacted; the signature stays
/// (it proves nothing without the secret key, and is what a mismatch is debugged with).
/// `Debug` shows the URL without its query, and only how many query parameters and body
/// bytes there are: they hold personal data (an OSM `GET` carries the contact in its query).
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl PreparedRequest {
    /// The method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The full URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers, lower-case names, with token values redacted.
    pub fn redacted_headers(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                let shown = if vcode_signing::SESSION_TOKEN_HEADERS.contains(&name.as_str()) {
                    "[REDACTED]"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect()
    }

    /// The body bytes; a secret field (a password) shows as `[REDACTED]`.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for PreparedRequest {
    // As `OperationRequest`: the query and body hold personal data (a `GET`'s query carries
    // the contact), so only their sizes show. `Display` is the way to see everything.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (url, query) = self.url.split_once('?').unwrap_or((&self.url, ""));
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &url)
            .field(
                "query_params",
                &query.split('&').filter(|p| !p.is_empty()).count(),
            )
            .field("headers", &self.redacted_headers())
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let target = url::Url::parse(&self.url).map_or_else(
            |_| self.url.clone(),
            |u| crate::endpoint::path_and_query(&u).into_owned(),
        );
        writeln!(f, "{} {target} HTTP/1.1", self.method)?;
        for (name, value) in self.redacted_headers() {
            writeln!(f, "{name}: {value}")?;
        }
        writeln!(f)?;
        write!(f, "{}", String::from_utf8_lossy(&self.body))
    }
}

/// Overrides of the client's settings for one call ([`Client::send_with`](vcode_core::Client::send_with)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    retry_policy: Option<RetryPolicy>,
}

impl CallOptions {
    /// No overrides: the client's settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Time allowed for each attempt of this call.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Time allowed for this whole call, retries included.
    #[must_use]
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The retry policy of this call.
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }
}

/// The settings one call runs with: the client's, with the call's overrides.
struct Call<'a> {
    attempt_timeout: Duration,
    total_timeout: Duration,
    retry: &'a RetryPolicy,
}

impl Call<'_> {
    /// The error of a call whose total timeout fired: it may have reached the vendor if an
    /// attempt that may have been sent came before.
    fn total_timeout_error<E>(&self, maybe_sent: &AtomicBool) -> SdkError<E> {
        SdkError::Timeout(TimeoutError {
            kind: TimeoutKind::Total,
            after: self.total_timeout,
            send_state: if maybe_sent.load(Ordering::Relaxed) {
                SendState::MaybeSent
            } else {
                SendState::NotSent
            },
        })
    }
}

/// Why a response did not decode into the operation's output.
#[derive(Debug)]
pub enum Failure<E> {
    /// The vendor answered with an error.
    Service(ServiceError<E>),
    /// The response is not what the vendor documents.
    Response(ResponseError),
}

/// What a client holds: configuration, one pooled transport and its authentication.
/// Cheap to clone (an `Arc` inside), `Send + Sync`.
#[derive(Clone)]
pub(crate) struct ClientRuntime {
    inner: Arc<Inner>,
}

struct Inner {
    vendor: &'static str,
    endpoint: Url,
    host: HeaderValue,
    config: ClientConfig,
    transport: Transport,
    auth: Auth,
    user_agent: HeaderValue,
    /// Seconds to add to the local clock, learned from a vendor's clock-skew rejection.
    clock_offset_secs: AtomicI64,
    rate_limiter: Option<RateLimiter>,
    /// The URL of each path requested without a query, joined to the endpoint once.
    urls: std::sync::RwLock<Vec<(&'static str, Url)>>,
}

impl fmt::Debug for ClientRuntime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRuntime")
            .field("vendor", &self.inner.vendor)
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("config", &self.inner.config)
            .field("auth", &self.inner.auth)
            .field(
                "clock_offset_secs",
                &self.inner.clock_offset_secs.load(Ordering::Relaxed),
            )
            .finish()
    }
}

impl ClientRuntime {
    /// Builds the runtime of a vendor client. `user_agent` is `<crate>/<version>`;
    /// `default_endpoint` applies when the configuration names none.
    ///
    /// # Errors
    /// An invalid endpoint, or an HTTP client that cannot be built.
    pub(crate) fn new(
        vendor: &'static str,
        user_agent: &str,
        default_endpoint: Option<&str>,
        config: ClientConfig,
        auth: Auth,
    ) -> Result<Self, BuildError> {
        let endpoint = config.resolve_endpoint(default_endpoint)?;
        let host = HeaderValue::from_str(&host_header(&endpoint))
            .map_err(|_| BuildError::new("the endpoint host cannot be sent as a header"))?;
        let transport = Transport::new(
            config.http_client.clone(),
            config.connect_timeout,
            config.max_response_bytes,
        )
        .map_err(BuildError::new)?;
        let user_agent = match &config.user_agent_suffix {
            Some(suffix) => format!("{user_agent} {suffix}"),
            None => user_agent.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .ok()
            .filter(|_| user_agent.len() <= 256)
            .ok_or_else(|| {
                BuildError::new("the user agent suffix holds invalid characters or is too long")
            })?;
        Ok(Self {
            inner: Arc::new(Inner {
                vendor,
                endpoint,
                host,
                transport,
                rate_limiter: config.rate_limit_per_second.map(RateLimiter::per_second),
                config,
                auth,
                user_agent,
                clock_offset_secs: AtomicI64::new(0),
                urls: std::sync::RwLock::new(Vec::new()),
            }),
        })
    }

    /// The endpoint requests go to.
    pub(crate) fn endpoint(&self) -> &Url {
        &self.inner.endpoint
    }

    /// The clock offset learned from the vendor, in seconds (0 until a skew was reported).
    pub(crate) fn clock_offset_secs(&self) -> i64 {
        self.inner.clock_offset_secs.load(Ordering::Relaxed)
    }

    /// The time to sign with: the configured clock corrected by the learned offset.
    fn signing_time(&self) -> SystemTime {
        let now = self.inner.config.clock.now();
        let offset = self.clock_offset_secs();
        let magnitude = Duration::from_secs(offset.unsigned_abs());
        if offset >= 0 {
            now + magnitude
        } else {
            now.checked_sub(magnitude).unwrap_or(now)
        }
    }

    /// The request's URL: joined once per path (a client calls a handful), or with its query.
    fn url_of(&self, request: &OperationRequest) -> Url {
        let inner = &self.inner;
        if !request.query.is_empty() {
            return request.url(&inner.endpoint);
        }
        let cached = inner
            .urls
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(path, _)| *path == request.path)
            .map(|(_, url)| url.clone());
        cached.unwrap_or_else(|| {
            let url = request.url(&inner.endpoint);
            inner
                .urls
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((request.path, url.clone()));
            url
        })
    }

    /// Builds the signed HTTP request of one attempt (also behind dry runs).
    async fn prepare(
        &self,
        request: &OperationRequest,
        attempt_timeout: Duration,
    ) -> Result<HttpRequest, AuthError> {
        let inner = &self.inner;
        let url = self.url_of(request);
        let mut headers = HeaderMap::with_capacity(request.headers.len() + 6);
        headers.insert(http::header::HOST, inner.host.clone());
        for (name, value) in inner.config.default_headers.iter().chain(&request.headers) {
            headers.insert(name.clone(), value.clone());
        }
        let ctx = SigningContext {
            transport: &inner.transport,
            attempt_timeout,
            time: self.signing_time(),
            user_agent: &inner.user_agent,
        };
        inner
            .auth
            .authorize(
                crate::auth::AuthRequest {
                    method: request.method.as_str(),
                    url: &url,
                    headers: &mut headers,
                    body: &request.body,
                },
                &ctx,
            )
            .await?;
        headers.insert(http::header::USER_AGENT, inner.user_agent.clone());
        Ok(HttpRequest {
            method: request.method.clone(),
            url,
            headers,
            body: request.body.clone(),
        })
    }

    /// The exact request an operation would send now, signed, without sending it. Resolving
    /// credentials may contact an identity service once (a family's account lookup).
    ///
    /// # Errors
    /// Credentials that cannot be resolved, or a request that cannot be signed.
    pub(crate) async fn dry_run<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<PreparedRequest, SdkError<O::Error>> {
        let request = operation.request();
        let prepared = self
            .prepare(&request, self.inner.config.attempt_timeout)
            .await?;
        Ok(PreparedRequest {
            method: prepared.method.to_string(),
            url: prepared.url.to_string(),
            headers: prepared
                .headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: if request.secrets.is_empty() {
                request.body.to_vec()
            } else {
                let mut shown = String::from_utf8_lossy(&request.body).into_owned();
                for secret in &request.secrets {
                    crate::error::scrub(&mut shown, secret.expose());
                }
                shown.into_bytes()
            },
        })
    }

    /// Runs an operation to completion under the retry policy and the total timeout.
    ///
    /// # Errors
    /// See [`SdkError`]: each variant says whether the request can have reached the vendor.
    pub(crate) async fn invoke<O: Operation>(
        &self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let request = operation.request();
        let maybe_sent = AtomicBool::new(false);
        let attempt_count = AtomicU32::new(0);
        let config = &self.inner.config;
        let call = Call {
            attempt_timeout: options.attempt_timeout.unwrap_or(config.attempt_timeout),
            total_timeout: options.total_timeout.unwrap_or(config.total_timeout),
            retry: options.retry_policy.as_ref().unwrap_or(&config.retry),
        };
        // One clock read serves the total deadline (the guard's check counts against it),
        // the retry rules' elapsed time and the call's latency.
        let started = tokio::time::Instant::now();
        // The guard reserves the send before anything goes out. The reservation is held
        // against `maybe_sent`: a call dropped before a request could leave gives it back.
        let mut held = None;
        if let Some(guard) = &config.guard
            && let Some(key) = operation.guard_key()
        {
            let reserve = guard.reserve(&key, &maybe_sent);
            match tokio::time::timeout_at(deadline(started, call.total_timeout), reserve).await {
                Ok(Ok(reserved)) => held = reserved,
                Ok(Err(refused)) => return Err(SdkError::Guarded(refused)),
                Err(_) => return Err(call.total_timeout_error(&maybe_sent)),
            }
        }
        let attempts = self.attempts(
            operation,
            &request,
            &call,
            started,
            &maybe_sent,
            &attempt_count,
        );
        #[cfg(feature = "tracing")]
        let span = tracing::info_span!(
            "vcode.call",
            vendor = self.inner.vendor,
            operation = O::NAME,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        #[cfg(feature = "tracing")]
        let attempts = tracing::Instrument::instrument(attempts, span.clone());
        let result = attempts.await;
        #[cfg(feature = "tracing")]
        record_call(
            &span,
            &result,
            attempt_count.load(Ordering::Relaxed),
            started.elapsed(),
        );
        // A send that certainly did not reach the vendor gives its reservation back; one that
        // may have reached it, in any attempt, keeps it.
        if let Some(held) = held {
            match &result {
                Err(error)
                    if error.send_state() == SendState::NotSent
                        && !maybe_sent.load(Ordering::Relaxed) =>
                {
                    held.release().await;
                }
                _ => held.keep(),
            }
        }
        result
    }

    /// The attempts of a call; its error's send state is the strongest of its attempts' (sent >
    /// may have been sent > not sent): a call throttled once and then refused at connect was
    /// sent, whatever its last attempt says.
    async fn attempts<O: Operation>(
        &self,
        operation: &O,
        request: &OperationRequest,
        call: &Call<'_>,
        started: tokio::time::Instant,
        maybe_sent: &AtomicBool,
        attempt_count: &AtomicU32,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let mut strongest = SendState::NotSent;
        self.attempt_loop(
            operation,
            request,
            call,
            started,
            (maybe_sent, attempt_count),
            &mut strongest,
        )
        .await
        .map_err(|mut error| {
            error.at_least(strongest);
            error
        })
    }

    async fn attempt_loop<O: Operation>(
        &self,
        operation: &O,
        request: &OperationRequest,
        call: &Call<'_>,
        started: tokio::time::Instant,
        (maybe_sent, attempt_count): (&AtomicBool, &AtomicU32),
        strongest: &mut SendState,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let mut attempt: u32 = 0;
        // Attempts that count against the policy's maximum (a clock correction does not).
        let mut counted: u32 = 1;
        let mut skew_corrected = false;
        let mut ever_sent = false;
        // The total timeout bounds each wait below, so an attempt has one timer: the earlier
        // of its own deadline and the call's. A wait that ends at once (a free rate limiter,
        // cached credentials) never starts its timer.
        let total_deadline = deadline(started, call.total_timeout);
        loop {
            attempt += 1;
            attempt_count.store(attempt, Ordering::Relaxed);
            if let Some(limiter) = &self.inner.rate_limiter
                && tokio::time::timeout_at(total_deadline, limiter.acquire())
                    .await
                    .is_err()
            {
                return Err(call.total_timeout_error(maybe_sent));
            }
            let http_request = tokio::time::timeout_at(
                total_deadline,
                self.prepare(request, call.attempt_timeout),
            )
            .await
            .map_err(|_| call.total_timeout_error(maybe_sent))??;
            let attempt_started = tokio::time::Instant::now();
            // No attempt starts once the call's time is up.
            if attempt_started >= total_deadline {
                return Err(call.total_timeout_error(maybe_sent));
            }
            let attempt_deadline = deadline(attempt_started, call.attempt_timeout);
            maybe_sent.store(true, Ordering::Relaxed);
            let result = self
                .inner
                .transport
                .send(http_request, attempt_deadline.min(total_deadline))
                .await;
            if matches!(result, Err(AttemptFailure::AttemptTimeout))
                && total_deadline < attempt_deadline
            {
                return Err(call.total_timeout_error(maybe_sent));
            }
            if matches!(result, Err(AttemptFailure::NotSent { .. })) {
                maybe_sent.store(ever_sent, Ordering::Relaxed);
            } else {
                ever_sent = true;
            }
            let (mut result, outcome) = self.decode(operation, result, call.attempt_timeout);
            if let Err(error) = &mut result {
                for secret in &request.secrets {
                    error.scrub(secret.expose());
                }
                *strongest = (*strongest).max(error.send_state());
            }
            let now = tokio::time::Instant::now();
            trace_attempt(attempt, &result, now - attempt_started);
            let progress = Progress {
                attempts: counted,
                skew_corrected,
                elapsed: now - started,
                total: call.total_timeout,
                read: O::READ,
            };
            let decision = retry::decide(call.retry, outcome, progress, retry::full_jitter);
            if let Some(offset) = decision.learn_clock_offset {
                self.inner
                    .clock_offset_secs
                    .store(offset, Ordering::Relaxed);
            }
            let error = match result {
                Ok(output) => return Ok(output),
                Err(error) => error,
            };
            match decision.next {
                Next::Stop => return Err(error),
                Next::CorrectClock => skew_corrected = true,
                Next::RetryAfter(delay) => {
                    counted += 1;
                    // `decide` only retries when the wait ends before the total deadline.
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// Decodes one attempt's result, and says what it ended in for the retry rules.
    fn decode<O: Operation>(
        &self,
        operation: &O,
        result: Result<HttpResponse, AttemptFailure>,
        attempt_timeout: Duration,
    ) -> (Result<O::Output, SdkError<O::Error>>, Outcome) {
        let response = match result {
            Ok(response) => response,
            Err(failure) => {
                let (error, outcome) = self.attempt_failure::<O::Error>(failure, attempt_timeout);
                return (Err(error), outcome);
            }
        };
        let status = response.status();
        // Only an error reads these: keep the values (reference-counted), parse them later.
        let header = |name| response.headers().get(name).cloned();
        let (retry_after, date, request_id) = (
            header(&http::header::RETRY_AFTER),
            header(&http::header::DATE),
            header(&crate::transport::X_REQUEST_ID),
        );
        let failure = match operation.parse(response) {
            Ok(output) => return (Ok(output), Outcome::Success),
            Err(failure) => failure,
        };
        let now = self.inner.config.clock.now();
        fn text(value: &Option<HeaderValue>) -> Option<&str> {
            value.as_ref().and_then(|v| v.to_str().ok())
        }
        let retry_after = text(&retry_after).and_then(|v| parse_retry_after(v, now));
        let clock_offset = text(&date)
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .map(|server| offset_secs(server, now));
        let request_id = text(&request_id);
        match failure {
            Failure::Service(error) => {
                let mut error = error.with_response(status, retry_after);
                error.fill_request_id(request_id);
                let outcome = Outcome::Answered {
                    status,
                    class: Some(error.class()),
                    retry_after: error.retry_after(),
                    clock_offset,
                };
                (Err(SdkError::Service(error)), outcome)
            }
            // ResponseError::new already took the request id from the headers. A 429 is
            // throttling whatever its body.
            Failure::Response(error) => (
                Err(SdkError::Response(if status == 429 {
                    error.into_throttled(retry_after)
                } else {
                    error
                })),
                Outcome::Answered {
                    status,
                    class: None,
                    retry_after,
                    clock_offset,
                },
            ),
        }
    }

    /// Maps a transport failure to its error and its outcome.
    fn attempt_failure<E>(
        &self,
        failure: AttemptFailure,
        attempt_timeout: Duration,
    ) -> (SdkError<E>, Outcome) {
        let config = &self.inner.config;
        match failure {
            AttemptFailure::NotSent {
                timed_out: true, ..
            } => (
                SdkError::Timeout(TimeoutError {
                    kind: TimeoutKind::Connect,
                    after: config.connect_timeout,
                    send_state: SendState::NotSent,
                }),
                Outcome::NotSent,
            ),
            AttemptFailure::NotSent { source, .. } => (
                SdkError::Dispatch(DispatchError {
                    send_state: SendState::NotSent,
                    source,
                }),
                Outcome::NotSent,
            ),
            AttemptFailure::MaybeSent(source) => (
                SdkError::Dispatch(DispatchError {
                    send_state: SendState::MaybeSent,
                    source,
                }),
                Outcome::MaybeSent,
            ),
            AttemptFailure::AttemptTimeout => (
                SdkError::Timeout(TimeoutError {
                    kind: TimeoutKind::Attempt,
                    after: attempt_timeout,
                    send_state: SendState::MaybeSent,
                }),
                Outcome::MaybeSent,
            ),
            AttemptFailure::TooLarge { status, headers } => (
                SdkError::Response(ResponseError::new(
                    ResponseErrorKind::TooLarge {
                        limit: config.max_response_bytes,
                    },
                    status,
                    headers,
                    String::new(),
                )),
                Outcome::MaybeSent,
            ),
            AttemptFailure::Truncated {
                status,
                headers,
                source,
            } => (
                SdkError::Response(
                    ResponseError::new(
                        ResponseErrorKind::Truncated,
                        status,
                        headers,
                        String::new(),
                    )
                    .with_source(source),
                ),
                Outcome::MaybeSent,
            ),
        }
    }
}

/// `server - local`, in whole seconds.
fn offset_secs(server: SystemTime, local: SystemTime) -> i64 {
    match server.duration_since(local) {
        Ok(ahead) => i64::try_from(ahead.as_secs()).unwrap_or(i64::MAX),
        Err(behind) => -i64::try_from(behind.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

#[cfg(not(feature = "tracing"))]
fn trace_attempt<O, E>(_attempt: u32, _result: &Result<O, SdkError<E>>, _latency: Duration) {}

#[cfg(feature = "tracing")]
fn trace_attempt<O, E: crate::error::ServiceErrorKind>(
    attempt: u32,
    result: &Result<O, SdkError<E>>,
    latency: Duration,
) {
    let latency_ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
    match result {
        Ok(_) => tracing::debug!(attempt, latency_ms, outcome = "success", "attempt finished"),
        Err(error) => tracing::debug!(
            attempt,
            latency_ms,
            status = error.http_status(),
            request_id = error.request_id(),
            code = error.code(),
            send_state = %error.send_state(),
            outcome = "error",
            "attempt finished"
        ),
    }
}

/// The call's span describes the whole call once it is over; recording it then (not per
/// attempt) keeps each attempt's event from repeating what its own fields already say.
#[cfg(feature = "tracing")]
fn record_call<O, E: crate::error::ServiceErrorKind>(
    span: &tracing::Span,
    result: &Result<O, SdkError<E>>,
    attempts: u32,
    latency: Duration,
) {
    span.record("attempts", attempts);
    span.record(
        "latency_ms",
        u64::try_from(latency.as_millis()).unwrap_or(u64::MAX),
    );
    if let Err(error) = result {
        if let Some(status) = error.http_status() {
            span.record("status", status);
        }
        if let Some(id) = error.request_id() {
            span.record("request_id", id);
        }
    }
}
