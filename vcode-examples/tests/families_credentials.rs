//! Credential providers with temporary files and injected variables; the IAM domain-id lookup;
//! and no secret in any Debug, Display or tracing output.

mod families;

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use families::{config, huawei_client, op, tencent_client};
use vcode_core::credentials::{CredentialsChain, Environment};
use vcode_core::{CredentialsErrorKind, SdkError, SendState};
use vcode_huawei::{
    HuaweiAkSk, HuaweiCredentials, HuaweiEnvProvider, HuaweiProfileProvider, IamToken,
};
use vcode_signing::{SignableBody, SignableRequest, huawei};
use vcode_tencent::{TencentCredentials, TencentEnvProvider, TencentProfileProvider};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CANARY_SK: &str = "CANARY-SK-7f3a9c";
const CANARY_TOKEN: &str = "CANARY-TOKEN-52be10";
const CANARY_KEY: &str = "CANARY-TC-KEY-c0ffee";

fn env(vars: &[(&str, &str)]) -> Environment {
    Environment::from_map(
        vars.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<HashMap<_, _>>(),
    )
}

fn write_file(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn aksk(c: Option<HuaweiCredentials>) -> HuaweiAkSk {
    match c {
        Some(HuaweiCredentials::AkSk(c)) => c,
        other => panic!("expected AK/SK, got {other:?}"),
    }
}

#[test]
fn huawei_environment_provider() {
    let full = env(&[
        ("HUAWEICLOUD_SDK_AK", "AK1"),
        ("HUAWEICLOUD_SDK_SK", "SK1"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "dom-1"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "tok"),
    ]);
    let c = aksk(
        HuaweiEnvProvider::with_environment(full)
            .read()
            .expect("ok"),
    );
    assert_eq!(c.access_key_id(), "AK1");
    assert_eq!(c.domain_id(), Some("dom-1"));
    assert!(c.is_temporary());

    let none = HuaweiEnvProvider::with_environment(env(&[]))
        .read()
        .expect("ok");
    assert!(none.is_none());

    let partial = HuaweiEnvProvider::with_environment(env(&[("HUAWEICLOUD_SDK_AK", "AK1")]))
        .read()
        .expect_err("partial");
    assert_eq!(partial.kind(), &CredentialsErrorKind::Environment);
    assert_eq!(
        partial.to_string(),
        "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not"
    );
    // Empty counts as unset.
    let empty = HuaweiEnvProvider::with_environment(env(&[
        ("HUAWEICLOUD_SDK_AK", ""),
        ("HUAWEICLOUD_SDK_SK", ""),
    ]));
    assert!(empty.read().expect("ok").is_none());
}

#[test]
fn huawei_profile_file_sections_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write_file(
        &dir,
        "good",
        "# comment\n[basic]\nak = BASIC\nsk = basic-sk\n\n[global]\nak = GLOBAL\nsk = global-sk\ndomain_id = dom-9\n",
    );
    let c = aksk(
        HuaweiProfileProvider::global()
            .with_path(&good)
            .read()
            .expect("ok"),
    );
    assert_eq!(c.access_key_id(), "GLOBAL");
    assert_eq!(c.domain_id(), Some("dom-9"));
    let c = aksk(
        HuaweiProfileProvider::basic()
            .with_path(&good)
            .read()
            .expect("ok"),
    );
    assert_eq!(c.access_key_id(), "BASIC");

    let partial = write_file(&dir, "partial", "[global]\nak = ONLY\n");
    let err = HuaweiProfileProvider::global()
        .with_path(&partial)
        .read()
        .expect_err("no sk");
    assert_eq!(err.kind(), &CredentialsErrorKind::ProfileFile);
    assert!(err.to_string().contains("partial"), "{err}");
    assert!(err.to_string().contains("`sk`"), "{err}");

    let malformed = write_file(&dir, "malformed", "[global]\nak = X\nthis line is wrong\n");
    let err = HuaweiProfileProvider::global()
        .with_path(&malformed)
        .read()
        .expect_err("malformed");
    assert!(err.to_string().contains("malformed"), "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");

    let outside = write_file(&dir, "outside", "ak = X\n");
    let err = HuaweiProfileProvider::global()
        .with_path(&outside)
        .read()
        .expect_err("outside");
    assert!(err.to_string().contains("line 1"), "{err}");

    let no_section = write_file(&dir, "nosection", "[basic]\nak = X\nsk = Y\n");
    assert!(
        HuaweiProfileProvider::global()
            .with_path(&no_section)
            .read()
            .expect("ok")
            .is_none()
    );

    // A file the caller pointed at must exist; the default location may be absent.
    let missing = dir.path().join("missing");
    assert!(
        HuaweiProfileProvider::global()
            .with_path(&missing)
            .read()
            .is_err()
    );
    let home = tempfile::tempdir().expect("home");
    let default = HuaweiProfileProvider::global()
        .with_environment(env(&[("HOME", home.path().to_str().expect("utf8"))]));
    assert!(default.read().expect("ok").is_none());

    // The default location and the override variable.
    std::fs::create_dir(home.path().join(".huaweicloud")).expect("mkdir");
    std::fs::copy(&good, home.path().join(".huaweicloud/credentials")).expect("copy");
    assert_eq!(aksk(default.read().expect("ok")).access_key_id(), "GLOBAL");
    let overridden = HuaweiProfileProvider::global().with_environment(env(&[
        ("HOME", home.path().to_str().expect("utf8")),
        (
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
            partial.to_str().expect("utf8"),
        ),
    ]));
    assert!(overridden.read().is_err());
}

