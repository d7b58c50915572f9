//! The default HTTP client: `hyper-util`'s pooled client, driven directly.
//!
//! reqwest is built on this same client. Driving it directly skips reqwest's own layers, which
//! a call of this SDK does not use but pays for on every request (two URL parses, redirect and
//! retry layers that run even with redirects off, proxy matching, a copy of the headers kept for
//! redirects): about half of a raw reqwest call's instructions (BENCHMARKS.md, "What reqwest's
//! own layers cost").
//!
//! It is configured as reqwest's default client is, so the wire and the failures are the same:
//! HTTP/1.1 only, `TCP_NODELAY`, TCP keepalive, a pool that keeps idle connections 90 seconds,
//! the connect timeout over the whole connect (TCP and the TLS handshake), and the TLS backend
//! the crate's features select:
//! - `rustls`: rustls with ring and the Mozilla root store (`webpki-roots`), TLS 1.2 and 1.3,
//!   ALPN `http/1.1`;
//! - `native-tls`: the platform's TLS with its roots;
//! - neither: plain HTTP only; an `https` request fails before anything is sent.
//!
//! It is used only where reqwest would have nothing to add (see `Transport::new`): a
//! caller's own `reqwest::Client`, and the proxies the environment names, go through reqwest.

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;

/// The environment variables a reqwest client takes its proxies from.
const PROXY_VARIABLES: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
];

/// Whether `var` names a proxy in any of reqwest's proxy variables. `var` is the environment
/// (`std::env::var_os`), or a test's.
pub(crate) fn proxy_configured(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    PROXY_VARIABLES
        .iter()
        .any(|name| var(name).is_some_and(|value| !value.is_empty()))
}

/// The connector of the selected TLS backend, under the connect timeout.
#[cfg(feature = "rustls")]
type Tls = hyper_rustls::HttpsConnector<HttpConnector>;
#[cfg(all(feature = "native-tls", not(feature = "rustls")))]
type Tls = hyper_tls::HttpsConnector<HttpConnector>;
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
type Tls = HttpConnector;

/// The pooled client of the default transport.
pub(crate) type DirectClient = Client<Timed<Tls>, Full<Bytes>>;

/// Builds the default client: see the module's documentation.
///
/// # Errors
/// The platform's TLS cannot be initialised (`native-tls`).
pub(crate) fn client(connect_timeout: Duration) -> Result<DirectClient, String> {
    let mut http = HttpConnector::new();
    // The scheme is the TLS layer's to check; without one, `https` is refused below it.
    http.enforce_http(!cfg!(any(feature = "rustls", feature = "native-tls")));
    http.set_nodelay(true);
    http.set_keepalive(Some(Duration::from_secs(15)));
    http.set_keepalive_interval(Some(Duration::from_secs(15)));
    http.set_keepalive_retries(Some(3));
    #[cfg(any(target_os = "android", target_os = "fuchsia", target_os = "linux"))]
    http.set_tcp_user_timeout(Some(Duration::from_secs(30)));
    let connector = Timed {
        inner: tls(http)?,
        timeout: connect_timeout,
    };
    Ok(Client::builder(hyper_util::rt::TokioExecutor::new())
        .timer(hyper_util::rt::TokioTimer::new())
        .pool_timer(hyper_util::rt::TokioTimer::new())
        .pool_idle_timeout(Duration::from_secs(90))
        .build(connector))
}

#[cfg(feature = "rustls")]
fn tls(http: HttpConnector) -> Result<Tls, String> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| format!("TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // What reqwest offers for HTTP/1.1 only (hyper-rustls' builder would offer none).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(hyper_rustls::HttpsConnector::from((http, config)))
}

#[cfg(all(feature = "native-tls", not(feature = "rustls")))]
fn tls(http: HttpConnector) -> Result<Tls, String> {
    let tls = native_tls::TlsConnector::new().map_err(|e| format!("TLS: {e}"))?;
    Ok(hyper_tls::HttpsConnector::from((
        http,
        tokio_native_tls::TlsConnector::from(tls),
    )))
}

#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn tls(http: HttpConnector) -> Result<Tls, String> {
    Ok(http)
}

/// A connector whose whole connect (TCP, then TLS) fails with `TimedOut` past `timeout`, as
/// reqwest's connect timeout does.
#[derive(Clone, Debug)]
pub(crate) struct Timed<C> {
    inner: C,
    timeout: Duration,
}

type BoxError = Box<dyn StdError + Send + Sync>;

impl<C> tower_service::Service<Uri> for Timed<C>
where
    C: tower_service::Service<Uri>,
    C::Future: Send + 'static,
    C::Error: Into<BoxError>,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<C::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let timeout = self.timeout;
        Box::pin(async move {
            match tokio::time::timeout(timeout, connecting).await {
                Ok(connected) => connected.map_err(Into::into),
                Err(_) => Err(Box::new(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "connect timed out",
                )) as BoxError),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_variable_with_a_value_sends_through_reqwest() {
        for name in PROXY_VARIABLES {
            let var = |n: &str| (n == name).then(|| "http://proxy:3128".into());
            assert!(proxy_configured(var), "{name}");
        }
    }

    #[test]
    fn no_proxy_or_empty_variables_keep_the_direct_client() {
        assert!(!proxy_configured(|_| None));
        assert!(!proxy_configured(|_| Some("".into())));
        // NO_PROXY alone names no proxy.
        assert!(!proxy_configured(|n| (n == "NO_PROXY").then(|| "*".into())));
    }
}
