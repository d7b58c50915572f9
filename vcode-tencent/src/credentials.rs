//! Tencent Cloud credentials and where they come from, with the official SDKs' variable names,
//! file locations and order:
//!
//! | source | where |
//! |---|---|
//! | environment ([`TencentEnvProvider`]) | `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` |
//! | profile file ([`TencentProfileProvider`]) | `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`, section `[default]`: `secret_id`, `secret_key` |
//! | CVM role ([`TencentCvmRoleProvider`]) | the role's temporary keys, refreshed before they expire |
//!
//! [`default_chain`] tries them in that order. (The official chains also hold OIDC and
//! pod-identity sources; those need a cloud's identity services and are not built here.)

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use vcode_core::credentials::{
    CredentialsChain, CredentialsFuture, Environment, Expiring, MetadataClient, ProfileFile,
    ProvideCredentials, ProvideResult,
};
use vcode_core::{CredentialsError, CredentialsErrorKind};

/// How long before expiry Tencent credentials are refreshed (the Tencent SDKs' 300 s).
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(300);

/// A Tencent Cloud SecretId/SecretKey, optionally temporary.
#[derive(Clone)]
pub struct TencentCredentials {
    secret_id: String,
    secret_key: SecretString,
    token: Option<SecretString>,
    expires_at: Option<SystemTime>,
}

impl TencentCredentials {
    /// Permanent credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: SecretString::from(secret_key.into()),
            token: None,
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

    /// Temporary credentials: the session token is sent as `X-TC-Token`.
    #[must_use]
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// The secret id.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// Whether these are temporary credentials.
    pub fn is_temporary(&self) -> bool {
        self.token.is_some()
    }

    /// A signer for these credentials, scoped to `service` (adds `X-TC-Token` when temporary).
    pub fn signer(&self, service: &str) -> vcode_signing::tencent::Signer {
        let signer = vcode_signing::tencent::Signer::from_secret(
            self.secret_id.clone(),
            self.secret_key.clone(),
            service,
        );
        match &self.token {
            Some(token) => signer.with_token(token.clone()),
            None => signer,
        }
    }

    /// Every part that is given must be usable: an empty session token would be sent as an
    /// empty `X-TC-Token`.
    ///
    /// # Errors
    /// An empty part, named.
    pub fn check(&self) -> Result<(), CredentialsError> {
        if self
            .token
            .as_ref()
            .is_some_and(|t| t.expose_secret().trim().is_empty())
        {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "the Tencent session token must not be empty",
            ));
        }
        if self.secret_id.trim().is_empty() || self.secret_key.expose_secret().is_empty() {
            return Err(CredentialsError::new(
                CredentialsErrorKind::Invalid,
                "the Tencent secret id and secret key must not be empty",
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for TencentCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentCredentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"[REDACTED]")
            .field("token", &self.token.as_ref().map(|_| "[REDACTED]"))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl ProvideCredentials<TencentCredentials> for TencentCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::ready(self.check().map(|()| Some(self.clone())))
    }

    fn source_name(&self) -> String {
        "explicit credentials".into()
    }

    fn known(&self) -> Option<TencentCredentials> {
        Some(self.clone())
    }
}

impl Expiring for TencentCredentials {
    fn expires_at(&self) -> Option<SystemTime> {
        TencentCredentials::expires_at(self)
    }
}

/// The official SDKs' order, as far as it runs on one machine: environment, the profile file's
/// `[default]` section, then the CVM role from the metadata service.
pub fn default_chain() -> CredentialsChain<TencentCredentials> {
    chain(true)
}

/// [`default_chain`], with the CVM role only when `metadata` (a client's
/// `metadata_credentials`).
pub fn chain(metadata: bool) -> CredentialsChain<TencentCredentials> {
    let chain = CredentialsChain::new()
        .or_else(TencentEnvProvider::new())
        .or_else(TencentProfileProvider::new());
    if metadata {
        chain.or_else(TencentCvmRoleProvider::new())
    } else {
        chain
    }
}

/// Tencent credentials from `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY`.
#[derive(Clone, Debug, Default)]
pub struct TencentEnvProvider {
    env: Environment,
}

impl TencentEnvProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment.
    pub fn with_environment(env: Environment) -> Self {
        Self { env }
    }
}

impl TencentEnvProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<TencentCredentials>, CredentialsError> {
        Ok(self
            .env
            .pair("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY")?
            .map(|(id, key)| TencentCredentials::new(id, key)))
    }
}

