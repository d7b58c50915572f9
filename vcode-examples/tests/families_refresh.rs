//! Issue 19: credentials that expire are refreshed before they expire, once for any number of
//! concurrent calls; a failed refresh is not cached; expired credentials never sign; a refresh
//! does not hold up calls that still have valid credentials.

mod families;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use families::{TestHuawei, TestTencent, op};
use vcode_core::credentials::{CredentialsFuture, ProvideCredentials};
use vcode_core::{CallOptions, Client, Clock, CredentialsErrorKind, RetryPolicy, SdkError};
use vcode_huawei::{HuaweiAkSk, HuaweiClientBuilderExt, HuaweiCredentials};
use vcode_tencent::TencentCredentials;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A clock the test moves.
#[derive(Debug, Clone)]
struct ManualClock(Arc<Mutex<SystemTime>>);

impl ManualClock {
    fn new() -> Self {
        Self(Arc::new(Mutex::new(SystemTime::now())))
    }

    fn advance(&self, by: Duration) {
        *self.0.lock().expect("clock") += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().expect("clock")
    }
}

/// Hands out `ID-<n>` credentials valid one hour from the clock, slowly, counting calls; the
/// calls listed in `fail_on` fail.
#[derive(Debug)]
struct Rotating {
    clock: ManualClock,
    calls: AtomicUsize,
    delay_ms: AtomicU64,
    fail_on: Vec<usize>,
    validity: Duration,
}

impl Rotating {
    fn new(clock: &ManualClock, delay: Duration) -> Self {
        Self {
            clock: clock.clone(),
            calls: AtomicUsize::new(0),
            delay_ms: AtomicU64::new(u64::try_from(delay.as_millis()).unwrap_or(0)),
            fail_on: Vec::new(),
            validity: Duration::from_secs(3600),
        }
    }

    fn set_delay(&self, delay: Duration) {
        self.delay_ms.store(
            u64::try_from(delay.as_millis()).unwrap_or(0),
            Ordering::SeqCst,
        );
    }

    fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms.load(Ordering::SeqCst))
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl ProvideCredentials<TencentCredentials> for Rotating {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::new(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(self.delay()).await;
            if self.fail_on.contains(&n) {
                return Err(vcode_core::CredentialsError::new(
                    CredentialsErrorKind::Unavailable,
                    "the role service is down",
                ));
            }
            Ok(Some(
                TencentCredentials::new(format!("ID-{n}"), format!("key-{n}"))
                    .with_token(format!("token-{n}"))
                    .with_expiry(self.clock.now() + self.validity),
            ))
        })
    }

    fn source_name(&self) -> String {
        "rotating test provider".into()
    }
}

impl ProvideCredentials<HuaweiCredentials> for Rotating {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::new(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(self.delay()).await;
            Ok(Some(HuaweiCredentials::AkSk(
                HuaweiAkSk::new(format!("AK-{n}"), format!("SK-{n}"))
                    .with_security_token(format!("token-{n}"))
                    .with_domain_id("domain")
                    .with_expiry(self.clock.now() + self.validity),
            )))
        })
    }

    fn source_name(&self) -> String {
        "rotating test provider".into()
    }
}

/// A provider shared with the test, so the test can count its calls.
#[derive(Debug, Clone)]
struct Shared(Arc<Rotating>);

impl<C> ProvideCredentials<C> for Shared
where
    Rotating: ProvideCredentials<C>,
{
    fn provide_credentials(&self) -> CredentialsFuture<'_, C> {
        self.0.provide_credentials()
    }

    fn source_name(&self) -> String {
        "shared rotating".into()
    }
}

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

