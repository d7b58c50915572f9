//! Errors by phase: a caller always knows whether the request can have reached the vendor.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::mask;
use crate::validate::InvalidInput;

/// Whether the request can have reached the vendor (and so may have sent a code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SendState {
    /// Certainly not sent: nothing reached the vendor. (States order by how much can have
    /// reached the vendor: not sent < may have been sent < sent.)
    NotSent,
    /// May have been sent: the outcome is unknown (a timeout or a connection lost mid-request).
    MaybeSent,
    /// Sent, and the vendor answered.
    Sent,
}

impl fmt::Display for SendState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotSent => "not sent",
            Self::MaybeSent => "may have been sent",
            Self::Sent => "sent",
        })
    }
}

/// How the retry policy treats a vendor error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorClass {
    /// Throttled before processing (HTTP 429, `APIG.0308`, `RequestLimitExceeded*`): safe to
    /// retry after a delay.
    Throttling,
    /// Rejected before processing because the request time is off the vendor's clock (such as
    /// `AuthFailure.SignatureExpire`): retried once with a corrected clock.
    ClockSkew,
    /// Authentication or authorization failed. Never retried (some vendors lock a key after a
    /// few failures).
    Authentication,
    /// A business limit (too many codes for this recipient). Never retried: the caller decides,
    /// using [`ServiceError::retry_after`].
    BusinessLimit,
    /// Anything else. Never retried.
    Other,
}

/// Implemented by each operation's error enum.
pub trait ServiceErrorKind: fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// How the retry policy treats this error.
    fn class(&self) -> ErrorClass {
        ErrorClass::Other
    }

    /// When the vendor documents a wait before trying again (e.g. 60 s between SMS codes).
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

/// The vendor answered with an error.
pub struct ServiceError<E> {
    // Boxed: errors are the cold path, and this keeps every `Result` small.
    inner: Box<ServiceErrorInner<E>>,
}

struct ServiceErrorInner<E> {
    kind: E,
    code: String,
    message: String,
    request_id: Option<String>,
    status: u16,
    retry_after_header: Option<Duration>,
}

impl<E: ServiceErrorKind> ServiceError<E> {
    /// Assembles a service error; vendor crates call this from their decoders.
    pub fn new(kind: E, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            inner: Box::new(ServiceErrorInner {
                kind,
                // Vendor text: kept to one bounded line, whatever the vendor sent.
                code: mask::truncate(&code.into()),
                message: message.into(),
                request_id: None,
                status: 0,
                retry_after_header: None,
            }),
        }
    }

    /// Sets the vendor's request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.inner.request_id = request_id.as_deref().map(mask::truncate);
        self
    }

    /// Replaces every copy of `secret` the vendor echoed in its message.
    pub(crate) fn scrub(&mut self, secret: &str) {
        scrub(&mut self.inner.message, secret);
    }

    pub(crate) fn with_response(mut self, status: u16, retry_after: Option<Duration>) -> Self {
        self.inner.status = status;
        self.inner.retry_after_header = retry_after;
        self
    }

    pub(crate) fn fill_request_id(&mut self, request_id: Option<&str>) {
        if self.inner.request_id.is_none() {
            self.inner.request_id = request_id.map(mask::truncate);
        }
    }

    /// The operation-specific error, to `match` on.
    pub fn kind(&self) -> &E {
        &self.inner.kind
    }

    /// Consumes the error, keeping the operation-specific error.
    pub fn into_kind(self) -> E {
        self.inner.kind
    }

    /// The vendor's error code exactly as received (e.g. `CBC.99004015`).
    pub fn code(&self) -> &str {
        &self.inner.code
    }

    /// The vendor's message, as received: it can echo the recipient and hold any character.
    /// `Display` never prints it, and `Debug` prints it masked and escaped.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The HTTP status the error came with (vendors send some errors with 200).
    pub fn http_status(&self) -> u16 {
        self.inner.status
    }

    /// How the retry policy classified it.
    pub fn class(&self) -> ErrorClass {
        self.inner.kind.class()
    }

    /// Whether the vendor throttled the request before processing it.
    pub fn is_throttling(&self) -> bool {
        self.inner.kind.class() == ErrorClass::Throttling || self.inner.status == 429
    }

    /// How long to wait before trying again: the vendor's `Retry-After` header, else the wait
    /// the vendor documents for this code.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner
            .retry_after_header
            .or_else(|| self.inner.kind.retry_after())
    }
}

