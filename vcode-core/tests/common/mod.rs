//! A minimal operation used to exercise the runtime: POST `/op`, success on an empty 2xx body,
//! vendor errors as `{"error_code", "error_msg"}`; a service without credentials, and one of a
//! toy family (`toy.rs`) defined here, outside `vcode-core`, as any family crate would be.

#![allow(dead_code)]

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

pub mod toy;

use vcode_core::credentials::ProvideCredentials;
use vcode_core::service::{
    Auth, Failure, HttpResponse, NoCredentials, OpenFamily, Operation, OperationRequest, Service,
};
use vcode_core::{
    BuildError, Client, ClientConfig, Clock, ErrorClass, ResponseError, ServiceError,
    ServiceErrorKind,
};

/// A service without credentials; the tests always give an endpoint.
#[derive(Debug)]
pub struct TestOpen;

impl Service for TestOpen {
    const NAME: &'static str = "test";
    const USER_AGENT: &'static str = "vcode-core-tests/0.1.0";
    type Family = OpenFamily;
    type Region = ();

    fn endpoint(_: &(), family: &OpenFamily) -> Result<String, BuildError> {
        family.endpoint()
    }

    fn setup(
        _: &(),
        _: OpenFamily,
        _: Option<Arc<dyn ProvideCredentials<NoCredentials>>>,
        _: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        Ok(Auth::none())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestError {
    Throttled,
    ClockSkew,
    Authentication,
    SendLimit,
    Other(String),
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl ServiceErrorKind for TestError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Throttled => ErrorClass::Throttling,
            Self::ClockSkew => ErrorClass::ClockSkew,
            Self::Authentication => ErrorClass::Authentication,
            Self::SendLimit => ErrorClass::BusinessLimit,
            Self::Other(_) => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, Self::SendLimit).then_some(Duration::from_secs(60))
    }
}

/// The test operation, for any test service.
pub struct TestOp<S>(PhantomData<fn() -> S>);

/// The test operation of whichever service the client is for.
pub fn op<S>() -> TestOp<S> {
    TestOp(PhantomData)
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error_code: String,
    #[serde(default)]
    error_msg: String,
}

impl<S: Service> Operation for TestOp<S> {
    type Service = S;
    type Output = u16;
    type Error = TestError;
    const NAME: &'static str = "TestOp";

    fn request(&self) -> OperationRequest {
        OperationRequest::post_json("/op", br#"{"email":"someone@example.com"}"#.to_vec())
    }

    fn parse(&self, response: HttpResponse) -> Result<u16, Failure<TestError>> {
        if (200..300).contains(&response.status()) && response.body().is_empty() {
            return Ok(response.status());
        }
        match serde_json::from_slice::<ErrorBody>(response.body()) {
            Ok(body) => {
                let kind = match body.error_code.as_str() {
                    "THROTTLED" => TestError::Throttled,
                    "SKEW" => TestError::ClockSkew,
                    "AUTH" => TestError::Authentication,
                    "LIMIT" => TestError::SendLimit,
                    other => TestError::Other(other.to_owned()),
                };
                Err(Failure::Service(ServiceError::new(
                    kind,
                    body.error_code,
                    body.error_msg,
                )))
            }
            Err(_) => Err(Failure::Response(ResponseError::malformed(
                &response,
                "an empty body or a JSON error",
            ))),
        }
    }
}

/// A clock that counts how often it is read: each attempt reads it once to sign.
#[derive(Debug, Default)]
pub struct CountingClock {
    pub reads: AtomicUsize,
    pub skew_secs: i64,
}

impl Clock for CountingClock {
    fn now(&self) -> SystemTime {
        self.reads.fetch_add(1, Ordering::SeqCst);
        let now = SystemTime::now();
        let skew = Duration::from_secs(self.skew_secs.unsigned_abs());
        if self.skew_secs >= 0 {
            now + skew
        } else {
            now - skew
        }
    }
}

pub fn config(endpoint: &str) -> ClientConfig {
    let mut config = ClientConfig::default();
    config.set_endpoint(endpoint);
    config
}

/// A client without credentials.
pub fn open_client(config: ClientConfig) -> Client<TestOpen> {
    Client::builder()
        .config(config)
        .build()
        .expect("client builds")
}

/// A client of the toy family's service, with these credentials.
pub fn toy_client(
    config: ClientConfig,
    credentials: impl ProvideCredentials<toy::ToyKey> + 'static,
) -> Client<toy::ToyService> {
    Client::builder()
        .config(config)
        .credentials(credentials)
        .build()
        .expect("client builds")
}

pub fn clock(skew_secs: i64) -> Arc<CountingClock> {
    Arc::new(CountingClock {
        reads: AtomicUsize::new(0),
        skew_secs,
    })
}

/// The kind and send state of a timeout; any other error fails the test.
pub fn timeout_of<E: ServiceErrorKind>(
    err: &vcode_core::SdkError<E>,
) -> (vcode_core::TimeoutKind, vcode_core::SendState) {
    let vcode_core::SdkError::Timeout(timeout) = err else {
        panic!("not a timeout: {err:?}")
    };
    (timeout.kind(), err.send_state())
}
