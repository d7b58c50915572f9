//! The Tencent Cloud API 3.0 family of the vcode clients: what every Tencent product crate
//! (`tencent-partners`) shares.
//!
//! - [`TencentFamily`] and [`setup`]: `TC3-HMAC-SHA256` authentication scoped to a product,
//!   the client-wide `X-TC-Language` and `X-TC-Region` headers, and the product's host
//!   ([`RootDomain`]);
//! - [`action_request`], [`decode_action`] and [`decode_envelope`]: the API 3.0 request and
//!   its `Response` envelope, and [`CommonError`], the codes any action can answer (with
//!   `AuthFailure.SignatureExpire`, which the runtime answers by correcting its clock once);
//! - [`credentials`]: [`TencentCredentials`] and the official SDKs' providers (environment,
//!   profile file, CVM role) in their order ([`default_chain`]);
//! - [`TencentClientBuilderExt`]: the family's builder settings, language and root domain.
//!
//! Application code uses these through a product crate, which re-exports what its callers
//! need.
//!
//! ```
//! use vcode_tencent::CommonError;
//!
//! let throttled = CommonError::from_code("RequestLimitExceeded.UinLimitExceeded");
//! assert_eq!(throttled.map(|e| e.class()), Some(vcode_core::ErrorClass::Throttling));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod credentials;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderName, HeaderValue};
use serde_json::{Map, Value};
use vcode_core::credentials::{Cached, Entry, ProvideCredentials, SharedProvider};
use vcode_core::service::{
    Auth, AuthError, AuthFuture, AuthRequest, Authenticate, Failure, Family, HttpResponse,
    OperationRequest, Service, SigningContext, add_signed_headers, path_and_query, signable,
    signing_failed,
};
use vcode_core::{
    BuildError, ClientBuilder, ClientConfig, CredentialsError, ErrorClass, ResponseError,
    ServiceError, ServiceErrorKind,
};
use vcode_signing::tencent;

pub use credentials::{
    DEFAULT_REFRESH_WINDOW, TencentCredentials, TencentCvmRoleProvider, TencentEnvProvider,
    TencentProfileProvider, default_chain,
};

/// The language of Tencent's messages (`X-TC-Language`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TencentLanguage {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`: the default, as the official intl-en SDK sends on every call.
    #[default]
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
    /// `X-TC-Language`, sent on every request (default `en-US`, as the official intl-en SDK).
    pub language: TencentLanguage,
    /// The root domain of the product's host.
    pub root_domain: RootDomain,
}

impl Family for TencentFamily {
    type Credentials = TencentCredentials;

    fn default_credentials(
        config: &ClientConfig,
    ) -> Option<Arc<dyn ProvideCredentials<TencentCredentials>>> {
        Some(Arc::new(SharedProvider::new(
            credentials::chain(config.metadata_credentials()),
            DEFAULT_REFRESH_WINDOW,
        )))
    }
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
            .filter(|_| !region.is_empty() && vcode_core::validate::is_header_safe(region))
            .ok_or_else(|| {
                BuildError::new(format!(
                    "region `{}` is not a valid header value",
                    vcode_core::mask::truncate(region)
                ))
            })?;
        config.add_default_header(HeaderName::from_static("x-tc-region"), value);
    }
    config.add_default_header(
        HeaderName::from_static("x-tc-language"),
        HeaderValue::from_static(family.language.as_str()),
    );
    let provider =
        credentials.unwrap_or_else(|| Arc::new(credentials::chain(config.metadata_credentials())));
    Ok(Auth::new(TencentAuth {
        provider,
        product,
        window: config
            .credentials_refresh_window()
            .unwrap_or(DEFAULT_REFRESH_WINDOW),
        resolved: Cached::default(),
    }))
}

/// The headers the TC3 signer adds, as constants.
fn signed_header_name(name: &str) -> Option<HeaderName> {
    const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
    const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
    const X_TC_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-tc-content-sha256");
    Some(match name {
        tencent::TIMESTAMP_HEADER => X_TC_TIMESTAMP,
        tencent::TOKEN_HEADER => X_TC_TOKEN,
        tencent::CONTENT_SHA256_HEADER => X_TC_CONTENT_SHA256,
        _ => return None,
    })
}

