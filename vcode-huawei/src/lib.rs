//! The Huawei Cloud family of the vcode clients: what every Huawei service crate
//! (`huawei-bss`, `huawei-ticket`) shares.
//!
//! - [`HuaweiFamily`] and [`global_auth`]: AK/SK (`SDK-HMAC-SHA256`) and IAM-token
//!   authentication for global services, with the `X-Domain-Id` they need and its lookup
//!   through IAM;
//! - [`decode_json`], [`decode_empty_success`] and [`HuaweiErrorBody`]: the error body Huawei
//!   services and their API gateway answer with, and [`GatewayError`], the gateway's codes;
//! - [`credentials`]: [`HuaweiAkSk`], [`IamToken`] and the official SDKs' providers
//!   (environment, profile file, ECS metadata) in their order ([`default_chain`]);
//! - [`HuaweiClientBuilderExt`]: the family's builder setting, the IAM endpoint.
//!
//! Application code uses these through a service crate, which re-exports what its callers
//! need.
//!
//! ```
//! use vcode_huawei::{HuaweiAkSk, HuaweiCredentials};
//!
//! let credentials = HuaweiCredentials::from(HuaweiAkSk::new("AK", "SK").with_domain_id("d"));
//! // Debug output never shows the secret key.
//! assert!(!format!("{credentials:?}").contains("SK\""));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod credentials;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use tokio::sync::OnceCell;
use url::Url;
use vcode_core::credentials::{Cached, Entry, ProvideCredentials, SharedProvider};
use vcode_core::service::{
    Auth, AuthError, AuthFuture, AuthRequest, Authenticate, Failure, Family, HttpResponse, Service,
    SigningContext, add_signed_headers, host_header, join_path, path_and_query, request_id,
    sensitive, signable, signing_failed,
};
use vcode_core::{
    BuildError, ClientBuilder, ClientConfig, CredentialsError, CredentialsErrorKind, ErrorClass,
    ResponseError, ServiceError, ServiceErrorKind,
};
use vcode_signing::huawei;

pub use credentials::{
    DEFAULT_REFRESH_WINDOW, HuaweiAkSk, HuaweiCredentials, HuaweiEnvProvider,
    HuaweiMetadataProvider, HuaweiProfileProvider, IamToken, default_chain,
};

/// The codes of the API gateway in front of every Huawei service, whatever the operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GatewayError {
    /// `APIG.0301` (401): the gateway rejected the AK/SK signature or the token. Never
    /// retried: five consecutive failures lock the AK for five minutes.
    AuthenticationFailed,
    /// `APIG.0308` (429): throttled by the gateway before the request was processed; retried
    /// with backoff.
    Throttled,
}

impl GatewayError {
    /// The gateway error of a code, when it is one.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "APIG.0301" => Some(Self::AuthenticationFailed),
            "APIG.0308" => Some(Self::Throttled),
            _ => None,
        }
    }

    /// The gateway's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::AuthenticationFailed => "APIG.0301",
            Self::Throttled => "APIG.0308",
        }
    }

    /// How the retry rules treat it.
    pub fn class(self) -> ErrorClass {
        match self {
            Self::AuthenticationFailed => ErrorClass::Authentication,
            Self::Throttled => ErrorClass::Throttling,
        }
    }
}

impl fmt::Display for GatewayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AuthenticationFailed => "authentication failed at the API gateway",
            Self::Throttled => "throttled by the API gateway",
        })
    }
}

/// The default IAM endpoint used to look up a Huawei account's domain id.
pub const DEFAULT_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

/// The account (domain) id header of AK/SK calls to global services.
const X_DOMAIN_ID: HeaderName = HeaderName::from_static("x-domain-id");
/// The IAM token header.
const X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");

/// The Huawei family's client settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HuaweiFamily {
    /// Where a missing domain id is looked up (default [`DEFAULT_IAM_ENDPOINT`]).
    pub iam_endpoint: Option<String>,
}

impl Family for HuaweiFamily {
    type Credentials = HuaweiCredentials;

    fn default_credentials(
        config: &ClientConfig,
    ) -> Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>> {
        Some(Arc::new(SharedProvider::new(
            credentials::chain(config.metadata_credentials()),
            DEFAULT_REFRESH_WINDOW,
        )))
    }
}

