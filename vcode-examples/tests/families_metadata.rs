//! Issue 19: the instance-metadata providers against fake metadata servers on 127.0.0.1:
//! success, the session-token handshake, expiry and refresh, the service being down, and
//! where they sit in the default chains.

mod families;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use families::{TestTencent, op};
use vcode_core::credentials::{CredentialsChain, Environment, ProvideCredentials};
use vcode_core::{Client, Clock, CredentialsErrorKind, RetryPolicy};
use vcode_huawei::{HuaweiCredentials, HuaweiEnvProvider, HuaweiMetadataProvider};
use vcode_tencent::{TencentCredentials, TencentCvmRoleProvider, TencentEnvProvider};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CANARY: &str = "CANARY-METADATA-SECRET-77";

fn rfc3339(at: SystemTime) -> String {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .expect("after epoch")
        .as_secs();
    let dt = time::OffsetDateTime::from_unix_timestamp(i64::try_from(secs).expect("fits"))
        .expect("valid");
    dt.format(&time::format_description::well_known::Rfc3339)
        .expect("formats")
}

async fn huawei_metadata(with_token: bool, expires: SystemTime) -> MockServer {
    let server = MockServer::start().await;
    if with_token {
        Mock::given(method("PUT"))
            .and(path("/meta-data/latest/api/token"))
            .and(header("X-Metadata-Token-Ttl-Seconds", "21600"))
            .respond_with(ResponseTemplate::new(200).set_body_string("session-token-1"))
            .mount(&server)
            .await;
    }
    let key = Mock::given(method("GET")).and(path("/openstack/latest/securitykey"));
    let key = if with_token {
        key.and(header("X-Metadata-Token", "session-token-1"))
    } else {
        key
    };
    key.respond_with(ResponseTemplate::new(200).set_body_string(format!(
        r#"{{"credential":{{"access":"TMPAK","secret":"{CANARY}","securitytoken":"sec-token","expires_at":"{}"}}}}"#,
        rfc3339(expires)
    )))
    .mount(&server)
    .await;
    server
}

#[tokio::test]
async fn huawei_metadata_does_the_token_handshake_and_reads_the_expiry() {
    let expires = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    for with_token in [true, false] {
        let server = huawei_metadata(with_token, expires).await;
        let provider = HuaweiMetadataProvider::with_endpoint(server.uri());
        let Some(HuaweiCredentials::AkSk(aksk)) =
            provider.provide_credentials().await.expect("answered")
        else {
            panic!("AK/SK expected")
        };
        assert_eq!(aksk.access_key_id(), "TMPAK");
        assert!(aksk.is_temporary());
        assert_eq!(aksk.expires_at(), Some(expires));
        assert!(!format!("{aksk:?} {provider:?}").contains(CANARY));
        let requests = server.received_requests().await.expect("recorded");
        let get = requests
            .iter()
            .find(|r| r.method.as_str() == "GET")
            .expect("GET");
        assert_eq!(
            get.headers.get("x-metadata-token").is_some(),
            with_token,
            "token sent exactly when the handshake gave one"
        );
    }
}

#[tokio::test]
async fn a_metadata_service_that_is_down_or_empty_is_named() {
    // A port with nothing listening.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    };
    let err = HuaweiMetadataProvider::with_endpoint(&closed)
        .provide_credentials()
        .await
        .expect_err("down");
    assert_eq!(*err.kind(), CredentialsErrorKind::Unavailable);
    assert!(err.to_string().contains("ECS metadata"), "{err}");
    let err = TencentCvmRoleProvider::with_endpoint(&closed)
        .provide_credentials()
        .await
        .expect_err("down");
    assert_eq!(*err.kind(), CredentialsErrorKind::Unavailable);
    assert!(err.to_string().contains("CVM role metadata"), "{err}");

    // No agency / no role bound: nothing to give. A broken answer: invalid.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/openstack/latest/securitykey"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/cam/security-credentials/"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    assert!(
        HuaweiMetadataProvider::with_endpoint(server.uri())
            .provide_credentials()
            .await
            .expect("answered")
            .is_none()
    );
    assert!(
        TencentCvmRoleProvider::with_endpoint(server.uri())
            .provide_credentials()
            .await
            .expect("answered")
            .is_none()
    );
    let broken = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(r#"{{"x":"{CANARY}"}}"#)))
        .mount(&broken)
        .await;
    let err = HuaweiMetadataProvider::with_endpoint(broken.uri())
        .provide_credentials()
        .await
        .expect_err("broken");
    assert_eq!(*err.kind(), CredentialsErrorKind::Invalid);
    assert!(!err.to_string().contains(CANARY));
}

#[derive(Debug, Clone)]
struct ManualClock(Arc<Mutex<SystemTime>>);

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().expect("clock")
    }
}