struct TencentAuth {
    provider: Arc<dyn ProvideCredentials<TencentCredentials>>,
    product: &'static str,
    /// How long before expiry the credentials are refreshed.
    window: Duration,
    resolved: Cached<tencent::Signer>,
}

impl fmt::Debug for TencentAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth::Tencent")
            .field("provider", &self.provider)
            .field("service", &self.product)
            .finish()
    }
}

impl Authenticate for TencentAuth {
    fn authorize<'a>(
        &'a self,
        request: AuthRequest<'a>,
        ctx: &'a SigningContext<'a>,
    ) -> AuthFuture<'a> {
        Box::pin(self.add_headers(request, ctx))
    }
}

impl TencentAuth {
    /// Adds the TC3 headers.
    async fn add_headers(
        &self,
        request: AuthRequest<'_>,
        ctx: &SigningContext<'_>,
    ) -> Result<(), AuthError> {
        // Cached, and refreshed before the credentials expire.
        let signer = self
            .resolved
            .get(ctx.time(), self.window, || async {
                let credentials = vcode_core::credentials::require(self.provider.as_ref()).await?;
                // Whatever the source (a profile file, a provider): no empty part.
                credentials.check()?;
                Ok::<_, CredentialsError>(Entry {
                    value: credentials.signer(self.product),
                    expires_at: credentials.expires_at(),
                })
            })
            .await?;
        let target = path_and_query(request.url);
        let signable = signable(request.method, &target, request.headers, request.body);
        let output = signer
            .value
            .sign(&signable, ctx.time())
            .map_err(signing_failed)?;
        Ok(add_signed_headers(
            request.headers,
            output,
            signed_header_name,
        )?)
    }
}

/// An API 3.0 request: a JSON `POST /` naming the action and version in `X-TC-Action` and
/// `X-TC-Version`.
pub fn action_request(
    action: &'static str,
    version: &'static str,
    body: Vec<u8>,
) -> OperationRequest {
    with_action(OperationRequest::post_json("/", body), action, version)
}

/// [`action_request`] for a body holding `secrets`: see
/// [`OperationRequest::post_secret_json`].
pub fn secret_action_request(
    action: &'static str,
    version: &'static str,
    body: Vec<u8>,
    secrets: Vec<vcode_core::Password>,
) -> OperationRequest {
    with_action(
        OperationRequest::post_secret_json("/", body, secrets),
        action,
        version,
    )
}

fn with_action(
    request: OperationRequest,
    action: &'static str,
    version: &'static str,
) -> OperationRequest {
    const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
    const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
    request
        .header(X_TC_ACTION, HeaderValue::from_static(action))
        .header(X_TC_VERSION, HeaderValue::from_static(version))
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
    decode_action::<serde::de::IgnoredAny, E>(response, from_code).map(|(_, request_id)| request_id)
}

