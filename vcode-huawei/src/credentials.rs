//! Huawei Cloud credentials and where they come from, with the official SDKs' variable names,
//! file locations and order:
//!
//! | source | where |
//! |---|---|
//! | environment ([`HuaweiEnvProvider`]) | `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_DOMAIN_ID`, `HUAWEICLOUD_SDK_PROJECT_ID`, `HUAWEICLOUD_SDK_SECURITY_TOKEN` |
//! | profile file ([`HuaweiProfileProvider`]) | `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`, section `[global]` (or `[basic]`): `ak`, `sk`, `domain_id`, `project_id`, `security_token` |
//! | ECS metadata ([`HuaweiMetadataProvider`]) | the agency's temporary AK/SK, refreshed before they expire |
//!
//! [`default_chain`] tries them in that order. (The official chains also hold OIDC and
//! pod-identity sources; those need a cloud's identity services and are not built here.)

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use vcode_core::credentials::{
    CredentialsChain, CredentialsFuture, Environment, Expiring, MetadataClient, ProfileFile,
    ProvideCredentials, ProvideResult, parse_rfc3339,
};
use vcode_core::{CredentialsError, CredentialsErrorKind};

/// How long before expiry Huawei credentials are refreshed (the Huawei SDKs' threshold).
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(40 * 60);

/// A Huawei Cloud access key pair, optionally temporary, with the account (domain) id.
#[derive(Clone)]
pub struct HuaweiAkSk {
    access_key_id: String,
    secret_access_key: SecretString,
    security_token: Option<SecretString>,
    domain_id: Option<String>,
    project_id: Option<String>,
    expires_at: Option<SystemTime>,
}

impl HuaweiAkSk {
    /// Permanent credentials. The domain id is looked up through IAM on first use unless
    /// given with [`with_domain_id`](Self::with_domain_id).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: SecretString::from(secret_access_key.into()),
            security_token: None,
            domain_id: None,
            project_id: None,
            expires_at: None,
        }
    }

    /// When temporary credentials expire; the client refreshes them from their provider
    /// before then, and never signs with them after.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When these credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Temporary credentials: the token is sent as `X-Security-Token`.
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(SecretString::from(token.into()));
        self
    }

    /// The account (domain) id, sent as `X-Domain-Id` to global services.
    #[must_use]
    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    /// The project id (regional services; unused by BSS and OSM).
    #[must_use]
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The domain id, when known.
    pub fn domain_id(&self) -> Option<&str> {
        self.domain_id.as_deref()
    }

    /// The project id, when given.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// Whether these are temporary credentials (with a security token).
    pub fn is_temporary(&self) -> bool {
        self.security_token.is_some()
    }

    /// A signer for these credentials (adds `X-Security-Token` when temporary).
    pub fn signer(&self) -> vcode_signing::huawei::Signer {
        let signer = vcode_signing::huawei::Signer::from_secret(
            self.access_key_id.clone(),
            self.secret_access_key.clone(),
        );
        match &self.security_token {
            Some(token) => signer.with_security_token(token.clone()),
            None => signer,
        }
    }

    /// Every part that is given must be usable: an empty one would be sent as an empty header
    /// (and an empty domain id would skip the IAM lookup).
    ///
    /// # Errors
    /// An empty part, named.
    pub fn check(&self) -> Result<(), CredentialsError> {
        let invalid = |what: &str| {
            Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                format!("the Huawei {what} must not be empty"),
            ))
        };
        if self.access_key_id.trim().is_empty() || self.secret_access_key.expose_secret().is_empty()
        {
            return invalid("access key id and secret key");
        }
        if self
            .security_token
            .as_ref()
            .is_some_and(|t| t.expose_secret().trim().is_empty())
        {
            return invalid("security token");
        }
        if self
            .domain_id
            .as_deref()
            .is_some_and(|d| d.trim().is_empty())
        {
            return invalid("domain id");
        }
        if self
            .project_id
            .as_deref()
            .is_some_and(|p| p.trim().is_empty())
        {
            return invalid("project id");
        }
        Ok(())
    }
}

impl fmt::Debug for HuaweiAkSk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiAkSk")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"[REDACTED]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A Huawei Cloud IAM token, sent as `X-Auth-Token`.
#[derive(Clone)]
pub struct IamToken {
    token: SecretString,
    expires_at: Option<SystemTime>,
}

