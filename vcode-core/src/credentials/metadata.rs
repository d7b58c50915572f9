//! Instance metadata services: what a family's provider needs to ask one for credentials.
//!
//! Metadata services answer at once or not at all: a machine that is not a cloud instance
//! must not slow a chain down, so a [`MetadataClient`] connects within 1 s and gives up on an
//! answer after 3 s, never through a proxy, and calls an unreachable service
//! [`Unavailable`](vcode_core::CredentialsErrorKind::Unavailable) (a chain passes over it).
//!
//! They can be switched off, for every family at once: set [`DISABLE_VARIABLE`]
//! (`VCODE_METADATA_DISABLED=true`, or `1`) and no metadata service is contacted (each answers
//! `Unavailable` at once), or build clients with `metadata_credentials(false)`, which leaves
//! the metadata providers out of their default chains.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use crate::error::{CredentialsError, CredentialsErrorKind};

/// The environment variable that switches every metadata provider off: `true` or `1`.
pub const DISABLE_VARIABLE: &str = "VCODE_METADATA_DISABLED";

/// Whether [`DISABLE_VARIABLE`] switches the metadata providers off in this process.
pub fn metadata_disabled() -> bool {
    std::env::var(DISABLE_VARIABLE)
        .is_ok_and(|v| v.trim() == "1" || v.trim().eq_ignore_ascii_case("true"))
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);

/// A metadata service's endpoint and the HTTP client that reaches it, built on first use (so
/// building a chain costs nothing).
#[derive(Debug)]
pub struct MetadataClient {
    name: &'static str,
    endpoint: String,
    client: OnceLock<Result<reqwest::Client, String>>,
}

/// A metadata service's answer: its status and body.
#[derive(Clone, Debug)]
pub struct MetadataAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Bytes,
}

impl MetadataClient {
    /// The service called `name` in errors (such as `instance metadata`), at `endpoint`.
    pub fn new(name: &'static str, endpoint: impl Into<String>) -> Self {
        Self {
            name,
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            client: OnceLock::new(),
        }
    }

    /// The endpoint, without a trailing `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The name given to [`new`](Self::new).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Sends `method path` with `headers` and reads the answer.
    ///
    /// # Errors
    /// The service cannot be reached, did not answer in time, or its answer could not be read:
    /// [`CredentialsErrorKind::Unavailable`], naming neither the URL's query nor a credential.
    pub async fn send(
        &self,
        method: http::Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<MetadataAnswer, CredentialsError> {
        if metadata_disabled() {
            return Err(self.unavailable(&format!("switched off by {DISABLE_VARIABLE}")));
        }
        let client = self
            .client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .connect_timeout(CONNECT_TIMEOUT)
                    .timeout(REQUEST_TIMEOUT)
                    .no_proxy()
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| self.unavailable(&format!("no HTTP client: {e}")))?;
        let mut request = client.request(method, format!("{}{path}", self.endpoint));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = request.send().await.map_err(|e| self.unreachable(&e))?;
        let status = answer.status().as_u16();
        let body = answer.bytes().await.map_err(|e| self.unreachable(&e))?;
        Ok(MetadataAnswer { status, body })
    }

    /// The service cannot be used now: a chain moves on.
    pub fn unavailable(&self, why: &str) -> CredentialsError {
        CredentialsError::new(
            CredentialsErrorKind::Unavailable,
            format!("{}: {why}", self.name),
        )
    }

    /// The service answered something that is not as documented: a chain stops.
    pub fn invalid(&self, why: &str) -> CredentialsError {
        CredentialsError::new(
            CredentialsErrorKind::Invalid,
            format!("{}: {why}", self.name),
        )
    }

    /// Reaching the service failed: which way, without the URL's query or any credential.
    fn unreachable(&self, e: &reqwest::Error) -> CredentialsError {
        let why = if e.is_timeout() {
            "the metadata service did not answer in time"
        } else if e.is_connect() {
            "the metadata service cannot be reached"
        } else {
            "the metadata service answer could not be read"
        };
        self.unavailable(why)
    }
}

/// `2026-11-23T10:00:00Z`, with or without fractions or an offset.
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(SystemTime::from)
}