/// Decodes the API 3.0 envelope of an action whose success carries data: `Response` (less
/// `RequestId`) decodes as `T`. A response is an error exactly when `Response.Error` is
/// present, whatever the HTTP status.
///
/// # Errors
/// The vendor's error, mapped by `from_code`, or a response that is not the envelope or whose
/// data is not as documented.
pub fn decode_action<T: serde::de::DeserializeOwned, E: ServiceErrorKind>(
    response: &HttpResponse,
    from_code: impl FnOnce(&str) -> E,
) -> Result<(T, String), Failure<E>> {
    let malformed =
        |expected: &str| Failure::Response(ResponseError::malformed(response, expected));
    // Read as JSON objects, field by field: a derived struct would also accept an array.
    let Some(Value::Object(mut body)) =
        serde_json::from_slice::<Map<String, Value>>(response.body())
            .ok()
            .and_then(|mut envelope| envelope.remove("Response"))
    else {
        return Err(malformed(r#"{"Response": {...}}"#));
    };
    let request_id = match body.remove("RequestId") {
        Some(Value::String(id)) => Some(vcode_core::mask::truncate(&id)),
        None | Some(Value::Null) => None,
        Some(_) => return Err(malformed("Response.RequestId as a string")),
    };
    match body.remove("Error") {
        None | Some(Value::Null) => {
            let request_id = request_id.ok_or_else(|| malformed("Response.RequestId"))?;
            let data = serde_json::from_value(Value::Object(body))
                .map_err(|_| malformed("the action's documented Response fields"))?;
            Ok((data, request_id))
        }
        Some(Value::Object(error)) => {
            let (Some(Value::String(code)), message) = (error.get("Code"), error.get("Message"))
            else {
                return Err(malformed("Response.Error.Code as a string"));
            };
            let message = match message {
                Some(Value::String(message)) => message.clone(),
                None | Some(Value::Null) => String::new(),
                Some(_) => return Err(malformed("Response.Error.Message as a string")),
            };
            // Codes are printed in errors: one bounded line, whatever the vendor sent.
            let code = vcode_core::mask::truncate(code);
            Err(Failure::Service(
                ServiceError::new(from_code(&code), code, message).with_request_id(request_id),
            ))
        }
        Some(_) => Err(malformed("Response.Error as an object")),
    }
}

/// `AuthFailure.*`: the request was not authenticated. Never retried, except
/// [`SignatureExpire`](Self::SignatureExpire) once after correcting the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthFailure {
    /// `AuthFailure.InvalidAuthorization`: the Authorization header is malformed.
    InvalidAuthorization,
    /// `AuthFailure.InvalidSecretId`: the SecretId is not a valid key (not a cloud API key).
    InvalidSecretId,
    /// `AuthFailure.MFAFailure`: multi-factor authentication failed.
    MfaFailure,
    /// `AuthFailure.SecretIdNotFound`: the SecretId does not exist or is disabled.
    SecretIdNotFound,
    /// `AuthFailure.SignatureExpire`: the timestamp is more than five minutes off the server's.
    SignatureExpire,
    /// `AuthFailure.SignatureFailure`: the signature is wrong.
    SignatureFailure,
    /// `AuthFailure.TokenFailure`: the session token is wrong or expired.
    TokenFailure,
    /// `AuthFailure.UnauthorizedOperation`: the key may not call this action.
    UnauthorizedOperation,
    /// Another `AuthFailure.*` code, kept as received.
    Other(String),
}

/// `RequestLimitExceeded` and its sub-codes: throttled before processing, retried with backoff.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestLimitExceeded {
    /// `RequestLimitExceeded`: too many requests.
    General,
    /// `RequestLimitExceeded.GlobalRegionUinLimitExceeded`: the account's global limit.
    GlobalRegionUinLimitExceeded,
    /// `RequestLimitExceeded.IPLimitExceeded`: this IP's limit.
    IpLimitExceeded,
    /// `RequestLimitExceeded.UinLimitExceeded`: the account's limit.
    UinLimitExceeded,
    /// Another `RequestLimitExceeded.*` code, kept as received.
    Other(String),
}

/// The API 3.0 common error codes, which any action can answer. An action's own error enum
/// holds them as its `Common` variant.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommonError {
    /// `AuthFailure.*`.
    AuthFailure(AuthFailure),
    /// `RequestLimitExceeded*`.
    RequestLimitExceeded(RequestLimitExceeded),
    /// `ActionOffline`: the action is offline.
    ActionOffline,
    /// `DryRunOperation`: a dry run would have succeeded.
    DryRunOperation,
    /// `InternalError`: internal error.
    InternalError,
    /// `InvalidAction`: the action does not exist.
    InvalidAction,
    /// `InvalidParameter`: a parameter is wrong.
    InvalidParameter,
    /// `InvalidRequest`: the request body is malformed.
    InvalidRequest,
    /// `IpInBlacklist`: the caller's IP is blocked.
    IpInBlacklist,
    /// `IpNotInWhitelist`: the caller's IP is not allowed.
    IpNotInWhitelist,
    /// `LimitExceeded`: a quota was exceeded.
    LimitExceeded,
    /// `MissingParameter`: a required parameter is missing.
    MissingParameter,
    /// `NoSuchProduct`: the product does not exist.
    NoSuchProduct,
    /// `NoSuchVersion`: the API version does not exist.
    NoSuchVersion,
    /// `RequestSizeLimitExceeded`: the request is too large.
    RequestSizeLimitExceeded,
    /// `ResourceInUse`: the resource is in use.
    ResourceInUse,
    /// `ResourceInsufficient`: insufficient resources.
    ResourceInsufficient,
    /// `ResourceNotFound`: the resource does not exist.
    ResourceNotFound,
    /// `ResourceUnavailable`: the resource is unavailable.
    ResourceUnavailable,
    /// `ResponseSizeLimitExceeded`: the response would be too large.
    ResponseSizeLimitExceeded,
    /// `ServiceUnavailable`: the service is unavailable.
    ServiceUnavailable,
    /// `UnauthorizedOperation`: the operation is not authorized.
    UnauthorizedOperation,
    /// `UnknownParameter`: an unknown parameter was sent.
    UnknownParameter,
    /// `UnsupportedOperation`: the operation is not supported.
    UnsupportedOperation,
    /// `UnsupportedProtocol`: the protocol is not supported (HTTPS is required).
    UnsupportedProtocol,
    /// `UnsupportedRegion`: the region is not supported.
    UnsupportedRegion,
}

