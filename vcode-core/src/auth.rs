//! How each vendor authenticates a request: credentials are resolved on first use and cached;
//! the request is then signed (or given its token) just before each attempt.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};
use tokio::sync::OnceCell;
use url::Url;
use vcode_signing::{SignableBody, SignableRequest, huawei, tencent};

use crate::credentials::{HuaweiCredentials, IamToken, ProvideCredentials, TencentCredentials};
use crate::error::{CredentialsError, CredentialsErrorKind};
use crate::transport::{AttemptFailure, Transport};

/// The default IAM endpoint used to look up a Huawei account's domain id.
pub const DEFAULT_HUAWEI_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

/// How a client authenticates. Vendor crates construct it; callers pick credentials.
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
            AuthKind::Huawei(h) => f
                .debug_struct("Auth::Huawei")
                .field("provider", &h.provider)
                .field("iam_endpoint", &h.iam_endpoint.as_str())
                .finish(),
            AuthKind::Tencent(t) => f
                .debug_struct("Auth::Tencent")
                .field("provider", &t.provider)
                .field("service", &t.service)
                .finish(),
        }
    }
}

impl Auth {
    /// No authentication (CEC trial).
    pub fn none() -> Self {
        Self(AuthKind::None)
    }

    /// Huawei Cloud, as a global service: AK/SK requests carry `X-Domain-Id`, resolved through
    /// IAM (`GET /v3/auth/domains` on `iam_endpoint`) once when the credentials lack it. Check
    /// the IAM URL with [`ClientConfig::check_endpoint`](crate::ClientConfig::check_endpoint)
    /// (or use [`HuaweiAuthConfig`], which does).
    pub fn huawei_global(
        provider: Arc<dyn ProvideCredentials<HuaweiCredentials>>,
        iam_endpoint: Url,
    ) -> Self {
        Self(AuthKind::Huawei(Box::new(HuaweiAuth {
            provider,
            iam_endpoint,
            resolved: OnceCell::new(),
        })))
    }

    /// Tencent Cloud TC3, scoped to `service` (the product, e.g. `intlpartnersmgt`).
    pub fn tencent(
        provider: Arc<dyn ProvideCredentials<TencentCredentials>>,
        service: impl Into<String>,
    ) -> Self {
        Self(AuthKind::Tencent(Box::new(TencentAuth {
            provider,
            service: service.into(),
            resolved: OnceCell::new(),
        })))
    }
}

/// The Huawei part of a client builder: which credentials, and where to look up a missing
/// domain id. Vendor builders hold one as `huawei_auth` and get their setters from
/// [`forward_huawei_auth_setters!`](crate::forward_huawei_auth_setters).
#[derive(Clone, Debug, Default)]
pub struct HuaweiAuthConfig {
    credentials: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
    iam_endpoint: Option<String>,
}

impl HuaweiAuthConfig {
    /// Sets the credentials or their provider.
    pub fn set_credentials(
        &mut self,
        credentials: impl ProvideCredentials<HuaweiCredentials> + 'static,
    ) {
        self.credentials = Some(Arc::new(credentials));
    }

    /// Sets the IAM endpoint used for the domain-id lookup.
    pub fn set_iam_endpoint(&mut self, endpoint: impl Into<String>) {
        self.iam_endpoint = Some(endpoint.into());
    }