#[tokio::test]
async fn tencent_providers_and_chain_precedence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_file(
        &dir,
        "credentials",
        "[default]\nsecret_id = FROM-FILE\nsecret_key = file-key\n\n[other]\nsecret_id = OTHER\nsecret_key = k\n",
    );
    let file_var = file.to_str().expect("utf8");
    let profile = TencentProfileProvider::new()
        .with_environment(env(&[("TENCENTCLOUD_CREDENTIALS_FILE", file_var)]));
    assert_eq!(
        profile.read().expect("ok").expect("some").secret_id(),
        "FROM-FILE"
    );
    let other = profile.clone().with_profile("other");
    assert_eq!(
        other.read().expect("ok").expect("some").secret_id(),
        "OTHER"
    );

    // Environment first, as the official SDKs do.
    let both = CredentialsChain::new()
        .or_else(TencentEnvProvider::with_environment(env(&[
            ("TENCENTCLOUD_SECRET_ID", "FROM-ENV"),
            ("TENCENTCLOUD_SECRET_KEY", "env-key"),
        ])))
        .or_else(profile.clone());
    assert_eq!(both.resolve().await.expect("ok").secret_id(), "FROM-ENV");

    let file_only = CredentialsChain::new()
        .or_else(TencentEnvProvider::with_environment(env(&[])))
        .or_else(profile.clone());
    assert_eq!(
        file_only.resolve().await.expect("ok").secret_id(),
        "FROM-FILE"
    );

    // A broken source stops the chain instead of falling through.
    let broken = CredentialsChain::new()
        .or_else(TencentEnvProvider::with_environment(env(&[(
            "TENCENTCLOUD_SECRET_KEY",
            "k",
        )])))
        .or_else(profile);
    assert_eq!(
        broken.resolve().await.expect_err("broken").kind(),
        &CredentialsErrorKind::Environment
    );

    let nothing = CredentialsChain::<TencentCredentials>::new()
        .or_else(TencentEnvProvider::with_environment(env(&[])))
        .or_else(TencentProfileProvider::new().with_environment(env(&[])));
    let err = nothing.resolve().await.expect_err("none");
    assert_eq!(err.kind(), &CredentialsErrorKind::NotFound);
    assert!(err.to_string().contains("TENCENTCLOUD_SECRET_ID"), "{err}");
}