use CommonError as C;

/// Code, variant and description of every common code, in one place.
const COMMON_CODES: &[(&str, CommonError, &str)] = &[
    (
        "AuthFailure.InvalidAuthorization",
        C::AuthFailure(AuthFailure::InvalidAuthorization),
        "the authorization header is invalid",
    ),
    (
        "AuthFailure.InvalidSecretId",
        C::AuthFailure(AuthFailure::InvalidSecretId),
        "the secret id is invalid",
    ),
    (
        "AuthFailure.MFAFailure",
        C::AuthFailure(AuthFailure::MfaFailure),
        "multi-factor authentication failed",
    ),
    (
        "AuthFailure.SecretIdNotFound",
        C::AuthFailure(AuthFailure::SecretIdNotFound),
        "the secret id does not exist",
    ),
    (
        "AuthFailure.SignatureExpire",
        C::AuthFailure(AuthFailure::SignatureExpire),
        "the signature expired (clock skew)",
    ),
    (
        "AuthFailure.SignatureFailure",
        C::AuthFailure(AuthFailure::SignatureFailure),
        "the signature is wrong",
    ),
    (
        "AuthFailure.TokenFailure",
        C::AuthFailure(AuthFailure::TokenFailure),
        "the session token is invalid",
    ),
    (
        "AuthFailure.UnauthorizedOperation",
        C::AuthFailure(AuthFailure::UnauthorizedOperation),
        "the key may not call this action",
    ),
    (
        "RequestLimitExceeded",
        C::RequestLimitExceeded(RequestLimitExceeded::General),
        "too many requests",
    ),
    (
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        C::RequestLimitExceeded(RequestLimitExceeded::GlobalRegionUinLimitExceeded),
        "the account's global request limit was exceeded",
    ),
    (
        "RequestLimitExceeded.IPLimitExceeded",
        C::RequestLimitExceeded(RequestLimitExceeded::IpLimitExceeded),
        "this IP's request limit was exceeded",
    ),
    (
        "RequestLimitExceeded.UinLimitExceeded",
        C::RequestLimitExceeded(RequestLimitExceeded::UinLimitExceeded),
        "the account's request limit was exceeded",
    ),
    ("ActionOffline", C::ActionOffline, "the action is offline"),
    (
        "DryRunOperation",
        C::DryRunOperation,
        "a dry run would have succeeded",
    ),
    ("InternalError", C::InternalError, "internal error"),
    (
        "InvalidAction",
        C::InvalidAction,
        "the action does not exist",
    ),
    (
        "InvalidParameter",
        C::InvalidParameter,
        "a parameter is invalid",
    ),
    (
        "InvalidRequest",
        C::InvalidRequest,
        "the request is malformed",
    ),
    (
        "IpInBlacklist",
        C::IpInBlacklist,
        "the caller's IP is blocked",
    ),
    (
        "IpNotInWhitelist",
        C::IpNotInWhitelist,
        "the caller's IP is not allowed",
    ),
    ("LimitExceeded", C::LimitExceeded, "a quota was exceeded"),
    (
        "MissingParameter",
        C::MissingParameter,
        "a required parameter is missing",
    ),
    (
        "NoSuchProduct",
        C::NoSuchProduct,
        "the product does not exist",
    ),
    (
        "NoSuchVersion",
        C::NoSuchVersion,
        "the API version does not exist",
    ),
    (
        "RequestSizeLimitExceeded",
        C::RequestSizeLimitExceeded,
        "the request is too large",
    ),
    ("ResourceInUse", C::ResourceInUse, "the resource is in use"),
    (
        "ResourceInsufficient",
        C::ResourceInsufficient,
        "insufficient resources",
    ),
    (
        "ResourceNotFound",
        C::ResourceNotFound,
        "the resource does not exist",
    ),
    (
        "ResourceUnavailable",
        C::ResourceUnavailable,
        "the resource is unavailable",
    ),
    (
        "ResponseSizeLimitExceeded",
        C::ResponseSizeLimitExceeded,
        "the response would be too large",
    ),
    (
        "ServiceUnavailable",
        C::ServiceUnavailable,
        "the service is unavailable",
    ),
    (
        "UnauthorizedOperation",
        C::UnauthorizedOperation,
        "the operation is not authorized",
    ),
    (
        "UnknownParameter",
        C::UnknownParameter,
        "an unknown parameter was sent",
    ),
    (
        "UnsupportedOperation",
        C::UnsupportedOperation,
        "the operation is not supported",
    ),
    (
        "UnsupportedProtocol",
        C::UnsupportedProtocol,
        "the protocol is not supported",
    ),
    (
        "UnsupportedRegion",
        C::UnsupportedRegion,
        "the region is not supported",
    ),
];