/// The authentication of a global service: AK/SK requests carry `X-Domain-Id`, resolved
/// through IAM (`GET /v3/auth/domains`) once when the credentials lack it; tokens are sent as
/// `X-Auth-Token`. Without credentials, the official chain (environment, then
/// `~/.huaweicloud/credentials` `[global]`). The IAM endpoint obeys the same rules as the
/// client's own endpoint.
///
/// A client sent to a loopback endpoint (a sandbox, a test server) must not look its domain id
/// up at the public IAM: unless the IAM endpoint was set explicitly, such a client needs
/// explicit credentials that make the lookup unnecessary (a token, or AK/SK with a domain id),
/// and otherwise fails to build.
///
/// # Errors
/// An IAM endpoint that is not a URL or uses plain http to a non-loopback host, or the
/// loopback case above.
pub fn global_auth(
    family: HuaweiFamily,
    credentials: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
    config: &ClientConfig,
) -> Result<Auth, BuildError> {
    let iam_endpoint = config.check_endpoint(
        family
            .iam_endpoint
            .as_deref()
            .unwrap_or(DEFAULT_IAM_ENDPOINT),
    )?;
    if family.iam_endpoint.is_none() && config.sends_to_loopback() {
        let lookup_unneeded = match credentials.as_ref().and_then(|c| c.known()) {
            Some(HuaweiCredentials::Token(_)) => true,
            Some(HuaweiCredentials::AkSk(aksk)) => aksk.domain_id().is_some(),
            None => false,
        };
        if !lookup_unneeded {
            return Err(BuildError::new(format!(
                "the endpoint is on this machine, but a missing domain id would be looked up at the public IAM ({DEFAULT_IAM_ENDPOINT}); set the IAM endpoint explicitly (the sandbox serves one at its own URL) or give the domain id"
            )));
        }
    }
    let provider =
        credentials.unwrap_or_else(|| Arc::new(credentials::chain(config.metadata_credentials())));
    Ok(Auth::new(HuaweiAuth {
        provider,
        iam_endpoint,
        window: config
            .credentials_refresh_window()
            .unwrap_or(DEFAULT_REFRESH_WINDOW),
        resolved: Cached::default(),
        domain_id: OnceCell::new(),
    }))
}

/// The headers the Huawei signer adds, as constants.
fn signed_header_name(name: &str) -> Option<HeaderName> {
    const X_SDK_DATE: HeaderName = HeaderName::from_static("x-sdk-date");
    const X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");
    const X_SDK_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-sdk-content-sha256");
    Some(match name {
        huawei::DATE_HEADER => X_SDK_DATE,
        huawei::SECURITY_TOKEN_HEADER => X_SECURITY_TOKEN,
        huawei::CONTENT_SHA256_HEADER => X_SDK_CONTENT_SHA256,
        _ => return None,
    })
}

struct HuaweiAuth {
    provider: Arc<dyn ProvideCredentials<HuaweiCredentials>>,
    iam_endpoint: Url,
    /// How long before expiry the credentials are refreshed.
    window: Duration,
    resolved: Cached<ResolvedHuawei>,
    /// The account's domain id, looked up through IAM once when the credentials lack it (it
    /// does not change when temporary credentials are refreshed).
    domain_id: OnceCell<String>,
}

impl fmt::Debug for HuaweiAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth::Huawei")
            .field("provider", &self.provider)
            .field("iam_endpoint", &self.iam_endpoint.as_str())
            .finish()
    }
}

enum ResolvedHuawei {
    AkSk {
        // Boxed: the signer carries its keyed HMAC state, far more than a token.
        signer: Box<huawei::Signer>,
        domain_id: HeaderValue,
    },
    Token(IamToken),
}

impl Authenticate for HuaweiAuth {
    fn authorize<'a>(
        &'a self,
        request: AuthRequest<'a>,
        ctx: &'a SigningContext<'a>,
    ) -> AuthFuture<'a> {
        Box::pin(self.add_headers(request, ctx))
    }
}