impl IamToken {
    /// Wraps a token obtained from IAM (`POST /v3/auth/tokens`).
    ///
    /// # Errors
    /// The token is empty, longer than 5000 characters, or holds control characters.
    pub fn new(token: impl Into<String>) -> Result<Self, CredentialsError> {
        let token = token.into();
        let len = token.chars().count();
        if !(1..=5000).contains(&len) || !vcode_core::validate::is_header_safe(&token) {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "an IAM token must be 1 to 5000 characters without control characters",
            ));
        }
        Ok(Self {
            token: SecretString::from(token),
            expires_at: None,
        })
    }

    /// When the token expires (IAM tokens last 24 hours); the client refreshes it from its
    /// provider before then, and never sends it after.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    pub(crate) fn expose(&self) -> &str {
        self.token.expose_secret()
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IamToken")
            .field("token", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// How a Huawei Cloud client authenticates.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum HuaweiCredentials {
    /// AK/SK, signed with `SDK-HMAC-SHA256`.
    AkSk(HuaweiAkSk),
    /// An IAM token.
    Token(IamToken),
}

impl HuaweiCredentials {
    /// When these credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        match self {
            Self::AkSk(aksk) => aksk.expires_at(),
            Self::Token(token) => token.expires_at(),
        }
    }
}

impl From<HuaweiAkSk> for HuaweiCredentials {
    fn from(c: HuaweiAkSk) -> Self {
        Self::AkSk(c)
    }
}

impl From<IamToken> for HuaweiCredentials {
    fn from(t: IamToken) -> Self {
        Self::Token(t)
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        let checked = match self {
            Self::AkSk(c) => c.check(),
            Self::Token(_) => Ok(()),
        };
        CredentialsFuture::ready(checked.map(|()| Some(self.clone())))
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(self.clone())
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiAkSk {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(
            self.check()
                .map(|()| Some(HuaweiCredentials::AkSk(self.clone()))),
        )
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(HuaweiCredentials::AkSk(self.clone()))
    }
}

impl ProvideCredentials<HuaweiCredentials> for IamToken {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(Ok(Some(HuaweiCredentials::Token(self.clone()))))
    }

    fn source_name(&self) -> String {
        "explicit IAM token".into()
    }

    fn known(&self) -> Option<HuaweiCredentials> {
        Some(HuaweiCredentials::Token(self.clone()))
    }
}

impl Expiring for HuaweiCredentials {
    fn expires_at(&self) -> Option<SystemTime> {
        HuaweiCredentials::expires_at(self)
    }
}

/// The official SDKs' order, as far as it runs on one machine: environment, the profile file's
/// `[global]` section, then the ECS metadata service.
pub fn default_chain() -> CredentialsChain<HuaweiCredentials> {
    chain(true)
}

/// [`default_chain`], with the ECS metadata service only when `metadata` (a client's
/// `metadata_credentials`).
pub fn chain(metadata: bool) -> CredentialsChain<HuaweiCredentials> {
    let chain = CredentialsChain::new()
        .or_else(HuaweiEnvProvider::new())
        .or_else(HuaweiProfileProvider::global());
    if metadata {
        chain.or_else(HuaweiMetadataProvider::new())
    } else {
        chain
    }
}

/// Huawei credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
/// `HUAWEICLOUD_SDK_DOMAIN_ID`, `HUAWEICLOUD_SDK_PROJECT_ID` and
/// `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
#[derive(Clone, Debug, Default)]
pub struct HuaweiEnvProvider {
    env: Environment,
}

impl HuaweiEnvProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment.
    pub fn with_environment(env: Environment) -> Self {
        Self { env }
    }
}

impl HuaweiEnvProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<HuaweiCredentials>, CredentialsError> {
        let Some((ak, sk)) = self.env.pair("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK")? else {
            return Ok(None);
        };
        let mut c = HuaweiAkSk::new(ak, sk);
        if let Some(v) = self.env.get("HUAWEICLOUD_SDK_DOMAIN_ID") {
            c = c.with_domain_id(v);
        }
        if let Some(v) = self.env.get("HUAWEICLOUD_SDK_PROJECT_ID") {
            c = c.with_project_id(v);
        }
        if let Some(v) = self.env.get("HUAWEICLOUD_SDK_SECURITY_TOKEN") {
            c = c.with_security_token(v);
        }
        Ok(Some(HuaweiCredentials::AkSk(c)))
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiEnvProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        "environment (HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK)".into()
    }
}

/// Huawei credentials from `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`.
#[derive(Clone, Debug)]
pub struct HuaweiProfileProvider {
    file: ProfileFile,
    section: String,
}

impl HuaweiProfileProvider {
    /// The `[global]` section, as global services (BSS, OSM) read it.
    pub fn global() -> Self {
        Self::section("global")
    }

    /// The `[basic]` section, as regional services read it.
    pub fn basic() -> Self {
        Self::section("basic")
    }