#[tokio::test]
async fn huawei_chain_prefers_environment_over_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_file(&dir, "c", "[global]\nak = FILE\nsk = s\n");
    let file_var = file.to_str().expect("utf8");
    let chain = |vars: &[(&str, &str)]| {
        let mut all = vars.to_vec();
        all.push(("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file_var));
        CredentialsChain::new()
            .or_else(HuaweiEnvProvider::with_environment(env(&all)))
            .or_else(HuaweiProfileProvider::global().with_environment(env(&all)))
    };
    let from_env = chain(&[("HUAWEICLOUD_SDK_AK", "ENV"), ("HUAWEICLOUD_SDK_SK", "s")]);
    assert_eq!(
        aksk(Some(from_env.resolve().await.expect("ok"))).access_key_id(),
        "ENV"
    );
    assert_eq!(
        aksk(Some(chain(&[]).resolve().await.expect("ok"))).access_key_id(),
        "FILE"
    );
}

#[test]
fn iam_tokens_are_checked() {
    assert!(IamToken::new("").is_err());
    assert!(IamToken::new("t".repeat(5000)).is_ok());
    assert!(IamToken::new("t".repeat(5001)).is_err());
    assert!(IamToken::new("bad\ntoken").is_err());
}

const IAM_DEFAULT: &str = vcode_huawei::DEFAULT_IAM_ENDPOINT;

/// Answers the BSS-like operation only when its signature verifies and it carries the domain id.
struct VerifyingResponder {
    domain_id: &'static str,
}

impl Respond for VerifyingResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(signable) = SignableRequest::new(
            request.method.as_str(),
            request.url.path(),
            SignableBody::Bytes(&request.body),
        )
        .header_map(&request.headers) else {
            return ResponseTemplate::new(400);
        };
        let verified = huawei::verify(
            &signable,
            |ak| (ak == "AKTEST").then(|| CANARY_SK.to_owned().into()),
            SystemTime::now(),
            Duration::from_secs(900),
        );
        let domain_ok = request
            .headers
            .get("x-domain-id")
            .is_some_and(|v| v == self.domain_id);
        match verified {
            Ok(v) if domain_ok && v.signed_headers.iter().any(|h| h == "x-domain-id") => {
                ResponseTemplate::new(204)
            }
            other => ResponseTemplate::new(401).set_body_string(format!(
                r#"{{"error_code":"AUTH","error_msg":"{other:?} domain_ok={domain_ok}"}}"#
            )),
        }
    }
}

#[tokio::test]
async fn domain_id_is_looked_up_once_through_iam_and_signed() {
    let iam = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/domains"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"domains":[{"id":"dom-from-iam","name":"acct"}]}"#),
        )
        .expect(1)
        .mount(&iam)
        .await;
    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/op"))
        .respond_with(VerifyingResponder {
            domain_id: "dom-from-iam",
        })
        .expect(3)
        .mount(&service)
        .await;
    let credentials = HuaweiAkSk::new("AKTEST", CANARY_SK);
    let rt = huawei_client(config(&service.uri()), credentials, &iam.uri());
    for _ in 0..3 {
        assert_eq!(rt.send(&op()).await.expect("signed and accepted"), 204);
    }
    let lookup = &iam.received_requests().await.expect("recorded")[0];
    assert!(
        lookup.headers["authorization"]
            .to_str()
            .expect("text")
            .starts_with("SDK-HMAC-SHA256 Access=AKTEST")
    );
    iam.verify().await;
    service.verify().await;
}