impl HuaweiAuth {
    /// Adds `X-Auth-Token`, or `X-Domain-Id` and the AK/SK signature.
    async fn add_headers(
        &self,
        request: AuthRequest<'_>,
        ctx: &SigningContext<'_>,
    ) -> Result<(), AuthError> {
        let resolved = self.resolve(ctx).await?;
        let headers = request.headers;
        match &resolved.value {
            ResolvedHuawei::Token(token) => {
                headers.insert(X_AUTH_TOKEN, sensitive(token.expose())?);
            }
            ResolvedHuawei::AkSk { signer, domain_id } => {
                headers.insert(X_DOMAIN_ID, domain_id.clone());
                let target = path_and_query(request.url);
                let signable = signable(request.method, &target, headers, request.body);
                let output = signer.sign(&signable, ctx.time()).map_err(signing_failed)?;
                add_signed_headers(headers, output, signed_header_name)?;
            }
        }
        Ok(())
    }

    /// The credentials to sign with at the signing time: cached, refreshed before they expire.
    async fn resolve(
        &self,
        ctx: &SigningContext<'_>,
    ) -> Result<Arc<Entry<ResolvedHuawei>>, CredentialsError> {
        self.resolved
            .get(ctx.time(), self.window, || async {
                let credentials = vcode_core::credentials::require(self.provider.as_ref()).await?;
                let expires_at = credentials.expires_at();
                let value = match credentials {
                    HuaweiCredentials::Token(token) => ResolvedHuawei::Token(token),
                    HuaweiCredentials::AkSk(aksk) => {
                        // Whatever the source (a profile file, a provider): no empty part.
                        aksk.check()?;
                        let signer = aksk.signer();
                        let domain_id = match aksk.domain_id() {
                            Some(id) => id.to_owned(),
                            None => self
                                .domain_id
                                .get_or_try_init(|| self.lookup_domain_id(&signer, ctx))
                                .await?
                                .clone(),
                        };
                        let domain_id = HeaderValue::from_str(&domain_id).map_err(|_| {
                            CredentialsError::new(
                                CredentialsErrorKind::Invalid,
                                "the domain id holds characters that cannot be sent in a header",
                            )
                        })?;
                        ResolvedHuawei::AkSk {
                            signer: Box::new(signer),
                            domain_id,
                        }
                    }
                };
                Ok(Entry { value, expires_at })
            })
            .await
    }

    /// `GET /v3/auth/domains` signed with the same AK/SK; the first domain is the account.
    async fn lookup_domain_id(
        &self,
        signer: &huawei::Signer,
        ctx: &SigningContext<'_>,
    ) -> Result<String, CredentialsError> {
        let fail = |detail: String| {
            CredentialsError::new(
                CredentialsErrorKind::DomainLookup,
                format!("looking up the domain id through IAM failed: {detail}"),
            )
        };
        let url = join_path(&self.iam_endpoint, "/v3/auth/domains");
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::HOST,
            HeaderValue::from_str(&host_header(&url)).map_err(|e| fail(e.to_string()))?,
        );
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let target = path_and_query(&url);
        let request = signable("GET", &target, &headers, b"");
        let output = signer
            .sign(&request, ctx.time())
            .map_err(|e| fail(e.to_string()))?;
        add_signed_headers(&mut headers, output, signed_header_name)?;
        headers.insert(http::header::USER_AGENT, ctx.user_agent().clone());
        let response = ctx
            .send(http::Method::GET, url, headers)
            .await
            .map_err(fail)?;
        if response.status() != 200 {
            return Err(fail(format!(
                "IAM answered http {}: {}",
                response.status(),
                response.snippet()
            )));
        }
        #[derive(serde::Deserialize)]
        struct Domains {
            domains: Vec<Domain>,
        }
        #[derive(serde::Deserialize)]
        struct Domain {
            id: String,
        }
        let parsed: Domains = serde_json::from_slice(response.body())
            .map_err(|_| fail(format!("unexpected IAM response: {}", response.snippet())))?;
        parsed
            .domains
            .into_iter()
            .map(|d| d.id)
            .find(|id| !id.is_empty())
            .ok_or_else(|| fail("IAM returned no domain".to_owned()))
    }
}

