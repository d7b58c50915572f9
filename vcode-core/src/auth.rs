//! How a request is authenticated just before each attempt: the family's credentials are
//! resolved on first use and cached, then the request is signed (or given its token).

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};
use url::Url;
use vcode_signing::{SignableBody, SignableRequest};

use crate::error::{ConstructionError, CredentialsError, CredentialsErrorKind, SdkError};
use crate::huawei::HuaweiAuth;
use crate::tencent::TencentAuth;
use crate::transport::Transport;

/// How a client authenticates. A vendor crate's [`Service::setup`](crate::service::Service::setup)
/// makes one with its family's function ([`crate::huawei::global_auth`],
/// [`crate::tencent::setup`]) or [`Auth::none`].
pub struct Auth(pub(crate) AuthKind);

pub(crate) enum AuthKind {
    None,
    Huawei(Box<HuaweiAuth>),
    Tencent(Box<TencentAuth>),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            AuthKind::None => f.write_str("Auth::None"),
            AuthKind::Huawei(h) => h.fmt(f),
            AuthKind::Tencent(t) => t.fmt(f),
        }
    }
}

impl Auth {
    /// No authentication (the CEC trial).
    pub fn none() -> Self {
        Self(AuthKind::None)
    }

    /// Adds authentication headers to a request about to be sent.
    pub(crate) async fn authorize(
        &self,
        method: &str,
        url: &Url,
        headers: &mut HeaderMap,
        body: &[u8],
        ctx: &SigningContext<'_>,
    ) -> Result<(), AuthError> {
        match &self.0 {
            AuthKind::None => Ok(()),
            AuthKind::Huawei(h) => h.authorize(method, url, headers, body, ctx).await,
            AuthKind::Tencent(t) => t.authorize(method, url, headers, body, ctx).await,
        }
    }
}

/// What signing needs from the runtime.
pub(crate) struct SigningContext<'a> {
    pub(crate) transport: &'a Transport,
    pub(crate) attempt_timeout: Duration,
    pub(crate) time: SystemTime,
    pub(crate) user_agent: &'a HeaderValue,
}

/// A credential that cannot be a header value.
fn unsendable_credential() -> CredentialsError {
    CredentialsError::new(
        CredentialsErrorKind::Invalid,
        "a credential holds characters that cannot be sent in a header",
    )
}

/// A header value marked sensitive (never logged by HTTP tooling).
pub(crate) fn sensitive(value: &str) -> Result<HeaderValue, CredentialsError> {
    let mut v = HeaderValue::from_str(value).map_err(|_| unsendable_credential())?;
    v.set_sensitive(true);
    Ok(v)
}

/// Why a request could not be authenticated: its credentials, or the request itself.
#[derive(Debug)]
pub(crate) enum AuthError {
    Credentials(CredentialsError),
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
pub(crate) fn signing_failed(e: vcode_signing::SigningError) -> AuthError {
    AuthError::Construction(ConstructionError::new(
        "the signer refused the request",
        Some(std::sync::Arc::new(e)),
    ))
}

/// Adds the signer's headers (marking credentials and the signature sensitive). The names
/// the schemes add are known: no name is parsed per call, and no value is copied.
pub(crate) fn add_signed_headers(
    headers: &mut HeaderMap,
    output: vcode_signing::SigningOutput,
) -> Result<(), CredentialsError> {
    let unsendable =
        || CredentialsError::new(CredentialsErrorKind::Invalid, "unsendable signed header");
    for added in output.into_headers() {
        let name = match signed_header_name(added.name()) {
            Some(name) => name,
            None => HeaderName::from_bytes(added.name().as_bytes()).map_err(|_| unsendable())?,
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

/// The header names the signers add, as constants.
fn signed_header_name(name: &str) -> Option<HeaderName> {
    use vcode_signing::{huawei, tencent};
    const X_SDK_DATE: HeaderName = HeaderName::from_static("x-sdk-date");
    const X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");
    const X_SDK_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-sdk-content-sha256");
    const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
    const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
    const X_TC_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-tc-content-sha256");
    Some(match name {
        "Authorization" => http::header::AUTHORIZATION,
        huawei::DATE_HEADER => X_SDK_DATE,
        huawei::SECURITY_TOKEN_HEADER => X_SECURITY_TOKEN,
        huawei::CONTENT_SHA256_HEADER => X_SDK_CONTENT_SHA256,
        tencent::TIMESTAMP_HEADER => X_TC_TIMESTAMP,
        tencent::TOKEN_HEADER => X_TC_TOKEN,
        tencent::CONTENT_SHA256_HEADER => X_TC_CONTENT_SHA256,
        _ => return None,
    })
}

/// The request as the signers see it. The user agent is not signed: proxies may rewrite it.
pub(crate) fn signable<'a>(
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

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use secrecy::SecretString;
    use vcode_signing::huawei;

    use super::*;

    /// The signer's headers land under their lower-case names, with the signature and the
    /// session token marked sensitive and the date not.
    #[test]
    fn signed_headers_are_added_with_credentials_marked_sensitive() {
        let signer = huawei::Signer::new("AK", "SK")
            .with_security_token(SecretString::from("token".to_owned()));
        let mut headers = HeaderMap::new();
        headers.insert(http::header::HOST, HeaderValue::from_static("example.com"));
        let request = signable("POST", "/v2/x", &headers, b"{}");
        let output = signer
            .sign(&request, UNIX_EPOCH + Duration::from_secs(1_795_336_200))
            .expect("signed");
        let authorization = output.authorization().to_owned();
        add_signed_headers(&mut headers, output).expect("added");

        let value = |name: &str| headers.get(name).expect(name);
        assert_eq!(value("x-sdk-date"), "20261122T083000Z");
        assert!(!value("x-sdk-date").is_sensitive());
        assert_eq!(value("x-security-token"), "token");
        assert!(value("x-security-token").is_sensitive());
        assert_eq!(value("authorization"), authorization.as_str());
        assert!(value("authorization").is_sensitive());
        assert_eq!(headers.len(), 4);
    }
}