#[tokio::test]
async fn failed_domain_lookup_is_a_credentials_error_and_sends_nothing() {
    let iam = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/domains"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string(r#"{"error_code":"APIG.0301","error_msg":"bad"}"#),
        )
        .mount(&iam)
        .await;
    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&service)
        .await;
    let credentials = HuaweiAkSk::new("AKTEST", CANARY_SK);
    let err = huawei_client(config(&service.uri()), credentials, &iam.uri())
        .send(&op())
        .await
        .expect_err("lookup fails");
    let SdkError::Credentials(credentials) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(credentials.kind(), &CredentialsErrorKind::DomainLookup);
    assert_eq!(err.send_state(), SendState::NotSent);
    // The outer layer says what failed; the IAM detail is its cause.
    let report = vcode_core::ErrorReport(&err).to_string();
    assert!(report.contains("401"), "{report}");
    service.verify().await;
}

#[tokio::test]
async fn token_mode_sends_the_token_and_no_signature() {
    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&service)
        .await;
    let credentials = HuaweiCredentials::Token(IamToken::new(CANARY_TOKEN).expect("valid"));
    huawei_client(config(&service.uri()), credentials, IAM_DEFAULT)
        .send(&op())
        .await
        .expect("ok");
    let request = &service.received_requests().await.expect("recorded")[0];
    assert_eq!(request.headers["x-auth-token"], CANARY_TOKEN);
    assert!(request.headers.get("authorization").is_none());
    assert!(request.headers.get("x-sdk-date").is_none());
}

/// Collects everything a tracing subscriber writes.
/// Issue 17, defect 7: empty credential parts were accepted and sent as empty headers (an
/// empty domain id also skipped the IAM lookup).
#[tokio::test]
async fn empty_credential_parts_are_refused_naming_the_part() {
    let service = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&service)
        .await;
    let huawei_cases = [
        (
            HuaweiAkSk::new("AKTEST", CANARY_SK)
                .with_domain_id("d")
                .with_security_token(""),
            "security token",
        ),
        (
            HuaweiAkSk::new("AKTEST", CANARY_SK).with_domain_id(""),
            "domain id",
        ),
        (
            HuaweiAkSk::new("AKTEST", CANARY_SK)
                .with_domain_id("d")
                .with_security_token("  "),
            "security token",
        ),
    ];
    for (credentials, part) in huawei_cases {
        let err = huawei_client(config(&service.uri()), credentials, IAM_DEFAULT)
            .send(&op())
            .await
            .expect_err("refused");
        let SdkError::Credentials(credentials) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(credentials.kind(), &CredentialsErrorKind::Invalid);
        assert!(credentials.detail().contains(part), "{credentials}");
        assert_eq!(err.send_state(), SendState::NotSent);
    }
    let err = tencent_client(
        config(&service.uri()),
        TencentCredentials::new("AKIDTEST", CANARY_KEY).with_token(""),
    )
    .send(&op())
    .await
    .expect_err("refused");
    assert!(
        vcode_core::ErrorReport(&err)
            .to_string()
            .contains("session token"),
        "{err:?}"
    );
    service.verify().await;
}

/// Issue 37: both vendors' SDKs and CLIs read their credentials files with Python's
/// `configparser`: any case of the names, `:` as well as `=`. A user's existing file works.
#[test]
fn profile_files_read_as_the_official_sdks_read_them() {
    let dir = tempfile::tempdir().expect("dir");
    let tencent = write_file(
        &dir,
        "tencent",
        "[default]\nSECRET_ID = AKIDfromfile\nSecret_Key: key-from-file\n",
    );
    let read = TencentProfileProvider::new()
        .with_path(&tencent)
        .read()
        .expect("readable")
        .expect("found");
    assert_eq!(read.secret_id(), "AKIDfromfile");
    let huawei = write_file(
        &dir,
        "huawei",
        "[global]\nAK: HPUAfromfile\nSK = sk-from-file\nDomain_Id: dom-1\n",
    );
    let read = aksk(
        HuaweiProfileProvider::global()
            .with_path(&huawei)
            .read()
            .expect("readable"),
    );
    assert_eq!(read.access_key_id(), "HPUAfromfile");
    assert_eq!(read.domain_id(), Some("dom-1"));
}