impl<E: fmt::Debug> fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        // The vendor's message can echo the recipient: masked here as in every report.
        f.debug_struct("ServiceError")
            .field("kind", &inner.kind)
            .field("code", &inner.code)
            .field("message", &mask::redacted_snippet(inner.message.as_bytes()))
            .field("request_id", &inner.request_id)
            .field("status", &inner.status)
            .finish()
    }
}

impl<E: ServiceErrorKind> fmt::Display for ServiceError<E> {
    /// One line: the vendor's code, what it means, the vendor's own message (masked, as in
    /// every report) and the request id: `FailedOperation.SendVerifyCodeLimit60: at least 60 s
    /// must pass between codes to one number; the vendor says "…" (request id …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        write!(f, "{}: {}", inner.code, inner.kind)?;
        if !inner.message.is_empty() {
            write!(
                f,
                "; the vendor says \"{}\"",
                mask::redacted_text(&inner.message)
            )?;
        }
        if let Some(id) = &inner.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl<E: ServiceErrorKind> StdError for ServiceError<E> {}

/// Why a timeout fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The connection could not be established in time (not sent).
    Connect,
    /// One attempt took longer than the per-attempt timeout.
    Attempt,
    /// The whole operation, retries included, took longer than the total timeout.
    Total,
}

/// A timeout.
#[derive(Debug)]
pub struct TimeoutError {
    pub(crate) kind: TimeoutKind,
    pub(crate) after: Duration,
    pub(crate) send_state: SendState,
}

impl TimeoutError {
    /// Which timeout fired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit that was reached.
    pub fn after(&self) -> Duration {
        self.after
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Connect => "connecting",
            TimeoutKind::Attempt => "the attempt",
            TimeoutKind::Total => "the operation",
        };
        write!(
            f,
            "{what} timed out after {:?} ({})",
            self.after, self.send_state
        )
    }
}

impl StdError for TimeoutError {}

/// The request could not be dispatched, or the connection failed while it was in flight.
pub struct DispatchError {
    pub(crate) send_state: SendState,
    pub(crate) source: Box<dyn StdError + Send + Sync>,
}

impl fmt::Debug for DispatchError {
    // The source's whole chain (the HTTP client's own text, "error sending request ...",
    // rarely names the cause; the operating system's words come last), as one quoted, escaped
    // string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DispatchError")
            .field("send_state", &self.send_state)
            .field("source", &ErrorReport(&*self.source).to_string())
            .finish()
    }
}

impl DispatchError {
    /// The cause a person can act on, from the failure's chain: the connection refused, the
    /// host name not resolved, the TLS handshake failed, the connection lost, or (when none
    /// of these is recognised) that the connection failed.
    pub fn cause(&self) -> &'static str {
        let mut next: Option<&(dyn StdError + 'static)> = Some(self.source.as_ref());
        let mut text = String::new();
        while let Some(error) = next {
            if let Some(io) = error.downcast_ref::<std::io::Error>() {
                match io.kind() {
                    std::io::ErrorKind::ConnectionRefused => return "connection refused",
                    std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof => return "connection lost",
                    _ => {}
                }
            }
            text.push_str(&error.to_string().to_ascii_lowercase());
            text.push('\n');
            next = error.source();
        }
        if text.contains("dns error") || text.contains("failed to lookup address") {
            "host name not resolved"
        } else if text.contains("certificate") || text.contains("tls") || text.contains("handshake")
        {
            "TLS handshake failed"
        } else if text.contains("connection closed") || text.contains("connection reset") {
            "connection lost"
        } else {
            "connection failed"
        }
    }
}

impl fmt::Display for DispatchError {
    // The cause a person can act on is named on this line; the chain behind it is
    // `source()`'s (an `ErrorReport` shows it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.cause(),
            match self.send_state {
                SendState::NotSent => "not sent",
                SendState::MaybeSent => "may have been sent",
                SendState::Sent => "sent",
            }
        )
    }
}

impl StdError for DispatchError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Why a response could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseErrorKind {
    /// The body is larger than the configured cap.
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// The body is not what the vendor documents; the text says what was expected.
    Malformed(String),
    /// The connection failed while the body was being read.
    Truncated,
    /// HTTP 429 with a body that is not the vendor's: throttled before processing (by the
    /// vendor's gateway or a proxy), so safe to send again after [`ResponseError::retry_after`].
    Throttled,
    /// A listing ended before it delivered the items its total announced (the server ignored
    /// the offset, or its pages disagree with its count). The items already delivered stay
    /// usable; the listing is not complete.
    Incomplete {
        /// Items delivered.
        received: u64,
        /// Items the listing's total announced.
        announced: u64,
    },
}