impl ProvideCredentials<TencentCredentials> for TencentEnvProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        "environment (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY)".into()
    }
}
/// Tencent credentials from `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`,
/// section `[default]`.
#[derive(Clone, Debug)]
pub struct TencentProfileProvider {
    file: ProfileFile,
    section: String,
}

impl TencentProfileProvider {
    /// The `[default]` section of the default file.
    pub fn new() -> Self {
        Self {
            file: ProfileFile::new("TENCENTCLOUD_CREDENTIALS_FILE", ".tencentcloud"),
            section: "default".into(),
        }
    }

    /// Another named profile.
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

impl Default for TencentProfileProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl TencentProfileProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<TencentCredentials>, CredentialsError> {
        let Some(section) = self.file.read_section(&self.section)? else {
            return Ok(None);
        };
        let id = section.require("secret_id")?;
        let key = section.require("secret_key")?;
        Ok(Some(TencentCredentials::new(id, key)))
    }
}

impl ProvideCredentials<TencentCredentials> for TencentProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        self.file.describe(&self.section)
    }
}
/// Tencent Cloud CVM: the temporary keys of the role bound to the instance, from
/// `GET /latest/meta-data/cam/security-credentials/<role>` (the role read from the same path
/// without a name unless given). Refreshed before they expire.
#[derive(Debug)]
pub struct TencentCvmRoleProvider {
    role: Option<String>,
    client: MetadataClient,
}

impl TencentCvmRoleProvider {
    /// The metadata service every CVM instance reaches.
    pub const DEFAULT_ENDPOINT: &'static str = "http://metadata.tencentyun.com";
    const NAME: &'static str = "CVM role metadata";
    const PATH: &'static str = "/latest/meta-data/cam/security-credentials/";

    /// The instance's metadata service; the role is read from it.
    pub fn new() -> Self {
        Self::with_endpoint(Self::DEFAULT_ENDPOINT)
    }

    /// Another metadata endpoint (a test server).
    pub fn with_endpoint(endpoint: impl Into<String>) -> Self {
        Self {
            role: None,
            client: MetadataClient::new(Self::NAME, endpoint),
        }
    }

    /// The role's name, when known (saves one request).
    #[must_use]
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    async fn get_text(&self, path: &str) -> Result<Option<String>, CredentialsError> {
        let answer = self.client.send(http::Method::GET, path, &[]).await?;
        match answer.status {
            200 => String::from_utf8(answer.body.to_vec())
                .map(Some)
                .map_err(|_| self.client.invalid("the answer is not UTF-8 text")),
            // No role is bound to the instance.
            404 => Ok(None),
            status => Err(self
                .client
                .unavailable(&format!("the metadata service answered HTTP {status}"))),
        }
    }

    async fn fetch(&self) -> ProvideResult<TencentCredentials> {
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Answer {
            tmp_secret_id: String,
            tmp_secret_key: String,
            token: String,
            expired_time: u64,
            #[serde(default)]
            code: Option<String>,
        }
        let role = match &self.role {
            Some(role) => role.clone(),
            None => {
                let Some(listed) = self.get_text(Self::PATH).await? else {
                    return Ok(None);
                };
                match listed.lines().map(str::trim).find(|l| !l.is_empty()) {
                    Some(role) => role.to_owned(),
                    None => return Ok(None),
                }
            }
        };
        if !role
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+=,@".contains(c))
        {
            return Err(self
                .client
                .invalid("the role name holds unexpected characters"));
        }
        let Some(body) = self.get_text(&format!("{}{role}", Self::PATH)).await? else {
            return Ok(None);
        };
        let answer: Answer = serde_json::from_str(&body).map_err(|_| {
            self.client
                .invalid("the role's answer is not the documented JSON")
        })?;
        if answer.code.as_deref().is_some_and(|c| c != "Success") {
            return Err(self.client.invalid("the role's answer is not a success"));
        }
        let credentials = TencentCredentials::new(answer.tmp_secret_id, answer.tmp_secret_key)
            .with_token(answer.token)
            .with_expiry(UNIX_EPOCH + Duration::from_secs(answer.expired_time));
        credentials.check()?;
        Ok(Some(credentials))
    }
}

impl Default for TencentCvmRoleProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials<TencentCredentials> for TencentCvmRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::new(self.fetch())
    }

    fn source_name(&self) -> String {
        format!("{} ({})", Self::NAME, self.client.endpoint())
    }
}
