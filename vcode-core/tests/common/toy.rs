//! A toy vendor family, defined outside `vcode-core` as a family crate would be: its own
//! credentials (a key id and secret), its own provider, its own header signature, its own
//! builder setting, and a service that uses them. Nothing in `vcode-core` knows it.
//!
//! The scheme: `X-Toy-Time` (the signing time in Unix seconds), `X-Toy-Region` (a family
//! setting), and `Authorization: TOY key=<id>, signature=<hex SHA-256 of
//! secret \n method \n path \n time \n body>`.

use std::fmt;
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};
use vcode_core::credentials::{CredentialsFuture, ProvideCredentials};
use vcode_core::http::{HeaderName, HeaderValue};
use vcode_core::service::{
    Auth, AuthError, AuthFuture, AuthRequest, Authenticate, Family, Service, SigningContext,
    sensitive,
};
use vcode_core::{BuildError, ClientBuilder, ClientConfig, CredentialsError, CredentialsErrorKind};

/// The toy family's credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct ToyKey {
    pub id: String,
    pub secret: String,
}

impl fmt::Debug for ToyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToyKey")
            .field("id", &self.id)
            .field("secret", &"[REDACTED]")
            .finish()
    }
}

impl ToyKey {
    pub fn new(id: &str, secret: &str) -> Self {
        Self {
            id: id.to_owned(),
            secret: secret.to_owned(),
        }
    }
}

impl ProvideCredentials<ToyKey> for ToyKey {
    fn provide_credentials(&self) -> CredentialsFuture<'_, ToyKey> {
        CredentialsFuture::ready(Ok(Some(self.clone())))
    }

    fn source_name(&self) -> String {
        "explicit toy key".into()
    }

    fn known(&self) -> Option<ToyKey> {
        Some(self.clone())
    }
}

/// The toy family's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToyFamily {
    pub region: Option<String>,
}

impl Family for ToyFamily {
    type Credentials = ToyKey;
}

/// The family's builder setting, as a family crate adds one.
pub trait ToyBuilderExt: Sized {
    fn toy_region(self, region: &str) -> Self;
}

impl<S: Service<Family = ToyFamily>> ToyBuilderExt for ClientBuilder<S> {
    fn toy_region(self, region: &str) -> Self {
        let region = region.to_owned();
        self.map_family(|family| family.region = Some(region))
    }
}

/// The signature of a request, as the toy vendor checks it.
pub fn signature(secret: &str, method: &str, path: &str, time: u64, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("{secret}\n{method}\n{path}\n{time}\n").as_bytes());
    hash.update(body);
    hex::encode(hash.finalize())
}

#[derive(Debug)]
struct ToyAuth {
    provider: Arc<dyn ProvideCredentials<ToyKey>>,
}

impl Authenticate for ToyAuth {
    fn authorize<'a>(
        &'a self,
        request: AuthRequest<'a>,
        ctx: &'a SigningContext<'a>,
    ) -> AuthFuture<'a> {
        Box::pin(async move {
            let key = vcode_core::credentials::require(self.provider.as_ref()).await?;
            let time = ctx
                .time()
                .duration_since(UNIX_EPOCH)
                .map_err(|_| {
                    AuthError::Credentials(CredentialsError::new(
                        CredentialsErrorKind::Invalid,
                        "the clock is before 1970",
                    ))
                })?
                .as_secs();
            let signature = signature(
                &key.secret,
                request.method,
                request.url.path(),
                time,
                request.body,
            );
            request.headers.insert(
                HeaderName::from_static("x-toy-time"),
                HeaderValue::from(time),
            );
            request.headers.insert(
                vcode_core::http::header::AUTHORIZATION,
                sensitive(&format!("TOY key={}, signature={signature}", key.id))?,
            );
            Ok(())
        })
    }
}

/// A service of the toy family.
#[derive(Debug)]
pub struct ToyService;

impl Service for ToyService {
    const NAME: &'static str = "toy";
    const USER_AGENT: &'static str = "toy-service/0.1.0";
    type Family = ToyFamily;
    type Region = ();

    fn endpoint(_: &(), _: &ToyFamily) -> Result<String, BuildError> {
        Err(BuildError::new("the toy service needs an endpoint"))
    }

    fn setup(
        _: &(),
        family: ToyFamily,
        credentials: Option<Arc<dyn ProvideCredentials<ToyKey>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        if let Some(region) = family.region {
            let value = HeaderValue::from_str(&region)
                .map_err(|_| BuildError::new("the toy region is not a header value"))?;
            config.add_default_header(HeaderName::from_static("x-toy-region"), value);
        }
        let provider =
            credentials.ok_or_else(|| BuildError::new("the toy service needs a toy key"))?;
        Ok(Auth::new(ToyAuth { provider }))
    }
}