impl CommonError {
    /// Every documented common code.
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        COMMON_CODES.iter().map(|(code, _, _)| *code)
    }

    /// The common error of a code, when it is one; an unlisted `AuthFailure.*` or
    /// `RequestLimitExceeded.*` lands in that group's `Other`.
    pub fn from_code(code: &str) -> Option<Self> {
        if let Some((_, variant, _)) = COMMON_CODES.iter().find(|(c, _, _)| *c == code) {
            return Some(variant.clone());
        }
        match code.split_once('.').map(|(group, _)| group) {
            Some("AuthFailure") => Some(C::AuthFailure(AuthFailure::Other(code.to_owned()))),
            Some("RequestLimitExceeded") => Some(C::RequestLimitExceeded(
                RequestLimitExceeded::Other(code.to_owned()),
            )),
            _ => None,
        }
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            C::AuthFailure(AuthFailure::Other(code))
            | C::RequestLimitExceeded(RequestLimitExceeded::Other(code)) => code,
            known => COMMON_CODES
                .iter()
                .find(|(_, v, _)| v == known)
                .map_or("", |(code, _, _)| code),
        }
    }

    /// How the retry rules treat it: throttling, clock skew (`AuthFailure.SignatureExpire`),
    /// authentication, or other.
    pub fn class(&self) -> ErrorClass {
        match self {
            C::RequestLimitExceeded(_) => ErrorClass::Throttling,
            C::AuthFailure(AuthFailure::SignatureExpire) => ErrorClass::ClockSkew,
            C::AuthFailure(_) | C::UnauthorizedOperation => ErrorClass::Authentication,
            _ => ErrorClass::Other,
        }
    }
}

impl fmt::Display for CommonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (COMMON_CODES.iter().find(|(_, v, _)| v == self), self) {
            (Some((_, _, description)), _) => f.write_str(description),
            // `AuthFailure` itself, or a sub-code this version does not list.
            (None, C::AuthFailure(_)) => f.write_str("authentication failed"),
            (None, C::RequestLimitExceeded(_)) => f.write_str("too many requests"),
            (None, _) => f.write_str("unrecognised error code"),
        }
    }
}

/// The Tencent family's settings on every Tencent client builder.
pub trait TencentClientBuilderExt: Sized {
    /// `X-TC-Language`, the language of Tencent's messages (default `en-US`, as the official
    /// intl-en SDK sends on every call).
    #[must_use]
    fn language(self, language: TencentLanguage) -> Self;

    /// The root domain of the service's host (default [`RootDomain::TencentCloudApi`]);
    /// ignored when an endpoint is set.
    #[must_use]
    fn root_domain(self, root_domain: RootDomain) -> Self;
}

impl<S: Service<Family = TencentFamily>> TencentClientBuilderExt for ClientBuilder<S> {
    fn language(self, language: TencentLanguage) -> Self {
        self.map_family(|family| family.language = language)
    }

    fn root_domain(self, root_domain: RootDomain) -> Self {
        self.map_family(|family| family.root_domain = root_domain)
    }
}
