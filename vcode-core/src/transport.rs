//! One attempt over HTTP: send, enforce the timeouts, read the body under a size cap, and say
//! whether a failure happened before or after the request left.
//!
//! One HTTP client sends: reqwest, the caller's own client or one built here with the crate's
//! TLS backend, the connect timeout, no redirects and the environment's proxies.

use std::error::Error as StdError;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::HeaderMap;

use crate::mask::redacted_snippet;

mod proxy;

/// The request id header most vendors answer with.
pub(crate) const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

/// The `X-Request-Id` header of a response, when present and text.
pub fn request_id(headers: &HeaderMap) -> Option<&str> {
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

/// One attempt's request: what the runtime built and signed, before any HTTP client sees it.
/// No `Debug`: it holds the signature and the query (personal data); a dry run's
/// `PreparedRequest` is the one view of a request that may be shown.
pub(crate) struct HttpRequest {
    pub(crate) method: http::Method,
    pub(crate) url: url::Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

type BoxError = Box<dyn StdError + Send + Sync>;

/// How one attempt failed.
#[derive(Debug)]
pub(crate) enum AttemptFailure {
    /// The request never left: connection refused, DNS or TLS failure, connect timeout.
    NotSent { source: BoxError, timed_out: bool },
    /// The connection failed after the request may have left.
    MaybeSent(BoxError),
    /// The per-attempt timeout fired.
    AttemptTimeout,
    /// The body exceeded the cap.
    TooLarge { status: u16, headers: HeaderMap },
    /// The connection failed while reading the body.
    Truncated {
        status: u16,
        headers: HeaderMap,
        source: BoxError,
    },
}

impl AttemptFailure {
    /// A request that got no answer: a failure while connecting never sent it (`timed_out`
    /// when the connect timeout ended it); any later one may have sent it.
    fn dispatch(connect: bool, timed_out: bool, source: BoxError) -> Self {
        if connect {
            Self::NotSent { source, timed_out }
        } else {
            Self::MaybeSent(source)
        }
    }

    pub(crate) fn into_source(self) -> Option<BoxError> {
        match self {
            Self::NotSent { source, .. }
            | Self::MaybeSent(source)
            | Self::Truncated { source, .. } => Some(source),
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
    /// The caller's reqwest client when there is one, else [`default_client`].
    ///
    /// # Errors
    /// The HTTP client cannot be built: TLS cannot be initialised, or a proxy variable names a
    /// proxy that cannot be used.
    pub(crate) fn new(
        caller_client: Option<reqwest::Client>,
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Self, String> {
        let client = match caller_client {
            Some(client) => client,
            None => default_client(connect_timeout)?,
        };
        Ok(Self {
            client,
            max_response_bytes,
        })
    }

    /// Sends `request`; past `deadline` the attempt has timed out.
    ///
    /// A plain function, not an `async fn`: an `async fn` keeps its arguments in its future
    /// until it ends, so every call's future would hold the request twice more while the
    /// answer is awaited. The client takes the request now instead.
    pub(crate) fn send(
        &self,
        request: HttpRequest,
        deadline: tokio::time::Instant,
    ) -> impl Future<Output = Result<HttpResponse, AttemptFailure>> + '_ {
        let mut http_request = reqwest::Request::new(request.method, request.url);
        *http_request.headers_mut() = request.headers;
        *http_request.body_mut() = Some(reqwest::Body::from(request.body));
        let pending = self.client.execute(http_request);
        async move {
            let read = async {
                let response = pending.await.map_err(|e| {
                    let e = without_query(e);
                    let (connect, timed_out) = (e.is_connect(), e.is_timeout());
                    AttemptFailure::dispatch(connect, connect && timed_out, Box::new(e))
                })?;
                self.read_body(response).await
            };
            match tokio::time::timeout_at(deadline, read).await {
                Ok(result) => result,
                Err(_) => Err(AttemptFailure::AttemptTimeout),
            }
        }
    }

    /// Reads the whole body under the size cap.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
    ) -> Result<HttpResponse, AttemptFailure> {
        let status = response.status().as_u16();
        if response
            .content_length()
            .is_some_and(|len| len > self.max_response_bytes as u64)
        {
            let headers = std::mem::take(response.headers_mut());
            return Err(AttemptFailure::TooLarge { status, headers });
        }
        // A small answer comes in one chunk: keep it as it is; copy only to join several.
        let mut first: Option<Bytes> = None;
        let mut joined = BytesMut::new();
        let mut length = 0usize;
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(source) => {
                    return Err(AttemptFailure::Truncated {
                        status,
                        headers: std::mem::take(response.headers_mut()),
                        source: Box::new(without_query(source)),
                    });
                }
            };
            length += chunk.len();
            if length > self.max_response_bytes {
                let headers = std::mem::take(response.headers_mut());
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
        let headers = std::mem::take(response.headers_mut());
        let body = first.unwrap_or_else(|| joined.freeze());
        Ok(HttpResponse::new(status, headers, body))
    }
}

/// The client a vendor client uses when the caller gives none: the connect timeout (over TCP
/// and the TLS handshake), no redirects (a redirected POST could send a second code), HTTP/1.1,
/// the TLS backend of the crate's features, and reqwest's proxies (the environment's, and on
/// macOS and Windows the system's).
///
/// # Errors
/// A proxy variable names a proxy that cannot be used, or TLS cannot be initialised.
fn default_client(connect_timeout: Duration) -> Result<reqwest::Client, String> {
    proxy::check_environment(|name| std::env::var_os(name))?;
    let builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    #[cfg(feature = "rustls")]
    let builder = builder.tls_backend_rustls();
    #[cfg(all(feature = "native-tls", not(feature = "rustls")))]
    let builder = builder.tls_backend_native();
    builder.build().map_err(|e| e.to_string())
}