fn tencent(
    server: &MockServer,
    clock: &ManualClock,
    provider: &Arc<Rotating>,
) -> Client<TestTencent> {
    Client::builder()
        .endpoint(server.uri())
        .credentials(Shared(provider.clone()))
        .clock(Arc::new(clock.clone()))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

/// The credential id each request was signed with (`Credential=<id>/...`).
async fn signed_ids(server: &MockServer) -> Vec<String> {
    let requests: Vec<Request> = server.received_requests().await.expect("recorded");
    requests
        .iter()
        .map(|r| {
            let auth = r.headers["authorization"].to_str().expect("text");
            let start = auth.find("Credential=").expect("credential") + "Credential=".len();
            auth[start..].split('/').next().expect("id").to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn expired_credentials_are_refreshed_once_for_100_concurrent_calls() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let provider = Arc::new(Rotating::new(&clock, Duration::from_millis(200)));
    let client = tencent(&server, &clock, &provider);
    client.send(&op()).await.expect("first call");
    assert_eq!(provider.calls(), 1);

    // An hour and a bit later the credentials have expired: 100 calls at once.
    clock.advance(Duration::from_secs(3700));
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&op()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("sent");
    }
    assert_eq!(provider.calls(), 2, "one refresh for all 100 calls");
    let ids = signed_ids(&server).await;
    assert_eq!(ids.len(), 101);
    assert_eq!(ids[0], "ID-1");
    assert!(ids[1..].iter().all(|id| id == "ID-2"), "{ids:?}");
}

#[tokio::test]
async fn a_failed_refresh_is_not_cached_and_expired_credentials_never_sign() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let mut rotating = Rotating::new(&clock, Duration::ZERO);
    rotating.fail_on = vec![2];
    let provider = Arc::new(rotating);
    let client = tencent(&server, &clock, &provider);
    client.send(&op()).await.expect("first call");

    clock.advance(Duration::from_secs(3700));
    // The refresh fails: a typed credentials error, and nothing is sent with the expired keys.
    let err = client.send(&op()).await.expect_err("refresh failed");
    let SdkError::Credentials(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*e.kind(), CredentialsErrorKind::Unavailable);
    assert_eq!(signed_ids(&server).await, ["ID-1"]);
    // The failure was not kept: the next call refreshes again, and succeeds.
    client.send(&op()).await.expect("refreshed");
    assert_eq!(provider.calls(), 3);
    assert_eq!(signed_ids(&server).await, ["ID-1", "ID-3"]);
}

#[tokio::test]
async fn a_provider_that_gives_expired_credentials_is_refused() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let mut rotating = Rotating::new(&clock, Duration::ZERO);
    rotating.validity = Duration::ZERO;
    let client = tencent(&server, &clock, &Arc::new(rotating));
    let err = client.send(&op()).await.expect_err("expired");
    let SdkError::Credentials(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*e.kind(), CredentialsErrorKind::Expired);
    assert!(signed_ids(&server).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refresh_does_not_hold_up_calls_with_valid_credentials() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let provider = Arc::new(Rotating::new(&clock, Duration::ZERO));
    let client = tencent(&server, &clock, &provider);
    client.send(&op()).await.expect("first call");
    // Inside the refresh window (5 minutes before expiry), still valid; the refresh is slow.
    clock.advance(Duration::from_secs(3600 - 120));
    provider.set_delay(Duration::from_millis(1500));
    let refreshing = {
        let client = client.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            client.send(&op()).await.expect("refreshing call");
            started.elapsed()
        })
    };
    // Give the refreshing call time to take the refresh.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = Instant::now();
    let others: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&op()).await })
        })
        .collect();
    for call in others {
        call.await
            .expect("joined")
            .expect("sent with the valid credentials");
    }
    let others_took = started.elapsed();
    let refresh_took = refreshing.await.expect("joined");
    assert!(
        others_took < refresh_took,
        "valid-credential calls waited {others_took:?}, the refresh took {refresh_took:?}"
    );
    let ids = signed_ids(&server).await;
    assert_eq!(ids.iter().filter(|id| *id == "ID-1").count(), 21, "{ids:?}");
    assert_eq!(provider.calls(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn huawei_temporary_credentials_are_refreshed_too() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let provider = Arc::new(Rotating::new(&clock, Duration::from_millis(50)));
    let client: Client<TestHuawei> = Client::builder()
        .endpoint(server.uri())
        // The credentials carry a domain id; this only tells the builder no public IAM is used.
        .iam_endpoint(server.uri())
        .credentials(Shared(provider.clone()))
        .clock(Arc::new(clock.clone()))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    client.send(&op()).await.expect("first");
    // Inside Huawei's 40-minute window: refreshed by one call, others keep the old keys.
    clock.advance(Duration::from_secs(30 * 60));
    client.send(&op()).await.expect("second");
    assert_eq!(provider.calls(), 2);
    clock.advance(Duration::from_secs(3 * 3600));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&op()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("sent");
    }
    assert_eq!(provider.calls(), 3);
    let requests = server.received_requests().await.expect("recorded");
    let tokens: Vec<_> = requests
        .iter()
        .map(|r| {
            r.headers["x-security-token"]
                .to_str()
                .expect("text")
                .to_owned()
        })
        .collect();
    assert_eq!(tokens[0], "token-1");
    assert_eq!(tokens[1], "token-2");
    assert!(tokens[2..].iter().all(|t| t == "token-3"));
}