/// A Huawei Cloud error body. Services spell the fields `error_code`/`error_msg`,
/// `code`/`message` or `errorCode`/`errorMsg`, and the gateway adds `request_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HuaweiErrorBody {
    /// The error code, when present and not empty.
    pub code: Option<String>,
    /// The message, when present.
    pub message: Option<String>,
    /// The request id, when the body carries one.
    pub request_id: Option<String>,
    /// Whether the body has an `error_code` field at all (`""` or `null` counts).
    pub has_error_code: bool,
}

/// The keys of the error body's fields, each field's in order of preference: the code
/// ([`CODE`]), the message ([`MESSAGE`]) and the request id ([`REQUEST_ID`]).
const KEYS: [&str; 9] = [
    "error_code",
    "code",
    "errorCode",
    "error_msg",
    "message",
    "errorMsg",
    "error_message",
    "request_id",
    "requestId",
];
const CODE: Range<usize> = 0..3;
const MESSAGE: Range<usize> = 3..7;
const REQUEST_ID: Range<usize> = 7..9;

impl HuaweiErrorBody {
    /// Parses a JSON object body. `None` when the body is not a JSON object, or when one of
    /// its code, message or request id fields has a type the services never send (an array, an
    /// object, a boolean): such a body is unreadable, not a success.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let ErrorFields(mut values) = serde_json::from_slice(body).ok()?;
        let has_error_code = values[CODE.start].is_some();
        // `Some(None)`: absent, null or empty; `None`: a value of the wrong type.
        let mut text = |keys: Range<usize>| -> Option<Option<String>> {
            for value in &mut values[keys] {
                match value.take() {
                    None | Some(Value::Null) => {}
                    Some(Value::String(s)) if s.is_empty() => {}
                    Some(Value::String(s)) => return Some(Some(s)),
                    Some(Value::Number(n)) => return Some(Some(n.to_string())),
                    Some(_) => return None,
                }
            }
            Some(None)
        };
        // Codes and request ids are printed in errors: one bounded line each.
        let line = |text: Option<String>| text.as_deref().map(vcode_core::mask::truncate);
        Some(Self {
            code: line(text(CODE)?),
            message: text(MESSAGE)?,
            request_id: line(text(REQUEST_ID)?),
            has_error_code,
        })
    }
}

/// The values of a JSON object's [`KEYS`], read in one pass without building the object: a
/// key given twice keeps its last value, as in a `serde_json::Map`, and the other values are
/// parsed and dropped, so that what JSON cannot hold (a number out of range, nesting too deep)
/// still makes the body unreadable.
struct ErrorFields([Option<Value>; KEYS.len()]);

impl<'de> Deserialize<'de> for ErrorFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ErrorFieldsVisitor)
    }
}

struct ErrorFieldsVisitor;

impl<'de> Visitor<'de> for ErrorFieldsVisitor {
    type Value = ErrorFields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut object: A) -> Result<ErrorFields, A::Error> {
        let mut values: [Option<Value>; KEYS.len()] = Default::default();
        while let Some(Key(index)) = object.next_key()? {
            let value: Value = object.next_value()?;
            if let Some(index) = index {
                values[index] = Some(value);
            }
        }
        Ok(ErrorFields(values))
    }
}

/// A key of the object: its index in [`KEYS`], if it is one, read without a copy.
struct Key(Option<usize>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(Key(KEYS.iter().position(|k| *k == key)))
    }
}

/// The error codes Huawei services send with a success (`CBC.0000`): never an error, on any
/// operation of the family.
pub const SUCCESS_CODES: [&str; 1] = ["CBC.0000"];

/// Whether a body carries nothing: empty or whitespace.
fn is_blank(body: &[u8]) -> bool {
    body.trim_ascii().is_empty()
}

