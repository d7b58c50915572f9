//! One attempt over HTTP: send, enforce the timeouts, read the body under a size cap, and say
//! whether a failure happened before or after the request left.

use std::error::Error as StdError;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::HeaderMap;

use crate::mask::redacted_snippet;

/// The request id header both families answer with.
pub(crate) const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

/// The `X-Request-Id` header of a response, when present and text.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(&X_REQUEST_ID).and_then(|v| v.to_str().ok())
}

/// A response as the operation decoders see it: status, headers and the whole body.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl HttpResponse {
    /// A response from its parts (decoders' unit tests build these by hand).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// All headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header's value, when present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The start of the body with personal data masked, for error reports.
    pub fn snippet(&self) -> String {
        redacted_snippet(&self.body)
    }
}

/// How one attempt failed.
#[derive(Debug)]
pub(crate) enum AttemptFailure {
    /// The request never left: connection refused, DNS or TLS failure, connect timeout.
    NotSent {
        source: reqwest::Error,
        timed_out: bool,
    },
    /// The connection failed after the request may have left.
    MaybeSent(reqwest::Error),
    /// The per-attempt timeout fired.
    AttemptTimeout,
    /// The body exceeded the cap.
    TooLarge { status: u16, headers: HeaderMap },
    /// The connection failed while reading the body.
    Truncated {
        status: u16,
        headers: HeaderMap,
        source: reqwest::Error,
    },
}

impl AttemptFailure {
    pub(crate) fn into_source(self) -> Option<Box<dyn StdError + Send + Sync>> {
        match self {
            Self::NotSent { source, .. }
            | Self::MaybeSent(source)
            | Self::Truncated { source, .. } => Some(Box::new(source)),
            Self::AttemptTimeout | Self::TooLarge { .. } => None,
        }
    }
}

/// The error without its URL's query. reqwest prints the URL in the error's `Display` and
/// `Debug`, and a query can hold personal data (OSM sends the contact in it); errors never show
/// it. The scheme, host and path stay, to tell which service failed.
fn without_query(mut error: reqwest::Error) -> reqwest::Error {
    if let Some(url) = error.url_mut() {
        url.set_query(None);
    }
    error
}

/// The instant `timeout` after `start`; a timeout too long for the clock never fires.
pub(crate) fn deadline(start: tokio::time::Instant, timeout: Duration) -> tokio::time::Instant {
    // About 30 years, as tokio does for its own far future.
    const FAR_FUTURE: Duration = Duration::from_secs(86_400 * 365 * 30);
    start
        .checked_add(timeout)
        .unwrap_or_else(|| start + FAR_FUTURE)
}

/// The shared HTTP client of one vendor client.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    client: reqwest::Client,
    max_response_bytes: usize,
}

impl Transport {
    pub(crate) fn new(client: reqwest::Client, max_response_bytes: usize) -> Self {
        Self {
            client,
            max_response_bytes,
        }
    }

    /// Builds the default client: connect timeout, no redirects (a redirected POST could send a
    /// second code), the selected TLS backend.
    pub(crate) fn default_client(connect_timeout: Duration) -> Result<reqwest::Client, String> {
        let builder = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        #[cfg(feature = "rustls")]
        let builder = builder.use_rustls_tls();
        builder.build().map_err(|e| e.to_string())
    }

    /// Sends `request`; past `deadline` the attempt has timed out.
    ///
    /// A plain function, not an `async fn`: an `async fn` keeps its arguments in its future
    /// until it ends, so every call's future would hold the request (264 bytes) twice more
    /// while the answer is awaited. `execute` takes the request now instead.
    pub(crate) fn send(
        &self,
        request: reqwest::Request,
        deadline: tokio::time::Instant,
    ) -> impl Future<Output = Result<HttpResponse, AttemptFailure>> + '_ {
        self.attempt(self.client.execute(request), deadline)
    }

    async fn attempt(
        &self,
        pending: impl Future<Output = Result<reqwest::Response, reqwest::Error>>,
        deadline: tokio::time::Instant,
    ) -> Result<HttpResponse, AttemptFailure> {
        match tokio::time::timeout_at(deadline, self.read_response(pending)).await {
            Ok(result) => result,
            Err(_) => Err(AttemptFailure::AttemptTimeout),
        }
    }

    /// Awaits the response head, then the whole body under the size cap.
    async fn read_response(
        &self,
        pending: impl Future<Output = Result<reqwest::Response, reqwest::Error>>,
    ) -> Result<HttpResponse, AttemptFailure> {
        let mut response = pending.await.map_err(|e| {
            let e = without_query(e);
            if e.is_connect() {
                AttemptFailure::NotSent {
                    timed_out: e.is_timeout(),
                    source: e,
                }
            } else {
                AttemptFailure::MaybeSent(e)
            }
        })?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        if response
            .content_length()
            .is_some_and(|len| len > self.max_response_bytes as u64)
        {
            return Err(AttemptFailure::TooLarge { status, headers });
        }
        // A small answer comes in one chunk: keep it as it is; copy only to join several.
        let mut first: Option<Bytes> = None;
        let mut joined = BytesMut::new();
        let mut length = 0usize;
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    length += chunk.len();
                    if length > self.max_response_bytes {
                        return Err(AttemptFailure::TooLarge { status, headers });
                    }
                    match first.take() {
                        None if joined.is_empty() => first = Some(chunk),
                        earlier => {
                            if let Some(earlier) = earlier {
                                joined.extend_from_slice(&earlier);
                            }
                            joined.extend_from_slice(&chunk);
                        }
                    }
                }
                Ok(None) => break,
                Err(source) => {
                    return Err(AttemptFailure::Truncated {
                        status,
                        headers,
                        source: without_query(source),
                    });
                }
            }
        }
        let body = first.unwrap_or_else(|| joined.freeze());
        Ok(HttpResponse::new(status, headers, body))
    }
}
