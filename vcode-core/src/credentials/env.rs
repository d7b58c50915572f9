//! Where environment variables are read from.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

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

impl Environment {
    /// A key pair from two variables: both set, neither (`None`), or an error naming the one
    /// that is missing.
    ///
    /// # Errors
    /// One of the two variables is set and the other is not.
    pub fn pair(
        &self,
        id_var: &str,
        secret_var: &str,
    ) -> Result<Option<(String, String)>, CredentialsError> {
        pair(self, id_var, secret_var)
    }
}

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