/// Decodes a Huawei response whose success carries no data, and answers the request id.
///
/// The family's one rule, as the official SDKs read these answers (their response models make
/// `error_code` and `error_msg` optional, and the references show no success body):
/// - a non-empty error code other than a [success code](SUCCESS_CODES) is that error, whatever
///   the HTTP status (some services report business errors with 200);
/// - a 2xx with an empty body, or a JSON object without an error code (absent, `""`, `null`)
///   or with a success code, is success;
/// - anything else is an unreadable response, never a false success: a 2xx that is not a JSON
///   object (HTML from a proxy, an array, `null`), a code of a JSON type the services never send
///   (an array, an object, a boolean), or a non-2xx without a code.
///
/// The request id comes from the body, else from `X-Request-Id`.
///
/// # Errors
/// The vendor's error, mapped by `from_code`, or an unreadable response.
pub fn decode_empty_success<E: ServiceErrorKind>(
    response: &HttpResponse,
    from_code: impl FnOnce(&str) -> E,
) -> Result<Option<String>, Failure<E>> {
    let header_request_id = request_id(response.headers()).map(str::to_owned);
    let ok_status = (200..300).contains(&response.status());
    if ok_status && is_blank(response.body()) {
        return Ok(header_request_id);
    }
    match HuaweiErrorBody::parse(response.body()) {
        Some(HuaweiErrorBody {
            code: Some(code),
            message,
            request_id,
            ..
        }) if !SUCCESS_CODES.contains(&code.as_str()) => Err(Failure::Service(
            ServiceError::new(from_code(&code), code, message.unwrap_or_default())
                .with_request_id(request_id),
        )),
        Some(HuaweiErrorBody { request_id, .. }) if ok_status => {
            Ok(request_id.or(header_request_id))
        }
        _ => Err(Failure::Response(ResponseError::malformed(
            response,
            if ok_status {
                "an empty body or a JSON object"
            } else {
                "a JSON error body with an error code"
            },
        ))),
    }
}

/// Decodes a Huawei response whose success is a JSON object, into `T`, with the request id.
///
/// A non-empty error code is that error, whatever the HTTP status, unless it is a
/// [success code](SUCCESS_CODES) (BSS answers `"error_code": "CBC.0000"` with its data) or
/// `is_success` says it belongs to a success of this operation (`CBC.99000050` for a customer
/// that was created). Such a body, or a 2xx body without an error code, must decode as `T`
/// (the documented required fields present); anything else is an unreadable response, never a
/// false success.
///
/// # Errors
/// The vendor's error, mapped by `from_code`, or an unreadable response.
pub fn decode_json<T: serde::de::DeserializeOwned, E: ServiceErrorKind>(
    response: &HttpResponse,
    from_code: impl FnOnce(&str) -> E,
    is_success: impl FnOnce(&str) -> bool,
) -> Result<(T, Option<String>), Failure<E>> {
    let header_request_id = request_id(response.headers()).map(str::to_owned);
    let ok_status = (200..300).contains(&response.status());
    let Some(error_body) = HuaweiErrorBody::parse(response.body()) else {
        return Err(Failure::Response(ResponseError::malformed(
            response,
            "a JSON object",
        )));
    };
    let success = match &error_body.code {
        Some(code) => SUCCESS_CODES.contains(&code.as_str()) || is_success(code),
        None => ok_status,
    };
    if let (false, Some(code)) = (success, error_body.code.clone()) {
        return Err(Failure::Service(
            ServiceError::new(
                from_code(&code),
                code,
                error_body.message.unwrap_or_default(),
            )
            .with_request_id(error_body.request_id),
        ));
    }
    match serde_json::from_slice::<T>(response.body()) {
        Ok(output) if success => Ok((output, error_body.request_id.or(header_request_id))),
        _ => Err(Failure::Response(ResponseError::malformed(
            response,
            "the documented JSON object",
        ))),
    }
}

/// The Huawei family's setting on every Huawei client builder.
pub trait HuaweiClientBuilderExt: Sized {
    /// The IAM endpoint used to look up a missing domain id (default
    /// `https://iam.myhuaweicloud.com`). A client sent to a loopback endpoint needs it (or a
    /// domain id, or a token), so that a local run never reaches the public IAM.
    #[must_use]
    fn iam_endpoint(self, endpoint: impl Into<String>) -> Self;
}