    /// The authentication of a global service; without credentials, the official chain
    /// (environment, then `~/.huaweicloud/credentials` `[global]`). The IAM endpoint obeys the
    /// same rules as the client's own endpoint.
    ///
    /// # Errors
    /// An IAM endpoint that is not a URL, or plain http to a non-loopback host.
    ///
    /// A client sent to a loopback endpoint (a sandbox, a test server) must not look its domain
    /// id up at the public IAM: unless the IAM endpoint was set explicitly, such a client needs
    /// explicit credentials that make the lookup unnecessary (a token, or AK/SK with a domain
    /// id), and otherwise fails to build.
    pub fn into_global_auth(self, config: &crate::ClientConfig) -> Result<Auth, crate::BuildError> {
        let iam = config.check_endpoint(
            self.iam_endpoint
                .as_deref()
                .unwrap_or(DEFAULT_HUAWEI_IAM_ENDPOINT),
        )?;
        if self.iam_endpoint.is_none() && config.sends_to_loopback() {
            let lookup_unneeded = match self.credentials.as_ref().and_then(|c| c.known()) {
                Some(HuaweiCredentials::Token(_)) => true,
                Some(HuaweiCredentials::AkSk(aksk)) => aksk.domain_id().is_some(),
                None => false,
            };
            if !lookup_unneeded {
                return Err(crate::BuildError::new(format!(
                    "the endpoint is on this machine, but a missing domain id would be looked up at the public IAM ({DEFAULT_HUAWEI_IAM_ENDPOINT}); set the IAM endpoint explicitly (the sandbox serves one at its own URL) or give the domain id"
                )));
            }
        }
        let credentials = self
            .credentials
            .unwrap_or_else(|| Arc::new(crate::credentials::CredentialsChain::huawei_default()));
        Ok(Auth::huawei_global(credentials, iam))
    }
}

/// Adds `credentials()` and `iam_endpoint()` to a Huawei client builder that has a
/// `huawei_auth: vcode_core::HuaweiAuthConfig` field.
#[macro_export]
macro_rules! forward_huawei_auth_setters {
    () => {
        /// The credentials, or a provider of them: `HuaweiAkSk` (optionally temporary, with a
        /// domain id), an `IamToken`, or a chain. Default: the `HUAWEICLOUD_SDK_*` environment
        /// variables, then `~/.huaweicloud/credentials` `[global]`, as the official SDKs read
        /// them. Credentials are read on the first call.
        #[must_use]
        pub fn credentials(
            mut self,
            credentials: impl $crate::credentials::ProvideCredentials<
                $crate::credentials::HuaweiCredentials,
            > + 'static,
        ) -> Self {
            self.huawei_auth.set_credentials(credentials);
            self
        }

        /// The IAM endpoint used to look up a missing domain id (default
        /// `https://iam.myhuaweicloud.com`).
        #[must_use]
        pub fn iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
            self.huawei_auth.set_iam_endpoint(endpoint);
            self
        }
    };
}

/// Defines `Client` and `ClientBuilder` for a Huawei Cloud global service whose region type
/// has `fn endpoint(self) -> &'static str` and a `Default`. The vendor crate adds its
/// operations to `Client` in its own `impl` block.
#[macro_export]
macro_rules! huawei_global_client {
    (service: $service:literal, region: $region:ty $(,)?) => {
        #[doc = concat!("A ", $service, " client. Cheap to clone, `Send + Sync`; one connection pool.")]
        #[derive(Clone, Debug)]
        pub struct Client {
            runtime: $crate::ClientRuntime,
        }

        /// Builds a [`Client`].
        #[derive(Debug, Default)]
        pub struct ClientBuilder {
            config: $crate::ClientConfig,
            region: $region,
            huawei_auth: $crate::HuaweiAuthConfig,
        }

        impl ClientBuilder {
            $crate::forward_config_setters!();
            $crate::forward_huawei_auth_setters!();

            #[doc = concat!("The region (default [`", stringify!($region), "::default`]); ignored when an endpoint is set.")]
            #[must_use]
            pub fn region(mut self, region: $region) -> Self {
                self.region = region;
                self
            }

            /// Builds the client. Credentials are read on the first call, not here.
            ///
            /// # Errors
            /// An invalid endpoint or HTTP client configuration.
            pub fn build(self) -> Result<Client, $crate::BuildError> {
                let auth = self.huawei_auth.into_global_auth(&self.config)?;
                let runtime = $crate::ClientRuntime::new(
                    env!("CARGO_PKG_NAME"),
                    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
                    Some(self.region.endpoint()),
                    self.config,
                    auth,
                )?;
                Ok(Client { runtime })
            }
        }

        impl Client {
            $crate::client_runtime_methods!(
                dry_run: "It is signed (tokens redacted when displayed); with AK/SK and no domain id, resolving the credentials contacts IAM once."
            );
        }
    };
}