/// The vendor (or something in between) answered, but not in a form the client understands.
///
/// `Debug` shows the headers' values and the body's start only through the same masking as
/// every report ([`mask::redacted_text`]): a redirect's `Location` or an echoed body can hold
/// the contact or the code.
#[derive(Clone)]
pub struct ResponseError {
    // Boxed: the header map is large and errors are the cold path.
    inner: Box<ResponseErrorInner>,
}

#[derive(Clone, Debug)]
struct ResponseErrorInner {
    kind: ResponseErrorKind,
    status: u16,
    headers: http::HeaderMap,
    snippet: String,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

/// Replaces `secret` in `text`, as written, as escaped for `Debug`, and as escaped in JSON.
pub(crate) fn scrub(text: &mut String, secret: &str) {
    if secret.is_empty() {
        return;
    }
    let json = serde_json::to_string(secret).unwrap_or_default();
    let forms = [
        secret.to_owned(),
        secret.escape_debug().to_string(),
        json.trim_matches('"').to_owned(),
        json.trim_matches('"').escape_debug().to_string(),
    ];
    for form in forms {
        if !form.is_empty() && text.contains(&form) {
            *text = text.replace(&form, crate::REDACTED);
        }
    }
}

impl fmt::Debug for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let headers: Vec<(&str, String)> = inner
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if value.is_sensitive() {
                    crate::REDACTED.to_owned()
                } else {
                    mask::redacted_text(&String::from_utf8_lossy(value.as_bytes()))
                };
                (name.as_str(), value)
            })
            .collect();
        f.debug_struct("ResponseError")
            .field("kind", &inner.kind)
            .field("status", &inner.status)
            .field("headers", &headers)
            .field("snippet", &inner.snippet)
            .field("request_id", &inner.request_id)
            .field("retry_after", &inner.retry_after)
            .field("source", &inner.source)
            .finish()
    }
}

impl ResponseError {
    /// Replaces every copy of `secret` the response echoed.
    pub(crate) fn scrub(&mut self, secret: &str) {
        scrub(&mut self.inner.snippet, secret);
    }

    pub(crate) fn new(
        kind: ResponseErrorKind,
        status: u16,
        headers: http::HeaderMap,
        snippet: String,
    ) -> Self {
        let request_id = crate::transport::request_id(&headers).map(mask::truncate);
        Self {
            inner: Box::new(ResponseErrorInner {
                kind,
                status,
                headers,
                snippet,
                request_id,
                retry_after: None,
                source: None,
            }),
        }
    }

    /// A 429 whatever its body: throttling, with the response's `Retry-After`.
    pub(crate) fn into_throttled(mut self, retry_after: Option<Duration>) -> Self {
        self.inner.kind = ResponseErrorKind::Throttled;
        self.inner.retry_after = retry_after;
        self
    }

    /// `Retry-After`, for a [`Throttled`](ResponseErrorKind::Throttled) response.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The failure behind it (the connection error that cut a body short).
    pub(crate) fn with_source(mut self, source: Box<dyn StdError + Send + Sync>) -> Self {
        self.inner.source = Some(Arc::from(source));
        self
    }

    /// A malformed response; vendor crates call this from their decoders.
    pub fn malformed(response: &crate::service::HttpResponse, expected: impl Into<String>) -> Self {
        Self::new(
            ResponseErrorKind::Malformed(expected.into()),
            response.status(),
            response.headers().clone(),
            mask::redacted_snippet(response.body()),
        )
    }

    /// A listing that ended after `received` of the `announced` items; `status` and
    /// `request_id` are its last page's.
    pub fn incomplete(
        received: u64,
        announced: u64,
        status: u16,
        request_id: Option<&str>,
    ) -> Self {
        Self::new(
            ResponseErrorKind::Incomplete {
                received,
                announced,
            },
            status,
            http::HeaderMap::new(),
            String::new(),
        )
        .with_request_id(request_id.map(str::to_owned))
    }

    /// Sets the request id when the vendor carries it in the body.
    #[must_use]
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        if let Some(id) = request_id {
            self.inner.request_id = Some(mask::truncate(&id));
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ResponseErrorKind {
        &self.inner.kind
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        self.inner.status
    }

    /// The response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.inner.headers
    }

    /// The start of the body, with email addresses and phone numbers masked.
    pub fn snippet(&self) -> &str {
        &self.inner.snippet
    }

    /// The vendor's request id, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.kind {
            ResponseErrorKind::TooLarge { limit } => write!(
                f,
                "the response (http {}) is larger than {limit} bytes",
                self.inner.status
            ),
            ResponseErrorKind::Malformed(expected) => write!(
                f,
                "unreadable response (http {}): expected {expected}",
                self.inner.status
            ),
            ResponseErrorKind::Truncated => write!(
                f,
                "the response (http {}) was cut off while reading",
                self.inner.status
            ),
            ResponseErrorKind::Throttled => write!(
                f,
                "throttled before processing (http {})",
                self.inner.status
            ),
            ResponseErrorKind::Incomplete {
                received,
                announced,
            } => write!(
                f,
                "the listing ended after {received} of the {announced} items it announced"
            ),
        }
    }
}

