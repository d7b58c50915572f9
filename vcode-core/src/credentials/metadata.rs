//! Credentials from a cloud instance's metadata service: Huawei ECS (an agency's temporary
//! AK/SK) and Tencent CVM (a role's temporary keys). Both expire and are refreshed by the
//! client before they do. A service that cannot be reached (this is not a cloud instance)
//! answers [`CredentialsErrorKind::Unavailable`], so a chain moves on.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::{
    CredentialsFuture, HuaweiAkSk, HuaweiCredentials, ProvideCredentials, ProvideResult,
    TencentCredentials,
};
use crate::error::{CredentialsError, CredentialsErrorKind};

/// Metadata services answer at once or not at all: a machine that is not a cloud instance
/// must not slow a chain down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);

/// One HTTP client for a provider, built on first use (so building a chain costs nothing).
#[derive(Debug, Default)]
struct LazyClient(OnceLock<Result<reqwest::Client, String>>);

impl LazyClient {
    fn get(&self, provider: &str) -> Result<&reqwest::Client, CredentialsError> {
        self.0
            .get_or_init(|| {
                reqwest::Client::builder()
                    .connect_timeout(CONNECT_TIMEOUT)
                    .timeout(REQUEST_TIMEOUT)
                    .no_proxy()
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| unavailable(provider, &format!("no HTTP client: {e}")))
    }
}

fn unavailable(provider: &str, why: &str) -> CredentialsError {
    CredentialsError::new(
        CredentialsErrorKind::Unavailable,
        format!("{provider}: {why}"),
    )
}

fn invalid(provider: &str, why: &str) -> CredentialsError {
    CredentialsError::new(CredentialsErrorKind::Invalid, format!("{provider}: {why}"))
}

/// Reaching the service failed: which way, without the URL's query or any credential.
fn unreachable(provider: &str, e: &reqwest::Error) -> CredentialsError {
    let why = if e.is_timeout() {
        "the metadata service did not answer in time"
    } else if e.is_connect() {
        "the metadata service cannot be reached"
    } else {
        "the metadata service answer could not be read"
    };
    unavailable(provider, why)
}

/// Huawei Cloud ECS: the temporary AK/SK and security token of the instance's agency,
/// from `GET /openstack/latest/securitykey` after the session-token handshake
/// (`PUT /meta-data/latest/api/token`, `X-Metadata-Token-Ttl-Seconds`; an older service without
/// tokens is asked without one). They last an hour and are refreshed before they expire.
#[derive(Debug)]
pub struct HuaweiMetadataProvider {
    endpoint: String,
    client: LazyClient,
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
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            client: LazyClient::default(),
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
        let client = self.client.get(Self::NAME)?;
        let token = client
            .put(format!("{}/meta-data/latest/api/token", self.endpoint))
            .header(
                "X-Metadata-Token-Ttl-Seconds",
                Self::TOKEN_TTL_SECONDS.to_string(),
            )
            .send()
            .await
            .map_err(|e| unreachable(Self::NAME, &e))?;
        let token = match token.status().as_u16() {
            200 => Some(
                token
                    .text()
                    .await
                    .map_err(|e| unreachable(Self::NAME, &e))?,
            ),
            _ => None,
        };
        let mut request = client.get(format!("{}/openstack/latest/securitykey", self.endpoint));
        if let Some(token) = token.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            request = request.header("X-Metadata-Token", token);
        }
        let answer = request
            .send()
            .await
            .map_err(|e| unreachable(Self::NAME, &e))?;
        match answer.status().as_u16() {
            200 => {}
            // No agency is attached to the instance: nothing to give.
            404 => return Ok(None),
            status => {
                return Err(unavailable(
                    Self::NAME,
                    &format!("the metadata service answered HTTP {status}"),
                ));
            }
        }
        let body = answer
            .bytes()
            .await
            .map_err(|e| unreachable(Self::NAME, &e))?;
        let Credential {
            access,
            secret,
            securitytoken,
            expires_at,
        } = serde_json::from_slice::<Answer>(&body)
            .map_err(|_| {
                invalid(
                    Self::NAME,
                    "the security key answer is not the documented JSON",
                )
            })?
            .credential;
        let expires_at = parse_rfc3339(&expires_at)
            .ok_or_else(|| invalid(Self::NAME, "expires_at is not an RFC 3339 time"))?;
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
        format!("{} ({})", Self::NAME, self.endpoint)
    }
}

/// Tencent Cloud CVM: the temporary keys of the role bound to the instance, from
/// `GET /latest/meta-data/cam/security-credentials/<role>` (the role read from the same path
/// without a name unless given). Refreshed before they expire.
#[derive(Debug)]
pub struct TencentCvmRoleProvider {
    endpoint: String,
    role: Option<String>,
    client: LazyClient,
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
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            role: None,
            client: LazyClient::default(),
        }
    }

    /// The role's name, when known (saves one request).
    #[must_use]
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    async fn get_text(&self, url: String) -> Result<Option<String>, CredentialsError> {
        let client = self.client.get(Self::NAME)?;
        let answer = client
            .get(url)
            .send()
            .await
            .map_err(|e| unreachable(Self::NAME, &e))?;
        match answer.status().as_u16() {
            200 => Ok(Some(
                answer
                    .text()
                    .await
                    .map_err(|e| unreachable(Self::NAME, &e))?,
            )),
            // No role is bound to the instance.
            404 => Ok(None),
            status => Err(unavailable(
                Self::NAME,
                &format!("the metadata service answered HTTP {status}"),
            )),
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
                let Some(listed) = self
                    .get_text(format!("{}{}", self.endpoint, Self::PATH))
                    .await?
                else {
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
            return Err(invalid(
                Self::NAME,
                "the role name holds unexpected characters",
            ));
        }
        let Some(body) = self
            .get_text(format!("{}{}{role}", self.endpoint, Self::PATH))
            .await?
        else {
            return Ok(None);
        };
        let answer: Answer = serde_json::from_str(&body)
            .map_err(|_| invalid(Self::NAME, "the role's answer is not the documented JSON"))?;
        if answer.code.as_deref().is_some_and(|c| c != "Success") {
            return Err(invalid(Self::NAME, "the role's answer is not a success"));
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
        format!("{} ({})", Self::NAME, self.endpoint)
    }
}

/// `2026-11-23T10:00:00Z`, with or without fractions or an offset.
fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(SystemTime::from)
}