    fn section(section: &str) -> Self {
        Self {
            file: ProfileFile::new("HUAWEICLOUD_SDK_CREDENTIALS_FILE", ".huaweicloud"),
            section: section.to_owned(),
        }
    }

    /// Another named section of the same file (`vcode --profile NAME`), with the same keys.
    #[must_use]
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.section = name.into();
        self
    }

    /// Reads this file instead of the default location.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.file = self.file.with_path(path);
        self
    }

    /// Resolves the override variable and `HOME` from the given environment.
    #[must_use]
    pub fn with_environment(mut self, env: Environment) -> Self {
        self.file = self.file.with_environment(env);
        self
    }
}

impl HuaweiProfileProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<HuaweiCredentials>, CredentialsError> {
        let Some(section) = self.file.read_section(&self.section)? else {
            return Ok(None);
        };
        let ak = section.require("ak")?;
        let sk = section.require("sk")?;
        let mut c = HuaweiAkSk::new(ak, sk);
        if let Some(v) = section.get("domain_id") {
            c = c.with_domain_id(v);
        }
        if let Some(v) = section.get("project_id") {
            c = c.with_project_id(v);
        }
        if let Some(v) = section.get("security_token") {
            c = c.with_security_token(v);
        }
        Ok(Some(HuaweiCredentials::AkSk(c)))
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        self.file.describe(&self.section)
    }
}

/// Huawei Cloud ECS: the temporary AK/SK and security token of the instance's agency,
/// from `GET /openstack/latest/securitykey` after the session-token handshake
/// (`PUT /meta-data/latest/api/token`, `X-Metadata-Token-Ttl-Seconds`; an older service without
/// tokens is asked without one). They last an hour and are refreshed before they expire.
#[derive(Debug)]
pub struct HuaweiMetadataProvider {
    client: MetadataClient,
}

impl HuaweiMetadataProvider {
    /// The metadata service every ECS instance reaches.
    pub const DEFAULT_ENDPOINT: &'static str = "http://169.254.169.254";
    /// The session token's lifetime asked for (six hours, as the official SDKs do).
    pub const TOKEN_TTL_SECONDS: u32 = 21_600;
    const NAME: &'static str = "ECS metadata";

    /// The instance's metadata service.
    pub fn new() -> Self {
        Self::with_endpoint(Self::DEFAULT_ENDPOINT)
    }

    /// Another metadata endpoint (a test server).
    pub fn with_endpoint(endpoint: impl Into<String>) -> Self {
        Self {
            client: MetadataClient::new(Self::NAME, endpoint),
        }
    }

    async fn fetch(&self) -> ProvideResult<HuaweiCredentials> {
        #[derive(Deserialize)]
        struct Answer {
            credential: Credential,
        }
        #[derive(Deserialize)]
        struct Credential {
            access: String,
            secret: String,
            securitytoken: String,
            expires_at: String,
        }
        let ttl = Self::TOKEN_TTL_SECONDS.to_string();
        let token = self
            .client
            .send(
                http::Method::PUT,
                "/meta-data/latest/api/token",
                &[("X-Metadata-Token-Ttl-Seconds", &ttl)],
            )
            .await?;
        let token = match token.status {
            200 => String::from_utf8(token.body.to_vec()).ok(),
            _ => None,
        };
        let headers: Vec<(&str, &str)> = token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| ("X-Metadata-Token", t))
            .into_iter()
            .collect();
        let answer = self
            .client
            .send(http::Method::GET, "/openstack/latest/securitykey", &headers)
            .await?;
        match answer.status {
            200 => {}
            // No agency is attached to the instance: nothing to give.
            404 => return Ok(None),
            status => {
                return Err(self
                    .client
                    .unavailable(&format!("the metadata service answered HTTP {status}")));
            }
        }
        let body = answer.body;
        let Credential {
            access,
            secret,
            securitytoken,
            expires_at,
        } = serde_json::from_slice::<Answer>(&body)
            .map_err(|_| {
                self.client
                    .invalid("the security key answer is not the documented JSON")
            })?
            .credential;
        let expires_at = parse_rfc3339(&expires_at)
            .ok_or_else(|| self.client.invalid("expires_at is not an RFC 3339 time"))?;
        let credentials = HuaweiAkSk::new(access, secret)
            .with_security_token(securitytoken)
            .with_expiry(expires_at);
        credentials.check()?;
        Ok(Some(HuaweiCredentials::AkSk(credentials)))
    }
}

impl Default for HuaweiMetadataProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiMetadataProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::new(self.fetch())
    }

    fn source_name(&self) -> String {
        format!("{} ({})", Self::NAME, self.client.endpoint())
    }
}