impl StdError for ResponseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// Why credentials could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// No provider in the chain found any.
    NotFound,
    /// An environment variable is set but unusable (e.g. an AK without an SK).
    Environment,
    /// A profile file could not be read or parsed.
    ProfileFile,
    /// An account id the family looks up through its identity service could not be resolved.
    DomainLookup,
    /// The credentials given are unusable (e.g. an empty key).
    Invalid,
    /// A provider's service could not be reached (a metadata server that is down, or not
    /// there because this is not a cloud instance). A chain moves on from it.
    Unavailable,
    /// The credentials expired and could not be refreshed.
    Expired,
}

/// Credentials are missing or unusable. Nothing was sent to the vendor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    detail: String,
}

impl CredentialsError {
    /// An error of `kind`; a provider of its own answers with one. `detail` is shown: never put
    /// a secret in it.
    pub fn new(kind: CredentialsErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &CredentialsErrorKind {
        &self.kind
    }

    /// A description naming the variable, file and line, or provider involved (never a secret).
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Details can name caller-given paths and variables: one bounded line.
        f.write_str(&mask::one_line(&self.detail, 512))
    }
}

impl StdError for CredentialsError {}

/// The error of every client operation; `E` is the operation's own error enum.
#[non_exhaustive]
pub enum SdkError<E> {
    /// The input broke a documented rule. Nothing was sent.
    InvalidInput(InvalidInput),
    /// Credentials are missing or unusable. Nothing was sent.
    Credentials(CredentialsError),
    /// The request could not be built (for example, a header the signer cannot sign). Nothing
    /// was sent.
    Construction(ConstructionError),
    /// A timeout; [`SdkError::send_state`] says whether the request may have been sent.
    Timeout(TimeoutError),
    /// The connection failed; [`SdkError::send_state`] says whether the request may have
    /// been sent.
    Dispatch(DispatchError),
    /// The response could not be read or understood. It was sent.
    Response(ResponseError),
    /// The vendor answered with an error.
    Service(ServiceError<E>),
    /// The send guard stopped the send (a recipient's limit or the account's rate, or its store
    /// was unreachable and it fails closed). Nothing was sent;
    /// [`retry_after`](Self::retry_after) says when it would be allowed.
    Guarded(crate::guard::GuardError),
}

impl<E: ServiceErrorKind> SdkError<E> {
    /// Replaces every copy of `secret` the vendor echoed (in its message or in a response
    /// that could not be read).
    pub(crate) fn scrub(&mut self, secret: &str) {
        match self {
            Self::Service(e) => e.scrub(secret),
            Self::Response(e) => e.scrub(secret),
            _ => {}
        }
    }

    /// Raises the send state of a transport failure to `state` when an earlier attempt of the
    /// same call got further: a call is as sent as its most-sent attempt.
    pub(crate) fn at_least(&mut self, state: SendState) {
        match self {
            Self::Timeout(e) => e.send_state = e.send_state.max(state),
            Self::Dispatch(e) => e.send_state = e.send_state.max(state),
            _ => {}
        }
    }

    /// Whether the request can have reached the vendor: the strongest state of the call's
    /// attempts (a call throttled once and then refused at connect was sent).
    pub fn send_state(&self) -> SendState {
        match self {
            Self::InvalidInput(_)
            | Self::Credentials(_)
            | Self::Construction(_)
            | Self::Guarded(_) => SendState::NotSent,
            Self::Timeout(e) => e.send_state,
            Self::Dispatch(e) => e.send_state,
            Self::Response(_) | Self::Service(_) => SendState::Sent,
        }
    }

    /// The vendor's error, if the vendor answered with one.
    pub fn service_error(&self) -> Option<&ServiceError<E>> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The vendor's error kind, if the vendor answered with one.
    pub fn kind(&self) -> Option<&E> {
        self.service_error().map(ServiceError::kind)
    }

    /// Consumes the error, keeping the vendor's error if it is one.
    pub fn into_service_error(self) -> Option<ServiceError<E>> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The vendor's error code, if the vendor answered with one.
    pub fn code(&self) -> Option<&str> {
        self.service_error().map(ServiceError::code)
    }