/// The total timeout also bounds loading credentials: the call ends without sending.
#[tokio::test]
async fn total_timeout_fires_while_credentials_load() {
    let server = ok_server().await;
    let clock = ManualClock::new();
    let provider = Arc::new(Rotating::new(&clock, Duration::from_secs(3)));
    let client = tencent(&server, &clock, &provider);
    let started = Instant::now();
    let err = client
        .send_with(
            &op(),
            &CallOptions::new().total_timeout(Duration::from_millis(300)),
        )
        .await
        .expect_err("times out");
    assert_eq!(
        families::timeout_of(&err),
        (
            vcode_core::TimeoutKind::Total,
            vcode_core::SendState::NotSent
        )
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(provider.calls(), 1);
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}

#[tokio::test]
async fn one_call_can_have_its_own_timeout_and_retry_policy() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client: Client<families::TestOpen> = Client::builder()
        .endpoint(server.uri())
        .total_timeout(Duration::from_secs(60))
        .attempt_timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let started = Instant::now();
    let err = client
        .send_with(
            &op(),
            &CallOptions::new()
                .total_timeout(Duration::from_secs(1))
                .retry_policy(RetryPolicy::never()),
        )
        .await
        .expect_err("timed out");
    let SdkError::Timeout(timeout) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(timeout.after(), Duration::from_secs(1));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The client's own settings are untouched: a call without options waits for the answer.
    client
        .send(&op())
        .await
        .expect("the default 60 s is enough");
}

#[tokio::test]
async fn a_shared_config_resolves_credentials_once_for_every_client() {
    use vcode_core::SdkConfig;
    use vcode_core::credentials::SharedProvider;
    use vcode_tencent::DEFAULT_REFRESH_WINDOW as DEFAULT_TENCENT_REFRESH_WINDOW;
    let server = ok_server().await;
    let clock = ManualClock::new();
    let provider = Arc::new(Rotating::new(&clock, Duration::ZERO));
    let shared = SdkConfig::builder()
        .credentials(SharedProvider::<TencentCredentials>::new(
            Shared(provider.clone()),
            DEFAULT_TENCENT_REFRESH_WINDOW,
        ))
        .user_agent_suffix("my-app/2.3")
        .retry_policy(RetryPolicy::never())
        .build();
    let clients: Vec<Client<TestTencent>> = (0..3)
        .map(|_| {
            Client::builder()
                .sdk_config(&shared)
                .endpoint(server.uri())
                .build()
                .expect("client")
        })
        .collect();
    for client in &clients {
        client.send(&op()).await.expect("sent");
    }
    assert_eq!(provider.calls(), 1, "one resolution for three clients");
    let requests = server.received_requests().await.expect("recorded");
    for request in &requests {
        let agent = request.headers["user-agent"].to_str().expect("text");
        assert_eq!(agent, "vcode-families-tests/0.1.0 my-app/2.3");
    }
    // A client can still override what the config says.
    let own: Client<TestTencent> = Client::builder()
        .sdk_config(&shared)
        .endpoint(server.uri())
        .credentials(TencentCredentials::new("OWN", "own-key"))
        .build()
        .expect("client");
    own.send(&op()).await.expect("sent");
    assert_eq!(
        signed_ids(&server).await.last().map(String::as_str),
        Some("OWN")
    );
}

