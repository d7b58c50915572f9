//! How a request is authenticated just before each attempt: the open seam through which a
//! vendor family signs a request (or adds its token), whatever the family.
//!
//! A family implements [`Authenticate`] and hands it to [`Auth::new`] from its services'
//! [`Service::setup`](vcode_core::service::Service::setup). Before every attempt the runtime calls
//! [`Authenticate::authorize`] with the request's method, URL, headers and body, and a
//! [`SigningContext`]: the time to sign with (the client's clock, corrected by the offset the
//! vendor reported), the attempt timeout, the user agent, and the client's own HTTP client for
//! what authentication itself must ask (an identity service's lookup).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};
use url::Url;
use vcode_signing::{SignableBody, SignableRequest};

use crate::error::{ConstructionError, CredentialsError, CredentialsErrorKind, SdkError};
use crate::transport::{AttemptFailure, HttpRequest, HttpResponse, Transport, deadline};

/// The future of [`Authenticate::authorize`].
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = Result<(), AuthError>> + Send + 'a>>;

/// How a family authenticates a request: a signature, a token header, or anything else that
/// is added to the request's headers just before it is sent.
pub trait Authenticate: fmt::Debug + Send + Sync + 'static {
    /// Adds the authentication headers to a request about to be sent. `headers` already hold
    /// `Host` and every header the operation and the client add, except the user agent.
    fn authorize<'a>(
        &'a self,
        request: AuthRequest<'a>,
        ctx: &'a SigningContext<'a>,
    ) -> AuthFuture<'a>;
}

/// The request being authenticated.
#[derive(Debug)]
#[non_exhaustive]
pub struct AuthRequest<'a> {
    /// The method (`GET`, `POST`).
    pub method: &'a str,
    /// The whole URL, query included.
    pub url: &'a Url,
    /// The headers; authentication adds its own here.
    pub headers: &'a mut HeaderMap,
    /// The body bytes, exactly as they will be sent.
    pub body: &'a [u8],
}

/// How a client authenticates: no authentication, or a family's [`Authenticate`].
pub struct Auth(Option<Box<dyn Authenticate>>);

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            None => f.write_str("Auth::None"),
            Some(auth) => auth.fmt(f),
        }
    }
}

impl Auth {
    /// No authentication (a service that takes no credentials).
    pub fn none() -> Self {
        Self(None)
    }

    /// A family's authentication.
    pub fn new(auth: impl Authenticate) -> Self {
        Self(Some(Box::new(auth)))
    }

    /// Adds authentication headers to a request about to be sent.
    pub(crate) async fn authorize(
        &self,
        request: AuthRequest<'_>,
        ctx: &SigningContext<'_>,
    ) -> Result<(), AuthError> {
        match &self.0 {
            None => Ok(()),
            Some(auth) => auth.authorize(request, ctx).await,
        }
    }
}

/// What signing needs from the runtime.
pub struct SigningContext<'a> {
    pub(crate) transport: &'a Transport,
    pub(crate) attempt_timeout: Duration,
    pub(crate) time: SystemTime,
    pub(crate) user_agent: &'a HeaderValue,
}

impl fmt::Debug for SigningContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningContext")
            .field("time", &self.time)
            .field("attempt_timeout", &self.attempt_timeout)
            .finish_non_exhaustive()
    }
}

impl SigningContext<'_> {
    /// The time to sign with: the client's clock, corrected by the offset the vendor reported
    /// after a clock-skew refusal.
    pub fn time(&self) -> SystemTime {
        self.time
    }

    /// The client's user agent (`<crate>/<version>` and its suffix).
    pub fn user_agent(&self) -> &HeaderValue {
        self.user_agent
    }

    /// Sends a request that authentication itself needs (an identity service's lookup)
    /// through the client's HTTP client, within the attempt timeout, and reads the answer
    /// whole under the client's size cap.
    ///
    /// # Errors
    /// The request failed or timed out, or the answer was cut short or too large: a message
    /// naming the cause, without the URL's query.
    pub async fn send(
        &self,
        method: http::Method,
        url: Url,
        headers: HeaderMap,
    ) -> Result<HttpResponse, String> {
        let request = HttpRequest {
            method,
            url,
            headers,
            body: bytes::Bytes::new(),
        };
        self.transport
            .send(
                request,
                deadline(tokio::time::Instant::now(), self.attempt_timeout),
            )
            .await
            .map_err(|e| match e {
                AttemptFailure::AttemptTimeout => "timed out".to_owned(),
                other => other
                    .into_source()
                    .map_or_else(|| "unreadable response".to_owned(), |s| s.to_string()),
            })
    }
}