    /// The vendor's request id, when the vendor answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.request_id(),
            Self::Response(e) => e.request_id(),
            _ => None,
        }
    }

    /// The HTTP status, when the vendor answered.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::Service(e) => Some(e.http_status()),
            Self::Response(e) => Some(e.http_status()),
            _ => None,
        }
    }

    /// Whether this is a timeout.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    /// Whether the vendor throttled the request.
    pub fn is_throttling(&self) -> bool {
        match self {
            Self::Service(e) => e.is_throttling(),
            Self::Response(e) => e.kind() == &ResponseErrorKind::Throttled,
            _ => false,
        }
    }

    /// How long to wait before trying again, when the vendor says (`Retry-After`) or documents
    /// it.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Service(e) => e.retry_after(),
            Self::Response(e) => e.retry_after(),
            Self::Guarded(e) => e.retry_after(),
            _ => None,
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(e) => f.debug_tuple("InvalidInput").field(e).finish(),
            Self::Credentials(e) => f.debug_tuple("Credentials").field(e).finish(),
            Self::Construction(e) => f.debug_tuple("Construction").field(e).finish(),
            Self::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            Self::Dispatch(e) => f.debug_tuple("Dispatch").field(e).finish(),
            Self::Response(e) => f.debug_tuple("Response").field(e).finish(),
            Self::Service(e) => f.debug_tuple("Service").field(e).finish(),
            Self::Guarded(e) => f.debug_tuple("Guarded").field(e).finish(),
        }
    }
}

impl<E: ServiceErrorKind> fmt::Display for SdkError<E> {
    /// What happened, in one line a person can act on: the phase, then its error (for a
    /// service error the vendor's code, message and request id; for a transport failure its
    /// cause and whether the request may have been sent). [`ErrorReport`] adds the rest of
    /// the `source()` chain without repeating what this line says.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner: &dyn fmt::Display = match self {
            Self::InvalidInput(e) => e,
            Self::Credentials(e) => e,
            Self::Construction(e) => e,
            Self::Timeout(e) => e,
            Self::Dispatch(e) => e,
            Self::Response(e) => e,
            Self::Service(e) => e,
            Self::Guarded(e) => e,
        };
        let phase = match self {
            Self::InvalidInput(_) => "invalid input, nothing was sent",
            Self::Credentials(_) => "credentials unavailable, nothing was sent",
            Self::Construction(_) => "the request could not be built, nothing was sent",
            Self::Timeout(_) => "timeout",
            Self::Dispatch(_) => "dispatch failure",
            Self::Response(_) => "unreadable response",
            Self::Service(_) => "the vendor answered with an error",
            Self::Guarded(_) => "stopped by the send guard, nothing was sent",
        };
        write!(f, "{phase}: {inner}")
    }
}

impl<E: ServiceErrorKind> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::InvalidInput(e) => Some(e),
            Self::Credentials(e) => Some(e),
            Self::Construction(e) => Some(e),
            Self::Timeout(e) => Some(e),
            Self::Dispatch(e) => Some(e),
            Self::Response(e) => Some(e),
            Self::Service(e) => Some(e),
            Self::Guarded(e) => Some(e),
        }
    }
}

/// An error and its whole `source()` chain on one line, outermost first, joined by `: `
/// (like `anyhow`'s `{:#}`), each fact once: a cause whose text the line already holds is not
/// repeated. `dispatch failure: the request could not be completed (not sent): tcp connect
/// error: Connection refused (os error 111): error sending request for url (...)`.
pub struct ErrorReport<'a>(pub &'a (dyn StdError + 'static));

impl fmt::Display for ErrorReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = self.0.to_string();
        let mut source = self.0.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            if !line.contains(&text) {
                line.push_str(": ");
                line.push_str(&text);
            }
            source = cause.source();
        }
        f.write_str(&line)
    }
}

impl fmt::Debug for ErrorReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The request could not be built, so nothing was sent: the signer refused it (a header given
/// twice, or one with control characters).
#[derive(Clone, Debug)]
pub struct ConstructionError {
    detail: String,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl ConstructionError {
    pub(crate) fn new(
        detail: impl Into<String>,
        source: Option<Arc<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self {
            detail: detail.into(),
            source,
        }
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl StdError for ConstructionError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

impl<E> From<InvalidInput> for SdkError<E> {
    fn from(e: InvalidInput) -> Self {
        Self::InvalidInput(e)
    }
}

impl<E> From<CredentialsError> for SdkError<E> {
    fn from(e: CredentialsError) -> Self {
        Self::Credentials(e)
    }
}

impl<E> From<ConstructionError> for SdkError<E> {
    fn from(e: ConstructionError) -> Self {
        Self::Construction(e)
    }
}