#[test]
fn a_shared_config_reads_its_settings_from_the_environment() {
    use vcode_core::SdkConfig;
    use vcode_core::credentials::Environment;
    let env = |vars: &[(&str, &str)]| {
        Environment::from_map(
            vars.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    };
    let config = SdkConfig::from_environment(&env(&[
        ("VCODE_TOTAL_TIMEOUT_SECS", "12"),
        ("VCODE_ATTEMPT_TIMEOUT_SECS", "4"),
        ("VCODE_MAX_ATTEMPTS", "2"),
        ("VCODE_USER_AGENT_SUFFIX", "app/1"),
    ]))
    .expect("valid");
    let shown = format!("{:?}", config.client_config());
    assert!(shown.contains("total_timeout: 12s"), "{shown}");
    assert!(shown.contains("attempt_timeout: 4s"), "{shown}");
    assert!(shown.contains("max_attempts: 2"), "{shown}");
    assert!(shown.contains("app/1"), "{shown}");
    // No credentials were given: each family's default chain, shared by its clients.
    assert!(config.credentials::<TencentCredentials>().is_none());
    let tencent = config.credentials_for::<vcode_tencent::TencentFamily>();
    let again = config.credentials_for::<vcode_tencent::TencentFamily>();
    assert!(matches!((&tencent, &again), (Some(a), Some(b)) if Arc::ptr_eq(a, b)));
    assert!(
        config
            .credentials_for::<vcode_huawei::HuaweiFamily>()
            .is_some()
    );
    for (name, value) in [
        ("VCODE_TOTAL_TIMEOUT_SECS", "soon"),
        ("VCODE_MAX_ATTEMPTS", "0"),
        ("VCODE_USER_AGENT_SUFFIX", "bad\nvalue"),
    ] {
        let err = SdkConfig::from_environment(&env(&[(name, value)])).expect_err(name);
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn no_secret_in_the_debug_of_the_new_types() {
    use vcode_core::SdkConfig;
    use vcode_core::credentials::SharedProvider;
    use vcode_huawei::IamToken;
    const CANARY: &str = "CANARY-REFRESH-SECRET-31";
    let clock = ManualClock::new();
    let tencent = TencentCredentials::new("ID", CANARY)
        .with_token(CANARY)
        .with_expiry(clock.now());
    let huawei = HuaweiAkSk::new("AK", CANARY)
        .with_security_token(CANARY)
        .with_expiry(clock.now());
    let token = IamToken::new(CANARY)
        .expect("token")
        .with_expiry(clock.now());
    let config = SdkConfig::builder()
        .credentials(SharedProvider::new(
            tencent.clone(),
            Duration::from_secs(60),
        ))
        .credentials(huawei.clone())
        .build();
    let future = ProvideCredentials::<TencentCredentials>::provide_credentials(&tencent);
    let shown = [
        format!("{tencent:?}"),
        format!("{huawei:?}"),
        format!("{token:?}"),
        format!("{config:?}"),
        format!("{config:#?}"),
        format!("{future:?}"),
        format!("{:?}", CallOptions::new()),
    ];
    for text in shown {
        assert!(!text.contains(CANARY), "{text}");
    }
}