/// Why a request could not be authenticated: its credentials, or the request itself.
#[derive(Debug)]
#[non_exhaustive]
pub enum AuthError {
    /// The credentials could not be resolved or used.
    Credentials(CredentialsError),
    /// The request cannot be signed (the signer refused it).
    Construction(ConstructionError),
}

impl From<CredentialsError> for AuthError {
    fn from(e: CredentialsError) -> Self {
        Self::Credentials(e)
    }
}

impl<E> From<AuthError> for SdkError<E> {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::Credentials(e) => Self::Credentials(e),
            AuthError::Construction(e) => Self::Construction(e),
        }
    }
}

/// The signer refused the request: a construction error, not a credentials one.
pub fn signing_failed(e: vcode_signing::SigningError) -> AuthError {
    AuthError::Construction(ConstructionError::new(
        "the signer refused the request",
        Some(std::sync::Arc::new(e)),
    ))
}

/// A credential that cannot be a header value.
fn unsendable_credential() -> CredentialsError {
    CredentialsError::new(
        CredentialsErrorKind::Invalid,
        "a credential holds characters that cannot be sent in a header",
    )
}

/// A header value marked sensitive (never logged by HTTP tooling).
///
/// # Errors
/// The value cannot be sent in a header.
pub fn sensitive(value: &str) -> Result<HeaderValue, CredentialsError> {
    let mut v = HeaderValue::from_str(value).map_err(|_| unsendable_credential())?;
    v.set_sensitive(true);
    Ok(v)
}

/// Adds a signer's headers, marking credentials and the signature sensitive. `known` names
/// the headers the scheme adds as constants (so no name is parsed per call); another name is
/// parsed.
///
/// # Errors
/// A header the signer produced cannot be sent.
pub fn add_signed_headers(
    headers: &mut HeaderMap,
    output: vcode_signing::SigningOutput,
    known: impl Fn(&str) -> Option<HeaderName>,
) -> Result<(), CredentialsError> {
    let unsendable =
        || CredentialsError::new(CredentialsErrorKind::Invalid, "unsendable signed header");
    for added in output.into_headers() {
        let name = match added.name() {
            "Authorization" => http::header::AUTHORIZATION,
            other => match known(other) {
                Some(name) => name,
                None => HeaderName::from_bytes(other.as_bytes()).map_err(|_| unsendable())?,
            },
        };
        let sensitive = added.is_sensitive() || name == http::header::AUTHORIZATION;
        let mut value = HeaderValue::from_maybe_shared(bytes::Bytes::from(added.into_value()))
            .map_err(|_| {
                if sensitive {
                    unsendable_credential()
                } else {
                    unsendable()
                }
            })?;
        value.set_sensitive(sensitive);
        headers.insert(name, value);
    }
    Ok(())
}

/// The request as the signers see it: the path and query of `url`, the headers (the user
/// agent left out: proxies may rewrite it) and the body.
pub fn signable<'a>(
    method: &'a str,
    path_and_query: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
) -> SignableRequest<'a> {
    SignableRequest::new(method, path_and_query, SignableBody::Bytes(body)).headers(
        headers
            .iter()
            .filter(|(name, _)| *name != http::header::USER_AGENT)
            .filter_map(|(name, value)| value.to_str().ok().map(|v| (name.as_str(), v))),
    )
}