/// Adds `builder()`, `endpoint()` and `dry_run()` to a vendor `Client` that holds
/// `runtime: ClientRuntime` and has a `ClientBuilder: Default`. `dry_run` says how that
/// client's requests are authenticated, which differs per vendor.
#[macro_export]
macro_rules! client_runtime_methods {
    (dry_run: $auth:literal $(,)?) => {
        /// A builder.
        pub fn builder() -> ClientBuilder {
            ClientBuilder::default()
        }

        /// The endpoint requests go to.
        pub fn endpoint(&self) -> &str {
            self.runtime.endpoint().as_str()
        }

        #[doc = concat!("The exact request `operation` would send, without sending it. ", $auth)]
        ///
        /// # Errors
        /// Credentials that cannot be resolved (never, for a client without credentials).
        pub async fn dry_run(
            &self,
            operation: &impl $crate::Operation,
        ) -> Result<$crate::PreparedRequest, $crate::CredentialsError> {
            self.runtime.dry_run(operation).await
        }
    };
}

pub(crate) struct HuaweiAuth {
    provider: Arc<dyn ProvideCredentials<HuaweiCredentials>>,
    iam_endpoint: Url,
    resolved: OnceCell<ResolvedHuawei>,
}

enum ResolvedHuawei {
    AkSk {
        // Boxed: the signer carries its keyed HMAC state (over 200 bytes), far more than a token.
        signer: Box<huawei::Signer>,
        domain_id: HeaderValue,
    },
    Token(IamToken),
}

pub(crate) struct TencentAuth {
    provider: Arc<dyn ProvideCredentials<TencentCredentials>>,
    service: String,
    resolved: OnceCell<tencent::Signer>,
}

/// What signing needs from the runtime.
pub(crate) struct SigningContext<'a> {
    pub(crate) transport: &'a Transport,
    pub(crate) attempt_timeout: Duration,
    pub(crate) time: SystemTime,
    pub(crate) user_agent: &'a HeaderValue,
}

fn sensitive(value: &str) -> Result<HeaderValue, CredentialsError> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        CredentialsError::new(
            CredentialsErrorKind::Invalid,
            "a credential holds characters that cannot be sent in a header",
        )
    })?;
    v.set_sensitive(true);
    Ok(v)
}

fn signing_failed(e: vcode_signing::SigningError) -> CredentialsError {
    CredentialsError::new(
        CredentialsErrorKind::Invalid,
        format!("the request could not be signed: {e}"),
    )
}

/// Adds the signer's headers (marking credentials and the signature sensitive).
fn add_signed_headers(
    headers: &mut HeaderMap,
    output: vcode_signing::SigningOutput,
) -> Result<(), CredentialsError> {
    for added in output.into_headers() {
        let name = HeaderName::from_bytes(added.name().as_bytes()).map_err(|_| {
            CredentialsError::new(CredentialsErrorKind::Invalid, "unsendable signed header")
        })?;
        let value = if added.is_sensitive() || added.name() == "Authorization" {
            sensitive(added.value())?
        } else {
            HeaderValue::from_str(added.value()).map_err(|_| {
                CredentialsError::new(CredentialsErrorKind::Invalid, "unsendable signed header")
            })?
        };
        headers.insert(name, value);
    }
    Ok(())
}