impl<S: Service<Family = HuaweiFamily>> HuaweiClientBuilderExt for ClientBuilder<S> {
    fn iam_endpoint(self, endpoint: impl Into<String>) -> Self {
        let endpoint = endpoint.into();
        self.map_family(|family| family.iam_endpoint = Some(endpoint))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Map;

    use super::*;

    /// The parser as it was, through a whole `serde_json::Map`: what the one-pass reader must
    /// agree with.
    fn parse_through_a_map(body: &[u8]) -> Option<HuaweiErrorBody> {
        let object: Map<String, Value> = serde_json::from_slice(body).ok()?;
        let text = |keys: &[&str]| -> Option<Option<String>> {
            for key in keys {
                match object.get(*key) {
                    None | Some(Value::Null) => {}
                    Some(Value::String(s)) if s.is_empty() => {}
                    Some(Value::String(s)) => return Some(Some(s.clone())),
                    Some(Value::Number(n)) => return Some(Some(n.to_string())),
                    Some(_) => return None,
                }
            }
            Some(None)
        };
        let line = |text: Option<String>| text.as_deref().map(vcode_core::mask::truncate);
        Some(HuaweiErrorBody {
            code: line(text(&KEYS[CODE])?),
            message: text(&KEYS[MESSAGE])?,
            request_id: line(text(&KEYS[REQUEST_ID])?),
            has_error_code: object.contains_key("error_code"),
        })
    }

    /// JSON text for a value: every type, empty and escaped strings, numbers JSON cannot hold,
    /// and nesting deeper than the parser allows.
    fn json_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just(r#""""#.to_owned()),
            Just(r#""a\u0062\n""#.to_owned()),
            Just("1e400".to_owned()),
            Just("-0.5".to_owned()),
            Just("18446744073709551616".to_owned()),
            "[a-zA-Z0-9. ]{0,6}".prop_map(|s| format!("\"{s}\"")),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| f.to_string()),
            (1..200usize).prop_map(|depth| format!("{}{}", "[".repeat(depth), "]".repeat(depth))),
        ];
        leaf.prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(inner, 0..3).prop_map(|v| {
                    let fields: Vec<String> = v
                        .iter()
                        .enumerate()
                        .map(|(i, x)| format!("\"k{i}\":{x}"))
                        .collect();
                    format!("{{{}}}", fields.join(","))
                }),
            ]
        })
    }

    /// A key: one the parser reads (sometimes written with an escape), or another.
    fn json_key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(KEYS.to_vec()).prop_map(|k| format!("\"{k}\"")),
            Just(r#""error\u005fcode""#.to_owned()),
            Just(r#""Error_Code""#.to_owned()),
            "[a-z_]{0,8}".prop_map(|k| format!("\"{k}\"")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn the_one_pass_reader_agrees_with_a_map(
            fields in prop::collection::vec((json_key(), json_value()), 0..6),
            spaced in any::<bool>(),
        ) {
            let gap = if spaced { " \n" } else { "" };
            let body = format!(
                "{{{gap}{}{gap}}}",
                fields
                    .iter()
                    .map(|(k, v)| format!("{k}{gap}:{gap}{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            prop_assert_eq!(
                HuaweiErrorBody::parse(body.as_bytes()),
                parse_through_a_map(body.as_bytes()),
                "{}", body
            );
        }

        #[test]
        fn the_one_pass_reader_agrees_with_a_map_on_any_value(value in json_value()) {
            prop_assert_eq!(
                HuaweiErrorBody::parse(value.as_bytes()),
                parse_through_a_map(value.as_bytes())
            );
        }
    }

    #[test]
    fn blank_bodies() {
        assert!(is_blank(b""));
        assert!(is_blank(b"  \n"));
        assert!(!is_blank(b"{}"));
        assert!(!is_blank(b"null"));
    }

    #[test]
    fn every_spelling_decodes() {
        for body in [
            r#"{"error_code":"CBC.0100","error_msg":"bad","request_id":"r1"}"#,
            r#"{"code":"CBC.0100","message":"bad","request_id":"r1"}"#,
            r#"{"errorCode":"CBC.0100","errorMsg":"bad","requestId":"r1"}"#,
        ] {
            let parsed = HuaweiErrorBody::parse(body.as_bytes()).expect("object");
            assert_eq!(parsed.code.as_deref(), Some("CBC.0100"), "{body}");
            assert_eq!(parsed.message.as_deref(), Some("bad"), "{body}");
            assert_eq!(parsed.request_id.as_deref(), Some("r1"), "{body}");
        }
        let empty =
            HuaweiErrorBody::parse(br#"{"error_code":"","error_msg":null}"#).expect("object");
        assert_eq!(empty.code, None);
        assert!(HuaweiErrorBody::parse(b"<html>").is_none());
    }
}
