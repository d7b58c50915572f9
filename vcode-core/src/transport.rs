//! One attempt over HTTP: send, enforce the timeouts, read the body under a size cap, and say
//! whether a failure happened before or after the request left.
//!
//! Two clients can send: `hyper-util`'s pooled client driven directly (`direct`, the default)
//! or a reqwest client (the caller's, or reqwest's default one when the environment names a
//! proxy). Both put the same request on the wire; the body is read by one function for both.

use std::error::Error as StdError;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::HeaderMap;
use http_body_util::BodyExt;

use crate::mask::redacted_snippet;

mod direct;

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
    client: Backend,
    max_response_bytes: usize,
}

/// Which client sends: `hyper-util`'s directly, or a reqwest client.
#[derive(Clone, Debug)]
enum Backend {
    Direct(Box<direct::DirectClient>),
    Reqwest(reqwest::Client),
}

impl Transport {
    /// The caller's reqwest client when there is one. Otherwise the direct client, unless the
    /// environment names a proxy: then reqwest's default client, which applies it (and
    /// `NO_PROXY`) as reqwest always has.
    ///
    /// # Errors
    /// The HTTP client cannot be built (TLS cannot be initialised).
    pub(crate) fn new(
        caller_client: Option<reqwest::Client>,
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Self, String> {
        let client = match caller_client {
            Some(client) => Backend::Reqwest(client),
            None if direct::proxy_configured(|name| std::env::var_os(name)) => {
                Backend::Reqwest(Self::reqwest_client(connect_timeout)?)
            }
            None => Backend::Direct(Box::new(direct::client(connect_timeout)?)),
        };
        Ok(Self {
            client,
            max_response_bytes,
        })
    }

    /// A reqwest client configured as the direct one: connect timeout, no redirects (a
    /// redirected POST could send a second code), the selected TLS backend.
    fn reqwest_client(connect_timeout: Duration) -> Result<reqwest::Client, String> {
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
    /// until it ends, so every call's future would hold the request twice more while the
    /// answer is awaited. The client takes the request now instead.
    pub(crate) fn send(
        &self,
        request: HttpRequest,
        deadline: tokio::time::Instant,
    ) -> impl Future<Output = Result<HttpResponse, AttemptFailure>> + '_ {
        let pending = match &self.client {
            Backend::Direct(client) => match Self::direct_request(request) {
                Ok((request, url)) => Pending::Direct(client.request(request), url),
                Err(failure) => Pending::Refused(failure),
            },
            Backend::Reqwest(client) => {
                let mut http_request = reqwest::Request::new(request.method, request.url);
                *http_request.headers_mut() = request.headers;
                *http_request.body_mut() = Some(reqwest::Body::from(request.body));
                Pending::Reqwest(client.execute(http_request))
            }
        };
        async move {
            let read = async {
                match pending {
                    Pending::Refused(failure) => Err(failure),
                    Pending::Direct(pending, url) => {
                        let response = pending.await.map_err(|source| {
                            let connect = source.is_connect();
                            let timed_out = connect && timed_out(&source);
                            let source = Box::new(SendError::new(url, source));
                            AttemptFailure::dispatch(connect, timed_out, source)
                        })?;
                        self.read_body(response).await
                    }
                    Pending::Reqwest(pending) => {
                        let response = pending.await.map_err(|e| {
                            let e = without_query(e);
                            let (connect, timed_out) = (e.is_connect(), e.is_timeout());
                            AttemptFailure::dispatch(connect, connect && timed_out, Box::new(e))
                        })?;
                        let response = http::Response::from(response);
                        self.read_body(response.map(|body| body.map_err(without_query)))
                            .await
                    }
                }
            };
            match tokio::time::timeout_at(deadline, read).await {
                Ok(result) => result,
                Err(_) => Err(AttemptFailure::AttemptTimeout),
            }
        }
    }

    /// The request as `hyper-util` takes it, with what reqwest would add: `Accept: */*` when
    /// the request has none (reqwest's one default header), so both send the same bytes.
    fn direct_request(
        request: HttpRequest,
    ) -> Result<(http::Request<http_body_util::Full<Bytes>>, url::Url), AttemptFailure> {
        let uri =
            http::Uri::try_from(request.url.as_str()).map_err(|e| AttemptFailure::NotSent {
                source: Box::new(e),
                timed_out: false,
            })?;
        let mut headers = request.headers;
        headers
            .entry(http::header::ACCEPT)
            .or_insert(http::HeaderValue::from_static("*/*"));
        let mut http_request = http::Request::new(http_body_util::Full::new(request.body));
        *http_request.method_mut() = request.method;
        *http_request.uri_mut() = uri;
        *http_request.headers_mut() = headers;
        Ok((http_request, request.url))
    }

    /// Reads the whole body under the size cap.
    async fn read_body<B>(
        &self,
        response: http::Response<B>,
    ) -> Result<HttpResponse, AttemptFailure>
    where
        B: hyper::body::Body<Data = Bytes>,
        B::Error: Into<BoxError>,
    {
        let (parts, body) = response.into_parts();
        let status = parts.status.as_u16();
        let headers = parts.headers;
        if body
            .size_hint()
            .exact()
            .is_some_and(|len| len > self.max_response_bytes as u64)
        {
            return Err(AttemptFailure::TooLarge { status, headers });
        }
        let mut body = std::pin::pin!(body);
        // A small answer comes in one chunk: keep it as it is; copy only to join several.
        let mut first: Option<Bytes> = None;
        let mut joined = BytesMut::new();
        let mut length = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = match frame {
                Ok(frame) => frame,
                Err(source) => {
                    return Err(AttemptFailure::Truncated {
                        status,
                        headers,
                        source: source.into(),
                    });
                }
            };
            // Trailers carry no body bytes.
            let Ok(chunk) = frame.into_data() else {
                continue;
            };
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
        let body = first.unwrap_or_else(|| joined.freeze());
        Ok(HttpResponse::new(status, headers, body))
    }
}

/// A request handed to its client, its answer not yet awaited (the direct client's with its
/// URL, for an error); or refused before it was handed over.
enum Pending<D, R> {
    Direct(D, url::Url),
    Reqwest(R),
    Refused(AttemptFailure),
}

/// A failure to send through the direct client, named as reqwest names one: by the request's
/// URL without its query (which can hold personal data), so an error still tells which service
/// failed.
#[derive(Debug)]
struct SendError {
    url: url::Url,
    source: hyper_util::client::legacy::Error,
}

impl SendError {
    fn new(mut url: url::Url, source: hyper_util::client::legacy::Error) -> Self {
        url.set_query(None);
        Self { url, source }
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error sending request for url ({})", self.url)
    }
}

impl StdError for SendError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// Whether a connect failure was the connect timeout (`direct::Timed`'s `TimedOut`).
fn timed_out(error: &(dyn StdError + 'static)) -> bool {
    std::iter::successors(Some(error), |&e| e.source()).any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::TimedOut)
    })
}