fn signable<'a>(
    method: &'a str,
    path_and_query: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
) -> SignableRequest<'a> {
    // The user agent is not signed: proxies may rewrite it.
    SignableRequest::new(method, path_and_query, SignableBody::Bytes(body)).headers(
        headers
            .iter()
            .filter(|(name, _)| *name != http::header::USER_AGENT)
            .filter_map(|(name, value)| value.to_str().ok().map(|v| (name.as_str(), v))),
    )
}

impl Auth {
    /// Adds authentication headers to a request about to be sent.
    pub(crate) async fn authorize(
        &self,
        method: &str,
        url: &Url,
        headers: &mut HeaderMap,
        body: &[u8],
        ctx: &SigningContext<'_>,
    ) -> Result<(), CredentialsError> {
        let path_and_query = path_and_query(url);
        match &self.0 {
            AuthKind::None => Ok(()),
            AuthKind::Huawei(h) => {
                match h.resolve(ctx).await? {
                    ResolvedHuawei::Token(token) => {
                        headers.insert("x-auth-token", sensitive(token.expose())?);
                    }
                    ResolvedHuawei::AkSk { signer, domain_id } => {
                        headers.insert("x-domain-id", domain_id.clone());
                        let request = signable(method, &path_and_query, headers, body);
                        let output = signer.sign(&request, ctx.time).map_err(signing_failed)?;
                        add_signed_headers(headers, output)?;
                    }
                }
                Ok(())
            }
            AuthKind::Tencent(t) => {
                let signer = t.resolve().await?;
                let request = signable(method, &path_and_query, headers, body);
                let output = signer.sign(&request, ctx.time).map_err(signing_failed)?;
                add_signed_headers(headers, output)
            }
        }
    }
}

pub(crate) fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// `host[:port]` exactly as the HTTP client sends it: the port only when not the default.
pub(crate) fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

impl HuaweiAuth {
    async fn resolve(&self, ctx: &SigningContext<'_>) -> Result<&ResolvedHuawei, CredentialsError> {
        self.resolved
            .get_or_try_init(|| async {
                let credentials = crate::credentials::require(self.provider.as_ref())?;
                match credentials {
                    HuaweiCredentials::Token(token) => Ok(ResolvedHuawei::Token(token)),
                    HuaweiCredentials::AkSk(aksk) => {
                        let signer = aksk.signer();
                        let domain_id = match aksk.domain_id() {
                            Some(id) => id.to_owned(),
                            None => self.lookup_domain_id(&signer, ctx).await?,
                        };
                        let domain_id = HeaderValue::from_str(&domain_id).map_err(|_| {
                            CredentialsError::new(
                                CredentialsErrorKind::Invalid,
                                "the domain id holds characters that cannot be sent in a header",
                            )
                        })?;
                        Ok(ResolvedHuawei::AkSk {
                            signer: Box::new(signer),
                            domain_id,
                        })
                    }
                }
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
            .sign(&request, ctx.time)
            .map_err(|e| fail(e.to_string()))?;
        add_signed_headers(&mut headers, output)?;
        headers.insert(http::header::USER_AGENT, ctx.user_agent.clone());
        let mut http_request = reqwest::Request::new(reqwest::Method::GET, url);
        *http_request.headers_mut() = headers;
        let response = ctx
            .transport
            .send(http_request, ctx.attempt_timeout)
            .await
            .map_err(|e| {
                fail(match e {
                    AttemptFailure::AttemptTimeout => "timed out".to_owned(),
                    other => other
                        .into_source()
                        .map_or_else(|| "unreadable response".to_owned(), |s| s.to_string()),
                })
            })?;
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

impl TencentAuth {
    async fn resolve(&self) -> Result<&tencent::Signer, CredentialsError> {
        self.resolved
            .get_or_try_init(|| async {
                let credentials = crate::credentials::require(self.provider.as_ref())?;
                Ok(credentials.signer(&self.service))
            })
            .await
    }
}

/// Appends an operation path to the endpoint's own path (an endpoint may carry a prefix).
pub(crate) fn join_path(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url
}
