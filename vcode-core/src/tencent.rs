//! The Tencent Cloud API 3.0 family: `TC3-HMAC-SHA256` authentication scoped to a product,
//! the client-wide `X-TC-Language` and `X-TC-Region` headers, and the product's host.

use std::fmt;
use std::sync::Arc;

use http::{HeaderMap, HeaderName, HeaderValue};
use tokio::sync::OnceCell;
use url::Url;
use vcode_signing::tencent;

use crate::auth::{
    Auth, AuthError, AuthKind, SigningContext, add_signed_headers, signable, signing_failed,
};
use crate::config::{BuildError, ClientConfig};
use crate::credentials::{ProvideCredentials, TencentCredentials};
use crate::endpoint::path_and_query;
use crate::error::{CredentialsError, ResponseError, ServiceError, ServiceErrorKind};
use crate::runtime::{Failure, OperationRequest};
use crate::service::Family;
use crate::transport::HttpResponse;

/// The language of Tencent's messages (`X-TC-Language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TencentLanguage {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`.
    EnUs,
}

impl TencentLanguage {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::EnUs => "en-US",
        }
    }
}

/// The root domain a product's host is under: `https://{product}.{root domain}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RootDomain {
    /// `tencentcloudapi.com`, as the official Go SDK (the default).
    #[default]
    TencentCloudApi,
    /// `intl.tencentcloudapi.com`, as the official Python SDK and newer reference pages.
    IntlTencentCloudApi,
}

impl RootDomain {
    /// The domain.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TencentCloudApi => "tencentcloudapi.com",
            Self::IntlTencentCloudApi => "intl.tencentcloudapi.com",
        }
    }

    /// `https://{product}.{domain}`.
    pub fn endpoint(self, product: &str) -> String {
        format!("https://{product}.{}", self.as_str())
    }
}

/// The region sent as `X-TC-Region` (none by default; actions that are not regional need
/// none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TencentRegion(Option<String>);

impl TencentRegion {
    /// A region id, such as `ap-singapore`.
    pub fn new(region: impl Into<String>) -> Self {
        Self(Some(region.into()))
    }

    /// The region id, when one is set.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl From<&str> for TencentRegion {
    fn from(region: &str) -> Self {
        Self::new(region)
    }
}

impl From<String> for TencentRegion {
    fn from(region: String) -> Self {
        Self::new(region)
    }
}

/// The Tencent family's client settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TencentFamily {
    /// `X-TC-Language` (not sent when unset).
    pub language: Option<TencentLanguage>,
    /// The root domain of the product's host.
    pub root_domain: RootDomain,
}

impl Family for TencentFamily {
    type Credentials = TencentCredentials;
}

/// Sets a client of `product` (the TC3 service, e.g. `intlpartnersmgt`) up: `X-TC-Region`
/// and `X-TC-Language` on every request, and TC3 signing with the credentials, or without
/// them the official chain (environment, then `~/.tencentcloud/credentials`).
///
/// # Errors
/// A region that cannot be sent as a header.
pub fn setup(
    product: &'static str,
    region: &TencentRegion,
    family: TencentFamily,
    credentials: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
    config: &mut ClientConfig,
) -> Result<Auth, BuildError> {
    if let Some(region) = region.as_str() {
        let value = HeaderValue::from_str(region)
            .ok()
            .filter(|_| !region.is_empty() && crate::validate::is_header_safe(region))
            .ok_or_else(|| {
                BuildError::new(format!(
                    "region `{}` is not a valid header value",
                    crate::mask::truncate(region)
                ))
            })?;
        config.add_default_header(HeaderName::from_static("x-tc-region"), value);
    }
    if let Some(language) = family.language {
        config.add_default_header(
            HeaderName::from_static("x-tc-language"),
            HeaderValue::from_static(language.as_str()),
        );
    }
    let provider = credentials
        .unwrap_or_else(|| Arc::new(crate::credentials::CredentialsChain::tencent_default()));
    Ok(Auth(AuthKind::Tencent(Box::new(TencentAuth {
        provider,
        product,
        resolved: OnceCell::new(),
    }))))
}

pub(crate) struct TencentAuth {
    provider: Arc<dyn ProvideCredentials<TencentCredentials>>,
    product: &'static str,
    resolved: OnceCell<tencent::Signer>,
}

impl fmt::Debug for TencentAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth::Tencent")
            .field("provider", &self.provider)
            .field("service", &self.product)
            .finish()
    }
}

impl TencentAuth {
    /// Adds the TC3 headers.
    pub(crate) async fn authorize(
        &self,
        method: &str,
        url: &Url,
        headers: &mut HeaderMap,
        body: &[u8],
        ctx: &SigningContext<'_>,
    ) -> Result<(), AuthError> {
        let signer = self
            .resolved
            .get_or_try_init(|| async {
                let credentials = crate::credentials::require(self.provider.as_ref())?;
                Ok::<_, CredentialsError>(credentials.signer(self.product))
            })
            .await?;
        let target = path_and_query(url);
        let request = signable(method, &target, headers, body);
        let output = signer.sign(&request, ctx.time).map_err(signing_failed)?;
        Ok(add_signed_headers(headers, output)?)
    }
}

/// An API 3.0 request: a JSON `POST /` naming the action and version in `X-TC-Action` and
/// `X-TC-Version`.
pub fn action_request(
    action: &'static str,
    version: &'static str,
    body: Vec<u8>,
) -> OperationRequest {
    OperationRequest::post_json("/", body)
        .header(
            HeaderName::from_static("x-tc-action"),
            HeaderValue::from_static(action),
        )
        .header(
            HeaderName::from_static("x-tc-version"),
            HeaderValue::from_static(version),
        )
}

#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Body,
}

#[derive(serde::Deserialize)]
struct Body {
    #[serde(rename = "RequestId", default)]
    request_id: Option<String>,
    #[serde(rename = "Error", default)]
    error: Option<ErrorBody>,
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// Decodes the API 3.0 envelope of an action whose success carries only `RequestId`, and
/// answers it. A response is an error exactly when `Response.Error` is present, whatever the
/// HTTP status.
///
/// # Errors
/// The vendor's error, mapped by `from_code`, or a response that is not the envelope.
pub fn decode_envelope<E: ServiceErrorKind>(
    response: &HttpResponse,
    from_code: impl FnOnce(&str) -> E,
) -> Result<String, Failure<E>> {
    let Ok(Envelope { response: body }) = serde_json::from_slice::<Envelope>(response.body())
    else {
        return Err(Failure::Response(ResponseError::malformed(
            response,
            r#"{"Response": {...}}"#,
        )));
    };
    match body.error {
        Some(error) => Err(Failure::Service(
            ServiceError::new(from_code(&error.code), error.code, error.message)
                .with_request_id(body.request_id),
        )),
        None => body.request_id.ok_or_else(|| {
            Failure::Response(ResponseError::malformed(response, "Response.RequestId"))
        }),
    }
}
