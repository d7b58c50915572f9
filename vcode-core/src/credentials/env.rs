//! Environment variable providers.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use super::{
    CredentialsFuture, HuaweiAkSk, HuaweiCredentials, ProvideCredentials, TencentCredentials,
};
use crate::error::{CredentialsError, CredentialsErrorKind};

type Lookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Where variables are read from: the process environment, or a fixed map (for tests and for
/// programs that keep configuration elsewhere). Empty values count as unset.
#[derive(Clone)]
pub struct Environment {
    lookup: Arc<Lookup>,
}

impl Environment {
    /// The process environment.
    pub fn process() -> Self {
        Self {
            lookup: Arc::new(|name| std::env::var(name).ok()),
        }
    }

    /// A fixed set of variables.
    pub fn from_map(vars: HashMap<String, String>) -> Self {
        Self {
            lookup: Arc::new(move |name| vars.get(name).cloned()),
        }
    }

    /// A variable's value; `None` when unset or empty.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|v| !v.is_empty())
    }
}

impl Default for Environment {
    fn default() -> Self {
        Self::process()
    }
}

impl fmt::Debug for Environment {
    // Values may be secrets: never print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Environment")
    }
}

/// Reads a key pair from two variables: both set, neither, or an error naming the missing one.
fn pair(
    env: &Environment,
    id_var: &str,
    secret_var: &str,
) -> Result<Option<(String, String)>, CredentialsError> {
    match (env.get(id_var), env.get(secret_var)) {
        (Some(id), Some(secret)) => Ok(Some((id, secret))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(CredentialsError::new(
            CredentialsErrorKind::Environment,
            format!("{id_var} is set but {secret_var} is not"),
        )),
        (None, Some(_)) => Err(CredentialsError::new(
            CredentialsErrorKind::Environment,
            format!("{secret_var} is set but {id_var} is not"),
        )),
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
        let Some((ak, sk)) = pair(&self.env, "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK")? else {
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
        Ok(pair(
            &self.env,
            "TENCENTCLOUD_SECRET_ID",
            "TENCENTCLOUD_SECRET_KEY",
        )?
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