async fn cvm_role(server: &MockServer, id: &str, expires: SystemTime) {
    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/cam/security-credentials/"))
        .respond_with(ResponseTemplate::new(200).set_body_string("app-role\n"))
        .mount(server)
        .await;
    let expired = expires.duration_since(UNIX_EPOCH).expect("after").as_secs();
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/cam/security-credentials/app-role"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"TmpSecretId":"{id}","TmpSecretKey":"{CANARY}","Token":"tc-token","ExpiredTime":{expired},"Expiration":"x","Code":"Success"}}"#
        )))
        .mount(server)
        .await;
}

#[tokio::test]
async fn cvm_role_credentials_are_refreshed_before_they_expire() {
    let start = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let clock = ManualClock(Arc::new(Mutex::new(start)));
    let metadata = MockServer::start().await;
    cvm_role(&metadata, "TMP-1", start + Duration::from_secs(1800)).await;
    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header_exists("x-tc-token"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&service)
        .await;
    let client: Client<TestTencent> = Client::builder()
        .endpoint(service.uri())
        .credentials(TencentCvmRoleProvider::with_endpoint(metadata.uri()))
        .clock(Arc::new(clock.clone()))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    client.send(&op()).await.expect("first");
    // 27 minutes later: inside the 5-minute window before expiry; the role has new keys.
    cvm_role(&metadata, "TMP-2", start + Duration::from_secs(3600)).await;
    *clock.0.lock().expect("clock") = start + Duration::from_secs(27 * 60);
    client.send(&op()).await.expect("second");
    let ids: Vec<String> = service
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .map(|r| {
            r.headers["authorization"]
                .to_str()
                .expect("text")
                .to_owned()
        })
        .collect();
    assert!(ids[0].contains("Credential=TMP-1/"), "{}", ids[0]);
    assert!(ids[1].contains("Credential=TMP-2/"), "{}", ids[1]);
}

/// Issue 35: a client (or shared config) set not to ask the metadata services builds its
/// default chains without them.
#[test]
fn the_metadata_services_can_be_left_out_of_the_default_chains() {
    for shown in [
        vcode_huawei::credentials::chain(false).source_name(),
        vcode_tencent::credentials::chain(false).source_name(),
    ] {
        assert!(shown.contains("environment"), "{shown}");
        assert!(!shown.contains("metadata"), "{shown}");
    }
    let config = vcode_core::SdkConfig::builder()
        .metadata_credentials(false)
        .build();
    for shown in [
        format!(
            "{:?}",
            config.credentials_for::<vcode_huawei::HuaweiFamily>()
        ),
        format!(
            "{:?}",
            config.credentials_for::<vcode_tencent::TencentFamily>()
        ),
    ] {
        assert!(shown.contains("Env"), "{shown}");
        assert!(
            !shown.contains("Metadata") && !shown.contains("CvmRole"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn the_default_chains_end_with_the_metadata_services() {
    let huawei = vcode_huawei::default_chain().source_name();
    let tencent = vcode_tencent::default_chain().source_name();
    let order = |text: &str, parts: &[&str]| {
        let positions: Vec<usize> = parts
            .iter()
            .map(|p| text.find(p).unwrap_or_else(|| panic!("{p} in {text}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    };
    order(&huawei, &["environment", "profile", "ECS metadata"]);
    order(&tencent, &["environment", "profile", "CVM role metadata"]);

    // The environment wins, and the metadata service is not asked.
    let metadata = huawei_metadata(true, SystemTime::now() + Duration::from_secs(3600)).await;
    let env = Environment::from_map(
        [
            ("HUAWEICLOUD_SDK_AK", "ENVAK"),
            ("HUAWEICLOUD_SDK_SK", "ENVSK"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
    );
    let chain = CredentialsChain::new()
        .or_else(HuaweiEnvProvider::with_environment(env))
        .or_else(HuaweiMetadataProvider::with_endpoint(metadata.uri()));
    let HuaweiCredentials::AkSk(aksk) = chain.resolve().await.expect("env") else {
        panic!()
    };
    assert_eq!(aksk.access_key_id(), "ENVAK");
    assert!(
        metadata
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
    // Nothing in the environment: the metadata service answers.
    let chain = CredentialsChain::new()
        .or_else(HuaweiEnvProvider::with_environment(Environment::from_map(
            Default::default(),
        )))
        .or_else(HuaweiMetadataProvider::with_endpoint(metadata.uri()));
    let HuaweiCredentials::AkSk(aksk) = chain.resolve().await.expect("metadata") else {
        panic!()
    };
    assert_eq!(aksk.access_key_id(), "TMPAK");
    // A metadata service that is down: the chain says no credentials, naming it.
    let chain: CredentialsChain<TencentCredentials> = CredentialsChain::new()
        .or_else(TencentEnvProvider::with_environment(Environment::from_map(
            Default::default(),
        )))
        .or_else(TencentCvmRoleProvider::with_endpoint("http://127.0.0.1:9"));
    let err = chain.resolve().await.expect_err("none");
    assert_eq!(*err.kind(), CredentialsErrorKind::NotFound);
    assert!(err.to_string().contains("CVM role metadata"), "{err}");
}
