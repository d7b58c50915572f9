//! The `vcode` binary against the in-process sandbox and wiremock on 127.0.0.1. Each run gets a
//! clean environment and an empty HOME, so no real credentials or profile files are read.

use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};
use vcode_sandbox::Sandbox;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CANARY_SK: &str = "CANARY-HUAWEI-SK-5150";
const CANARY_TOKEN: &str = "CANARY-IAM-TOKEN-8d2e";
const CANARY_SECURITY_TOKEN: &str = "CANARY-SECURITY-TOKEN-77aa";
const CANARY_TC_KEY: &str = "CANARY-TENCENT-KEY-31f0";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Runs `vcode` with only these variables set (plus an empty HOME).
async fn vcode(env: &[(&str, &str)], args: &[&str]) -> Run {
    let home = tempfile::tempdir().expect("home");
    vcode_at_home(home.path(), env, args).await
}

/// Runs `vcode` with only these variables set and HOME at `home`.
async fn vcode_at_home(home: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let home = home.to_owned();
    tokio::task::spawn_blocking(move || {
        let output: Output = std::process::Command::cargo_bin("vcode")
            .expect("binary built")
            .env_clear()
            .env("HOME", &home)
            .envs(env)
            .args(&args)
            .output()
            .expect("runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .expect("joined")
}

fn huawei_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("HUAWEICLOUD_SDK_AK", vcode_sandbox::HUAWEI_ACCESS_KEY),
        ("HUAWEICLOUD_SDK_SK", vcode_sandbox::HUAWEI_SECRET_KEY),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", vcode_sandbox::HUAWEI_DOMAIN_ID),
    ]
}

fn tencent_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("TENCENTCLOUD_SECRET_ID", vcode_sandbox::TENCENT_SECRET_ID),
        ("TENCENTCLOUD_SECRET_KEY", vcode_sandbox::TENCENT_SECRET_KEY),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_send_subcommand_succeeds_against_the_sandbox() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url();

    let run = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "send",
            "--email",
            "someone@example.com",
            "--language",
            "en-us",
            "--timeout-minutes",
            "5",
            "--endpoint",
            url,
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("SendVerificationMessageCode: ok (request id "),
        "{}",
        run.stdout
    );

    let run = vcode(
        &[("MY_IAM_TOKEN", vcode_sandbox::HUAWEI_IAM_TOKEN)],
        &[
            "huawei-bss",
            "--token-env",
            "MY_IAM_TOKEN",
            "--endpoint",
            url,
            "--json",
            "send",
            "--email",
            "other@example.com",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["ok"], true);

    let contact = [
        "--contact-way",
        "sms",
        "--contact-value",
        "13800000000",
        "--area-code",
        "86",
        "--site",
        "international",
        "--language",
        "en-us",
        "--time-zone",
        "GMT+8",
    ];
    let mut args = vec!["huawei-ticket", "send", "--endpoint", url];
    args.extend(contact);
    let run = vcode(&huawei_env(), &args).await;
    assert_eq!(run.code, 0, "{}", run.all());
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .expect("code sent");
    let mut args = vec![
        "huawei-ticket",
        "check",
        "--endpoint",
        url,
        "--verify-code",
        &code,
    ];
    args.extend(contact);
    let run = vcode(&huawei_env(), &args).await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("CheckVerifyCodes: ok"));

    let run = vcode(
        &[],
        &[
            "cec-trial",
            "send",
            "--phone",
            "+8613800000000",
            "--endpoint",
            url,
            "--json",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["ret_msg"], "success");

    let run = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "send",
            "--country-code",
            "852",
            "--phone",
            "18888888888",
            "--language",
            "en-US",
            "--endpoint",
            url,
            "--json",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["request_id"].as_str().map(str::len), Some(32));
    assert_eq!(sandbox.outbox().len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_vendor_error_per_vendor_exits_1_with_its_code() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url();

    let bss = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-request-id", "req-bss")
                .set_body_string(
                    r#"{"error_code":"CBC.99004015","error_msg":"limit reached for someone@example.com"}"#,
                ),
        )
        .mount(&bss)
        .await;
    let run = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "--json",
            "--endpoint",
            &bss.uri(),
            "send",
            "--email",
            "a@b.co",
        ],
    )
    .await;
    assert_eq!(run.code, 1, "{}", run.all());
    let json = run.json();
    assert_eq!(
        (json["kind"].as_str(), json["code"].as_str()),
        (Some("service"), Some("CBC.99004015"))
    );
    assert_eq!(
        (json["request_id"].as_str(), json["http_status"].as_u64()),
        (Some("req-bss"), Some(400))
    );
    let message = json["message"].as_str().expect("message");
    assert!(
        message.contains("s***@example.com") && !message.contains("someone@"),
        "{message}"
    );

    let ticket = [
        "huawei-ticket",
        "send",
        "--endpoint",
        url,
        "--contact-way",
        "email",
        "--contact-value",
        "a@b.co",
        "--json",
    ];
    assert_eq!(vcode(&huawei_env(), &ticket).await.code, 0);
    let run = vcode(&huawei_env(), &ticket).await;
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(run.json()["code"], "OSM.01010024");
    assert_eq!(run.json()["retry_after_secs"], 60);

    let cec = [
        "cec-trial",
        "send",
        "--phone",
        "13800000000",
        "--endpoint",
        url,
        "--json",
    ];
    assert_eq!(vcode(&[], &cec).await.code, 0);
    let run = vcode(&[], &cec).await;
    assert_eq!((run.code, run.json()["code"].as_str()), (1, Some("201")));

    let tencent = [
        "tencent-partners",
        "send",
        "--country-code",
        "65",
        "--phone",
        "91234567",
        "--endpoint",
        url,
    ];
    assert_eq!(vcode(&tencent_env(), &tencent).await.code, 0);
    let run = vcode(&tencent_env(), &tencent).await;
    assert_eq!(run.code, 1, "{}", run.all());
    let line = run.stderr.trim();
    assert!(
        line.contains("code FailedOperation.SendVerifyCodeLimit60"),
        "{line}"
    );
    assert!(line.contains("request id "), "{line}");
    assert!(line.ends_with("retry after 60 s"), "{line}");
    assert_eq!(line.lines().count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_exits_2_and_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let uri = server.uri();
    for args in [
        vec![
            "huawei-bss",
            "send",
            "--email",
            "not-an-address",
            "--timeout-minutes",
            "0",
        ],
        vec![
            "huawei-ticket",
            "send",
            "--contact-way",
            "sms",
            "--contact-value",
            "phone",
            "--area-code",
            "86",
        ],
        vec!["cec-trial", "send", "--phone", "call me"],
        vec![
            "tencent-partners",
            "send",
            "--country-code",
            "86",
            "--phone",
            "13800000000",
        ],
    ] {
        let mut full = args.clone();
        full.extend(["--endpoint", &uri, "--json"]);
        let mut env = huawei_env();
        env.extend(tencent_env());
        let run = vcode(&env, &full).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert_eq!(run.json()["kind"], "invalid_input");
        assert_eq!(run.json()["send_state"], "not sent");
    }
    // Usage errors exit 2 as well.
    let run = vcode(
        &[],
        &[
            "huawei-bss",
            "send",
            "--json",
            "--token-env",
            "UNSET_VAR",
            "--email",
            "a@b.co",
            "--endpoint",
            &uri,
        ],
    )
    .await;
    assert_eq!((run.code, run.json()["kind"].as_str()), (2, Some("usage")));
    assert_eq!(vcode(&[], &["huawei-bss", "send"]).await.code, 2);
    let run = vcode(&[], &["cec-trial", "send", "--phone", "1"]).await;
    assert_eq!(run.code, 2, "no --domain or --endpoint");
    assert!(
        run.stderr.contains("service.besclouds.com"),
        "{}",
        run.stderr
    );
    assert_eq!(
        vcode(
            &[],
            &[
                "tencent-partners",
                "send",
                "--json",
                "--country-code",
                "65",
                "--phone",
                "1",
                "--endpoint",
                &uri
            ]
        )
        .await
        .json()["kind"],
        "credentials"
    );
    server.verify().await;
}

/// A CEC send to `endpoint`, answered in JSON.
fn cec_send(endpoint: &str) -> [&str; 7] {
    [
        "cec-trial",
        "send",
        "--json",
        "--endpoint",
        endpoint,
        "--phone",
        "13800000000",
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_connection_exits_3() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let run = vcode(&[], &cec_send(&endpoint)).await;
    assert_eq!(run.code, 3, "{}", run.all());
    assert_eq!(run.json()["kind"], "dispatch");
    assert_eq!(run.json()["send_state"], "not sent");
}

/// A server answering every CEC `POST` with success.
async fn cec_answers_ok() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"retCode":"200","retMsg":"ok"}"#),
        )
        .mount(&server)
        .await;
    server
}

/// A proxy named in the environment carries the call: the endpoint itself refuses
/// connections, so only the proxy can have answered. The SDK's own reqwest client applies the
/// proxy variables as reqwest does.
#[tokio::test]
async fn a_proxy_named_in_the_environment_carries_the_call() {
    let proxy = cec_answers_ok().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let args = cec_send(&endpoint);
    for variable in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        let run = vcode(&[(variable, &proxy.uri())], &args).await;
        assert_eq!(run.code, 0, "{variable}: {}", run.all());
    }
    let requests = proxy.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 3);
    // A proxy is asked for the endpoint's own URL.
    let target = format!("{endpoint}/");
    assert!(
        requests[0].url.as_str().starts_with(&target),
        "{}",
        requests[0].url
    );
    // Without the variable the same call is refused.
    assert_eq!(vcode(&[], &args).await.code, 3);
}

/// An `https` endpoint through `HTTPS_PROXY`: the client asks the proxy for a tunnel to the
/// endpoint (`CONNECT host:port`), and a proxy that refuses it leaves the call not sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_https_proxy_from_the_environment_is_asked_for_a_tunnel() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let proxy_url = format!("http://{}", proxy.local_addr().expect("addr"));
    let asked = tokio::spawn(async move {
        let (mut socket, _) = proxy.accept().await.expect("the proxy is asked");
        let mut buf = vec![0u8; 4096];
        let n = socket.read(&mut buf).await.expect("read");
        let _ = socket
            .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
            .await;
        String::from_utf8_lossy(&buf[..n]).into_owned()
    });
    let args = cec_send("https://127.0.0.1:9");
    let run = vcode(&[("HTTPS_PROXY", &proxy_url)], &args).await;
    assert_eq!(run.code, 3, "{}", run.all());
    assert_eq!(run.json()["send_state"], "not sent", "{}", run.all());
    let request = asked.await.expect("joined");
    assert!(
        request.starts_with("CONNECT 127.0.0.1:9 HTTP/1.1\r\n"),
        "{request}"
    );
}

/// A proxy variable that reqwest would drop without a word (it cannot be parsed, or its scheme
/// is not one reqwest can use here) is a usage error naming the variable, never a call that
/// silently goes direct. The endpoint answers, so a direct call would have succeeded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_proxy_variable_stops_the_call_and_names_the_variable() {
    let server = cec_answers_ok().await;
    let endpoint = server.uri();
    let args = cec_send(&endpoint);
    for (variable, value) in [
        ("HTTPS_PROXY", "http://[::1"),
        ("http_proxy", "http://user:hunter2@[::1"),
        ("ALL_PROXY", "socks5://127.0.0.1:1080"),
    ] {
        let run = vcode(&[(variable, value)], &args).await;
        assert_eq!(run.code, 2, "{variable}: {}", run.all());
        assert!(run.all().contains(variable), "{}", run.all());
        assert!(!run.all().contains("hunter2"), "{}", run.all());
    }
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty(),
        "nothing was sent"
    );
}

/// Issue 35: with no credentials anywhere, a call to an endpoint on this machine never asks the
/// cloud's metadata service (the chain it reports holds none); and `VCODE_METADATA_DISABLED`
/// switches the metadata providers off everywhere, saying so instead of connecting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metadata_services_are_asked_only_where_they_can_answer() {
    let local = [
        "tencent-partners",
        "send",
        "--country-code",
        "65",
        "--phone",
        "91234567",
        "--endpoint",
        "http://127.0.0.1:9",
    ];
    let run = vcode(&[], &local).await;
    assert_ne!(run.code, 0, "{}", run.all());
    assert!(run.all().contains("no credentials found"), "{}", run.all());
    assert!(!run.all().contains("metadata"), "{}", run.all());

    let remote = [
        "sign",
        "tencent",
        "--url",
        "https://intlpartnersmgt.tencentcloudapi.com/",
        "--data",
        "{}",
    ];
    let run = vcode(&[("VCODE_METADATA_DISABLED", "true")], &remote).await;
    assert_ne!(run.code, 0, "{}", run.all());
    assert!(
        run.all()
            .contains("switched off by VCODE_METADATA_DISABLED"),
        "{}",
        run.all()
    );
}

/// Issue 35: invalid values are usage errors, a closed standard output ends quietly, and
/// messages name only flags that exist.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_edges_are_usage_errors_and_quiet_pipes() {
    let zero = [
        "cec-trial",
        "send",
        "--phone",
        "13800000000",
        "--endpoint",
        "http://127.0.0.1:9",
        "--timeout",
        "0",
    ];
    let run = vcode(&[], &zero).await;
    assert_eq!(run.code, 2, "{}", run.all());

    let remote_http = [
        "cec-trial",
        "send",
        "--phone",
        "13800000000",
        "--endpoint",
        "http://example.com",
    ];
    let run = vcode(&[], &remote_http).await;
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.all().contains("--allow-insecure-http"), "{}", run.all());
    let help = vcode(&[], &["cec-trial", "send", "--help"]).await;
    assert!(
        help.stdout.contains("--allow-insecure-http"),
        "{}",
        help.all()
    );

    // `vcode completions bash | head -1`: the reader is gone before anything is written.
    let output = tokio::task::spawn_blocking(|| {
        let mut child = std::process::Command::cargo_bin("vcode")
            .expect("binary built")
            .args(["completions", "bash"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        child.wait_with_output().expect("ends")
    })
    .await
    .expect("joined");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Issue 34: an instant the vendor answers prints as RFC 3339 with its zone, not as a Rust
/// `Debug` of a `SystemTime`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn need_verify_prints_its_expiry_as_rfc_3339() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"need_verify_code":1,"expire_time":1795336200000}"#),
        )
        .mount(&server)
        .await;
    let endpoint = server.uri();
    let args = [
        "huawei-ticket",
        "need-verify",
        "--contact-way",
        "email",
        "--contact-value",
        "someone@example.com",
        "--endpoint",
        &endpoint,
        "--json",
    ];
    let run = vcode(&huawei_env(), &args).await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.json()["expire_time"],
        "2026-11-22T08:30:00Z",
        "{}",
        run.all()
    );
}

// Only some fields of the shared schema are needed here.
#[allow(dead_code)]
#[path = "../../vcode-signing/tests/support/signing_vectors.rs"]
mod signing_vectors;

fn header_line(run: &Run, name: &str) -> String {
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_owned))
        .unwrap_or_else(|| panic!("no {name} in {}", run.all()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_reproduces_every_shared_vector() {
    let vectors = signing_vectors::load();
    for v in vectors.huawei {
        let mut url = match &v.host {
            Some(host) => format!("https://{host}{}", v.path),
            None => v.path.clone(),
        };
        if !v.query.is_empty() {
            url = format!("{url}?{}", signing_vectors::encoded_query(&v.query));
        }
        let headers: Vec<String> = v
            .headers_in
            .iter()
            .map(|(k, val)| format!("{k}: {val}"))
            .collect();
        let mut args = vec![
            "sign",
            "huawei",
            "--only-given-headers",
            "--method",
            &v.method,
            "--url",
            &url,
            "--data",
            &v.body,
            "--time",
            &v.x_sdk_date,
        ];
        for h in &headers {
            args.extend(["-H", h]);
        }
        let run = vcode(
            &[("HUAWEICLOUD_SDK_AK", &v.ak), ("HUAWEICLOUD_SDK_SK", &v.sk)],
            &args,
        )
        .await;
        assert_eq!(run.code, 0, "{}: {}", v.name, run.all());
        assert_eq!(
            header_line(&run, "Authorization"),
            v.authorization,
            "{}",
            v.name
        );
        assert_eq!(header_line(&run, "X-Sdk-Date"), v.x_sdk_date, "{}", v.name);
    }
    for v in vectors.tencent {
        let url = format!("https://{}/", v.host);
        let time = v.timestamp.to_string();
        let args = [
            "sign",
            "tencent",
            "--url",
            &url,
            "--service",
            &v.service,
            "--content-type",
            &v.content_type,
            "--data",
            &v.body,
            "--time",
            &time,
            "--explain",
        ];
        let run = vcode(
            &[
                ("TENCENTCLOUD_SECRET_ID", &v.secret_id),
                ("TENCENTCLOUD_SECRET_KEY", &v.secret_key),
            ],
            &args,
        )
        .await;
        assert_eq!(run.code, 0, "{}: {}", v.name, run.all());
        assert_eq!(
            header_line(&run, "Authorization"),
            v.authorization,
            "{}",
            v.name
        );
        assert_eq!(header_line(&run, "X-TC-Timestamp"), time);
        assert!(
            run.stderr.contains("--- canonical request\nPOST\n/\n"),
            "{}",
            run.stderr
        );
    }
    // The service defaults to the host's first label; RFC 3339 times are accepted.
    let run = vcode(
        &tencent_env(),
        &[
            "sign",
            "tencent",
            "--url",
            "https://intlpartnersmgt.tencentcloudapi.com/",
            "--time",
            "2026-11-22T08:30:00Z",
        ],
    )
    .await;
    assert!(header_line(&run, "Authorization").contains("/2026-11-22/intlpartnersmgt/tc3_request"));
    assert_eq!(header_line(&run, "X-TC-Timestamp"), "1795336200");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_output_contains_a_secret_even_verbose() {
    let sandbox = Sandbox::builder()
        .huawei_key("CANARYAK", CANARY_SK, "canary-domain")
        .huawei_token(CANARY_TOKEN)
        .tencent_key("AKIDCANARY", CANARY_TC_KEY)
        .start()
        .await
        .expect("sandbox");
    let url = sandbox.base_url();
    let huawei = [
        ("HUAWEICLOUD_SDK_AK", "CANARYAK"),
        ("HUAWEICLOUD_SDK_SK", CANARY_SK),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "canary-domain"),
    ];
    let temporary = [
        ("HUAWEICLOUD_SDK_AK", "CANARYAK"),
        ("HUAWEICLOUD_SDK_SK", CANARY_SK),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "canary-domain"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", CANARY_SECURITY_TOKEN),
    ];
    let tencent = [
        ("TENCENTCLOUD_SECRET_ID", "AKIDCANARY"),
        ("TENCENTCLOUD_SECRET_KEY", CANARY_TC_KEY),
    ];
    let mut runs = Vec::new();
    for json in [false, true] {
        let mut extra = vec!["-vv", "--endpoint", url];
        if json {
            extra.push("--json");
        }
        let with = |args: &[&'static str]| -> Vec<&str> {
            args.iter().copied().chain(extra.iter().copied()).collect()
        };
        runs.push(
            vcode(
                &huawei,
                &with(&["huawei-bss", "send", "--email", "a@example.com"]),
            )
            .await,
        );
        runs.push(
            vcode(
                &[],
                &with(&[
                    "huawei-bss",
                    "send",
                    "--token",
                    CANARY_TOKEN,
                    "--email",
                    "b@example.com",
                ]),
            )
            .await,
        );
        runs.push(
            vcode(
                &temporary,
                &with(&[
                    "huawei-ticket",
                    "send",
                    "--contact-way",
                    "email",
                    "--contact-value",
                    "c@example.com",
                ]),
            )
            .await,
        );
        runs.push(
            vcode(
                &tencent,
                &with(&[
                    "tencent-partners",
                    "send",
                    "--country-code",
                    "65",
                    "--phone",
                    "9123456",
                ]),
            )
            .await,
        );
        runs.push(
            vcode(
                &temporary,
                &with(&[
                    "huawei-bss",
                    "send",
                    "--dry-run",
                    "--email",
                    "d@example.com",
                ]),
            )
            .await,
        );
        runs.push(
            vcode(
                &[],
                &with(&[
                    "huawei-bss",
                    "send",
                    "--dry-run",
                    "--token",
                    CANARY_TOKEN,
                    "--email",
                    "e@example.com",
                ]),
            )
            .await,
        );
        runs.push(
            vcode(
                &tencent,
                &with(&[
                    "tencent-partners",
                    "send",
                    "--dry-run",
                    "--country-code",
                    "65",
                    "--phone",
                    "9123457",
                ]),
            )
            .await,
        );
    }
    runs.push(
        vcode(
            &temporary,
            &[
                "-v",
                "sign",
                "huawei",
                "--url",
                "https://example.com/x",
                "--explain",
            ],
        )
        .await,
    );
    runs.push(
        vcode(
            &tencent,
            &[
                "-v",
                "sign",
                "tencent",
                "--url",
                "https://intlpartnersmgt.tencentcloudapi.com/",
                "--explain",
            ],
        )
        .await,
    );
    for run in &runs {
        for canary in [
            CANARY_SK,
            CANARY_TOKEN,
            CANARY_SECURITY_TOKEN,
            CANARY_TC_KEY,
        ] {
            assert!(
                !run.all().contains(canary),
                "{canary} leaked:\n{}",
                run.all()
            );
        }
    }
    assert!(
        runs.iter().take(4).all(|r| r.code == 0),
        "sends succeeded with canary keys"
    );
    assert!(
        runs[0].stderr.contains("vcode.call"),
        "-vv traces: {}",
        runs[0].stderr
    );
    // The dry run shows the signature (not the secret) and redacts the security token.
    let dry = &runs[4];
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stdout
            .starts_with("POST /v2/bases/verificationcode/send HTTP/1.1\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("authorization: SDK-HMAC-SHA256 Access=CANARYAK, SignedHeaders="),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("Signature="));
    assert!(dry.stdout.contains("x-security-token: [REDACTED]"));
    assert!(
        dry.stdout
            .ends_with(r#"{"receiver_type":2,"email":"d@example.com"}"#)
            || dry
                .stdout
                .trim_end()
                .ends_with(r#"{"receiver_type":2,"email":"d@example.com"}"#)
    );
    assert!(
        runs[5].stdout.contains("x-auth-token: [REDACTED]"),
        "{}",
        runs[5].stdout
    );
    // Round two re-sends to the same ticket contact and Tencent phone within 60 s: refused.
    assert_eq!((runs[9].code, runs[10].code), (1, 1), "{}", runs[9].all());
    assert_eq!(sandbox.outbox().len(), 6, "dry runs sent nothing");
    assert!(
        runs[runs.len() - 2]
            .stdout
            .contains("X-Security-Token: <your security token>")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_and_help() {
    let run = vcode(&[], &["completions", "bash"]).await;
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("vcode") && run.stdout.contains("huawei-ticket"));
    let run = vcode(&[], &["--help"]).await;
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Exit codes:") && run.stdout.contains("3  transport failure"));
    // Help shown because the subcommand is missing is a usage error, as clap has it.
    let run = vcode(&[], &[]).await;
    assert_eq!(run.code, 2, "{}", run.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_subcommand_prints_its_url_credentials_and_one_line_per_request() {
    let mut child = std::process::Command::cargo_bin("vcode")
        .expect("binary")
        .args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let (lines_tx, mut lines_rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut next_line = async || {
        tokio::time::timeout(std::time::Duration::from_secs(10), lines_rx.recv())
            .await
            .expect("a line in time")
            .expect("a line")
    };
    let first = next_line().await;
    let url = first
        .strip_prefix("sandbox listening on ")
        .expect("banner")
        .to_owned();
    let mut banner = Vec::new();
    for _ in 0..8 {
        banner.push(next_line().await);
    }
    let sent = vcode(
        &[],
        &[
            "cec-trial",
            "send",
            "--phone",
            "13812345678",
            "--endpoint",
            &url,
        ],
    )
    .await;
    let request_line = next_line().await;
    let outbox = vcode(&[], &["sandbox", "outbox", "--endpoint", &url]).await;
    let _ = child.kill();
    let _ = child.wait();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        banner
            .iter()
            .any(|l| l.contains(vcode_sandbox::HUAWEI_ACCESS_KEY)),
        "{banner:?}"
    );
    assert!(
        banner
            .last()
            .is_some_and(|l| l.ends_with("/_sandbox/accounts")),
        "{banner:?}"
    );
    assert_eq!(sent.code, 0, "{}", sent.all());
    // The route, the outcome, the recipient masked and the code sent, on one line.
    assert_eq!(outbox.code, 0, "{}", outbox.all());
    let code = outbox
        .stdout
        .trim()
        .strip_prefix("cec-trial 13812345678 ")
        .expect("the outbox line")
        .to_owned();
    assert_eq!(
        request_line,
        format!(
            "POST /apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode -> 200 200: sent {code} to *******5678"
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_that_do_not_apply_are_rejected() {
    // Each of these was accepted (and ignored) when every flag was global.
    for args in [
        vec!["sandbox", "--dry-run", "--token", "x"],
        vec!["sandbox", "--endpoint", "http://127.0.0.1:1"],
        vec!["cec-trial", "send", "--phone", "1", "--region", "x"],
        vec!["cec-trial", "send", "--phone", "1", "--token", "x"],
        vec!["tencent-partners", "send", "--token", "x"],
        vec![
            "sign",
            "tencent",
            "--url",
            "https://a.b/",
            "--endpoint",
            "x",
        ],
    ] {
        let run = vcode(&[], &args).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains("unexpected argument"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("sandbox listening"), "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_language_flag_with_each_vendors_values() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url();
    let bss = [
        "huawei-bss",
        "send",
        "--email",
        "l@example.com",
        "--language",
        "zh-cn",
        "--endpoint",
        url,
    ];
    assert_eq!(vcode(&huawei_env(), &bss).await.code, 0);
    // Tencent spells its values en-US/zh-CN; either case is accepted.
    for (phone, language) in [("91234561", "en-US"), ("91234562", "zh-cn")] {
        let args = [
            "tencent-partners",
            "send",
            "--country-code",
            "65",
            "--phone",
            phone,
            "--language",
            language,
            "--endpoint",
            url,
        ];
        let run = vcode(&tencent_env(), &args).await;
        assert_eq!(run.code, 0, "{language}: {}", run.all());
    }
    // The old BSS spelling is gone, and each vendor lists its own values.
    let run = vcode(
        &[],
        &["huawei-bss", "send", "--email", "a@b.co", "--lang", "en-us"],
    )
    .await;
    assert_eq!(run.code, 2);
    let run = vcode(&[], &["tencent-partners", "send", "--help"]).await;
    assert!(
        run.stdout.contains("en-US") && run.stdout.contains("zh-CN"),
        "{}",
        run.stdout
    );
    let run = vcode(&[], &["huawei-bss", "send", "--help"]).await;
    assert!(
        run.stdout.contains("en-us") && run.stdout.contains("zh-cn"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_errors_name_the_flag_typed() {
    let mut env = huawei_env();
    env.extend(tencent_env());
    for (args, expected) in [
        (
            vec![
                "tencent-partners",
                "send",
                "--country-code",
                "65",
                "--phone",
                "12ab",
            ],
            "--phone (`PhoneNum`) must contain digits only",
        ),
        (
            vec![
                "huawei-bss",
                "send",
                "--email",
                "a@b.co",
                "--timeout-minutes",
                "0",
            ],
            "--timeout-minutes (`timeout`) must be between 1 and 3000",
        ),
        (
            vec!["huawei-ticket", "check", "--email", "a@b.co", "--code", "1"],
            "--code (`verify_code`) must be exactly 6 characters",
        ),
        (
            vec![
                "cec-trial",
                "send",
                "--phone",
                "call me",
                "--domain",
                "x.example",
            ],
            "--phone (`phone`)",
        ),
    ] {
        let run = vcode(&env, &args).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loopback_endpoint_never_looks_the_domain_up_at_the_public_iam() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url();
    let aksk_only = [
        ("HUAWEICLOUD_SDK_AK", vcode_sandbox::HUAWEI_ACCESS_KEY),
        ("HUAWEICLOUD_SDK_SK", vcode_sandbox::HUAWEI_SECRET_KEY),
    ];
    let send = [
        "huawei-bss",
        "send",
        "--email",
        "iam@example.com",
        "--endpoint",
        url,
    ];
    // Refused before anything is sent: no domain id, and the IAM endpoint left at its default.
    let run = vcode(&aksk_only, &send).await;
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("public IAM"), "{}", run.stderr);
    assert!(sandbox.outbox().is_empty());
    // --iam-endpoint (the sandbox serves IAM too) or --domain-id make it work.
    let mut with_iam = send.to_vec();
    with_iam.extend(["--iam-endpoint", url]);
    let run = vcode(&aksk_only, &with_iam).await;
    assert_eq!(run.code, 0, "{}", run.all());
    let mut with_domain = send.to_vec();
    with_domain[3] = "iam2@example.com";
    with_domain.extend(["--domain-id", vcode_sandbox::HUAWEI_DOMAIN_ID]);
    let run = vcode(&aksk_only, &with_domain).await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(sandbox.outbox().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_reads_the_profile_honours_json_and_checks_the_url() {
    let home = tempfile::tempdir().expect("home");
    std::fs::create_dir(home.path().join(".tencentcloud")).expect("dir");
    std::fs::write(
        home.path().join(".tencentcloud/credentials"),
        format!(
            "[default]\nsecret_id = {}\nsecret_key = {}\n",
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY
        ),
    )
    .expect("profile");
    let args = [
        "sign",
        "tencent",
        "--json",
        "--url",
        "https://intlpartnersmgt.tencentcloudapi.com/",
        "--time",
        "1795336200",
    ];
    let run = vcode_at_home(home.path(), &[], &args).await;
    assert_eq!(run.code, 0, "{}", run.all());
    let json = run.json();
    let authorization = json["headers"]["Authorization"].as_str().expect("header");
    assert!(
        authorization.starts_with(&format!(
            "TC3-HMAC-SHA256 Credential={}/2026-11-22/intlpartnersmgt/tc3_request",
            vcode_sandbox::TENCENT_SECRET_ID
        )),
        "{authorization}"
    );
    // Errors are JSON too, and only http(s) URLs are signed.
    let run = vcode_at_home(
        home.path(),
        &[],
        &[
            "sign",
            "tencent",
            "--json",
            "--url",
            "ftp://intlpartnersmgt.tencentcloudapi.com/",
        ],
    )
    .await;
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.json()["message"]
            .as_str()
            .expect("message")
            .contains("https or http")
    );
    let run = vcode(
        &huawei_env(),
        &["sign", "huawei", "--url", "ftp://example.com/x"],
    )
    .await;
    assert_eq!(run.code, 2, "{}", run.all());
    // A send's endpoint without a scheme says so.
    let run = vcode(
        &[],
        &[
            "cec-trial",
            "send",
            "--phone",
            "13800000000",
            "--endpoint",
            "localhost:8080",
        ],
    )
    .await;
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("has no scheme"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_lines_do_not_repeat_span_fields_and_exit_3_is_explained() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let args = [
        "-v",
        "cec-trial",
        "send",
        "--phone",
        "13800000001",
        "--endpoint",
        sandbox.base_url(),
    ];
    let run = vcode(&[], &args).await;
    assert_eq!(run.code, 0, "{}", run.all());
    let mut seen = 0;
    for line in run.stderr.lines().filter(|l| l.contains("vcode.call{")) {
        seen += 1;
        let span = &line[line.find("vcode.call{").expect("span")..];
        let (span_fields, event) = span.split_once("}:").expect("span then event");
        let names = |text: &str| -> Vec<String> {
            text.split_whitespace()
                .filter_map(|w| {
                    w.split_once('=')
                        .map(|(k, _)| k.trim_start_matches('{').to_owned())
                })
                .collect()
        };
        for name in names(span_fields) {
            assert!(!names(event).contains(&name), "{name} twice: {line}");
        }
    }
    assert!(seen > 0, "{}", run.stderr);
    let help = vcode(&[], &["--help"]).await.stdout;
    assert!(
        help.contains("a refused connection or a DNS failure was not"),
        "{help}"
    );
}

const CANARY_PASSWORD: &str = "Canary42!pw";

/// Asserts a run printed nothing of the canary password, whatever it printed.
fn assert_no_password(run: &Run) {
    assert!(!run.all().contains(CANARY_PASSWORD), "{}", run.all());
    assert!(!run.all().contains("Canary42"), "{}", run.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tencent_create_account_takes_the_password_from_the_environment_and_never_prints_it() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let sent = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "send",
            "--country-code",
            "65",
            "--phone",
            "91234567",
            "--endpoint",
            &url,
        ],
    )
    .await;
    assert_eq!(sent.code, 0, "{}", sent.all());
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::TencentPartners,
            vcode_sandbox::Recipient::Phone {
                calling_code: "65",
                number: "91234567",
            },
        )
        .expect("texted");
    // `create-account` for the texted phone, with `password` in VCODE_PASSWORD (if any).
    let create = async |code: &str, password: Option<&str>, extra: &[&str]| -> Run {
        let mut args = vec![
            "tencent-partners",
            "create-account",
            "--account-type",
            "company",
            "--mail",
            "new@example.com",
            "--phone",
            "91234567",
            "--country-code",
            "65",
            "--area",
            "SG",
            "--trade-one",
            "kghy_01",
            "--trade-two",
            "kghy_0101",
            "--endpoint",
            url.as_str(),
            "--verify-code",
            code,
        ];
        args.extend_from_slice(extra);
        let mut env = tencent_env();
        if let Some(password) = password {
            env.push(("VCODE_PASSWORD", password));
        }
        vcode(&env, &args).await
    };
    // No password anywhere: refused before anything is sent.
    let no_password = create(&code, None, &[]).await;
    assert_eq!(no_password.code, 2, "{}", no_password.all());
    assert!(
        no_password.stderr.contains("VCODE_PASSWORD"),
        "{}",
        no_password.all()
    );
    // A dry run shows the body with both passwords redacted.
    let dry = create(&code, Some(CANARY_PASSWORD), &["--dry-run"]).await;
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stdout.contains(r#""Password":"[REDACTED]""#),
        "{}",
        dry.all()
    );
    assert_no_password(&dry);
    let dry_json = create(&code, Some(CANARY_PASSWORD), &["--dry-run", "--json"]).await;
    assert_no_password(&dry_json);
    // The real call, traced.
    let created = create(&code, Some(CANARY_PASSWORD), &["--json", "-vv"]).await;
    assert_eq!(created.code, 0, "{}", created.all());
    assert!(
        created.json()["uin"]
            .as_str()
            .is_some_and(|u| u.starts_with("2000"))
    );
    assert_no_password(&created);
    // The code again: the vendor's typed error, still no password.
    let again = create(&code, Some(CANARY_PASSWORD), &["-v"]).await;
    assert_eq!(again.code, 1, "{}", again.all());
    assert!(
        again
            .stderr
            .contains("FailedOperation.VerificationCodeIllegal"),
        "{}",
        again.all()
    );
    assert_no_password(&again);
    // An invalid password is named, never shown.
    let weak = create("123456", Some("Canary42"), &[]).await;
    assert_eq!(weak.code, 2, "{}", weak.all());
    assert!(
        weak.stderr.contains("the password (`Password`)"),
        "{}",
        weak.all()
    );
    assert_no_password(&weak);
    assert_eq!(sandbox.accounts().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bss_ticket_and_trial_flows_run_from_the_command_line() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let run = async |args: Vec<&str>| -> Run {
        let mut env = huawei_env();
        env.push(("VCODE_PASSWORD", CANARY_PASSWORD));
        let mut args = args;
        args.extend(["--endpoint", url.as_str(), "--json"]);
        vcode(&env, &args).await
    };
    let free = run(vec![
        "huawei-bss",
        "check-identity",
        "--email",
        "new@example.com",
    ])
    .await;
    assert_eq!(free.json()["available"], true, "{}", free.all());
    let sent = run(vec!["huawei-bss", "send", "--email", "new@example.com"]).await;
    assert_eq!(sent.code, 0, "{}", sent.all());
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email("new@example.com"),
        )
        .expect("mailed");
    let created = run(vec![
        "huawei-bss",
        "create",
        "--domain-name",
        "cli_customer",
        "--email",
        "new@example.com",
        "--verification-code",
        &code,
        "--domain-area",
        "MX",
        "--xaccount-id",
        "cli-1",
        "--xaccount-type",
        "platform",
        "--with-password",
    ])
    .await;
    assert_eq!(created.code, 0, "{}", created.all());
    assert_eq!(created.json()["domain_name"], "cli_customer");
    assert_eq!(created.json()["association"], "requested");
    assert_no_password(&created);
    let listed = run(vec!["huawei-bss", "list", "--account-name", "cli_customer"]).await;
    assert_eq!(listed.json()["count"], 1, "{}", listed.all());

    let contact = [
        "--contact-way",
        "email",
        "--contact-value",
        "someone@example.com",
    ];
    let need = run([&["huawei-ticket", "need-verify"][..], &contact].concat()).await;
    assert_eq!(need.json()["need_verify"], true, "{}", need.all());
    let sent = run([&["huawei-ticket", "send"][..], &contact].concat()).await;
    assert_eq!(sent.code, 0, "{}", sent.all());
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Email("someone@example.com"),
        )
        .expect("mailed");
    let checked = run([
        &["huawei-ticket", "check", "--verify-code", &code][..],
        &contact,
    ]
    .concat())
    .await;
    assert_eq!(checked.code, 0, "{}", checked.all());
    let listed = run(vec!["huawei-ticket", "list-verified", "--all"]).await;
    assert_eq!(listed.json()["count"], 1, "{}", listed.all());

    let sent = run(vec!["cec-trial", "send", "--phone", "13800000000"]).await;
    assert_eq!(sent.code, 0, "{}", sent.all());
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::CecTrial,
            vcode_sandbox::Recipient::Number("13800000000"),
        )
        .expect("texted");
    let applied = run(vec![
        "cec-trial",
        "apply",
        "--company-name",
        "CLI Co",
        "--phone",
        "13800000000",
        "--verify-code",
        &code,
        "--email",
        "ops@example.com",
    ])
    .await;
    assert_eq!(applied.code, 0, "{}", applied.all());
    let again = run(vec![
        "cec-trial",
        "apply",
        "--company-name",
        "CLI Co",
        "--phone",
        "13800000000",
        "--verify-code",
        &code,
        "--email",
        "ops@example.com",
    ])
    .await;
    assert_eq!(again.code, 1, "{}", again.all());
    assert_eq!(again.json()["code"], "001");

    let accounts = vcode(&[], &["sandbox", "accounts", "--endpoint", &url]).await;
    assert_eq!(accounts.code, 0, "{}", accounts.all());
    assert_eq!(accounts.stdout.lines().count(), 2, "{}", accounts.all());
    assert!(accounts.stdout.contains("cec-trial"), "{}", accounts.all());
}

/// Issue 34: every request field of the listings and the creates has a flag, sent as the
/// vendor names it; every field the vendor returns is printed, unaltered, under its own name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_field_has_a_flag_and_every_returned_field_is_printed() {
    let customer = json!({
        "account_name": "cli_customer", "customer_id": "0a1b", "customer": "Pat Example",
        "associated_on": "2024-01-02T03:04:05Z", "association_type": "1", "label": "gold",
        "telephone": "91234567", "verified_status": "2", "country_code": "0065",
        "customer_type": 1, "is_frozen": 0, "account_managers": [{"account_name": "am1"}],
        "xaccount_id": "x-1", "xaccount_type": "platform", "customer_level": "V3",
        "email": "pat@example.com"
    });
    let contact = json!({
        "contact_way": 0, "contact_value": "91234567", "area_code": "65", "verified_id": "v-9"
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/partners/sub-customers/query"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "customer_infos": [customer.clone()], "count": 1 })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/servicerequest/verifycodes/has-verified"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "contact_list": [contact.clone()], "count": 1 })),
        )
        .mount(&server)
        .await;
    let endpoint = server.uri();
    let listed = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "list",
            "--account-name",
            "cli_customer",
            "--customer",
            "Pat",
            "--offset",
            "0",
            "--limit",
            "10",
            "--label",
            "gold",
            "--association-type",
            "referral",
            "--associated-on-begin",
            "2024-01-01T00:00:00Z",
            "--associated-on-end",
            "2024-02-01T00:00:00Z",
            "--customer-id",
            "0a1b",
            "--indirect-partner-id",
            "ip-1",
            "--endpoint",
            &endpoint,
            "--json",
        ],
    )
    .await;
    assert_eq!(listed.code, 0, "{}", listed.all());
    assert_eq!(
        listed.json()["customers"],
        json!([customer]),
        "{}",
        listed.all()
    );
    let verified = vcode(
        &huawei_env(),
        &[
            "huawei-ticket",
            "list-verified",
            "--contact-way",
            "sms",
            "--contact-value",
            "91234567",
            "--area-code",
            "65",
            "--customer-id",
            "c-1",
            "--sub-customer-id",
            "s-1",
            "--expired-time",
            "2026-12-31 23:59:59",
            "--verified-id",
            "v-9",
            "--offset",
            "0",
            "--limit",
            "5",
            "--site",
            "international",
            "--language",
            "en-us",
            "--time-zone",
            "GMT+8",
            "--endpoint",
            &endpoint,
            "--json",
        ],
    )
    .await;
    assert_eq!(verified.code, 0, "{}", verified.all());
    assert_eq!(
        verified.json()["contacts"],
        json!([contact]),
        "{}",
        verified.all()
    );
    let requests = server.received_requests().await.expect("recorded");
    let body: Value = serde_json::from_slice(&requests[0].body).expect("json body");
    assert_eq!(
        body,
        json!({
            "account_name": "cli_customer", "customer": "Pat", "offset": 0, "limit": 10,
            "label": "gold", "association_type": "1",
            "associated_on_begin": "2024-01-01T00:00:00Z",
            "associated_on_end": "2024-02-01T00:00:00Z", "customer_id": "0a1b",
            "indirect_partner_id": "ip-1"
        })
    );
    let query: std::collections::BTreeMap<String, String> =
        requests[1].url.query_pairs().into_owned().collect();
    let expected: std::collections::BTreeMap<String, String> = [
        ("contact_way", "0"),
        ("contact_value", "91234567"),
        ("area_code", "65"),
        ("customer_id", "c-1"),
        ("sub_customer_id", "s-1"),
        ("expired_time", "2026-12-31 23:59:59"),
        ("verified_id", "v-9"),
        ("offset", "0"),
        ("limit", "5"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(query, expected);
    for (name, value) in [
        ("X-Site", "1"),
        ("X-Language", "en-us"),
        ("X-Time-Zone", "GMT+8"),
    ] {
        assert_eq!(
            requests[1].headers.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name}"
        );
    }

    // The create's and the send's optional fields, on the wire of a dry run.
    let create = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "create",
            "--domain-area",
            "MX",
            "--xaccount-id",
            "x-1",
            "--xaccount-type",
            "platform",
            "--include-association-result",
            "--endpoint",
            &endpoint,
            "--dry-run",
        ],
    )
    .await;
    assert_eq!(create.code, 0, "{}", create.all());
    assert!(
        create
            .stdout
            .contains(r#""include_association_result":true"#),
        "{}",
        create.all()
    );
    let send = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "send",
            "--email",
            "pat@example.com",
            "--receiver-type",
            "email",
            "--endpoint",
            &endpoint,
            "--dry-run",
        ],
    )
    .await;
    assert_eq!(send.code, 0, "{}", send.all());
    assert!(
        send.stdout.contains(r#""receiver_type":2"#),
        "{}",
        send.all()
    );
}

/// Issue 34: the catalogues print every field of every item under the vendor's names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogues_print_every_field() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let countries = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "country-codes",
            "--endpoint",
            &url,
            "--json",
        ],
    )
    .await;
    assert_eq!(countries.code, 0, "{}", countries.all());
    let first = &countries.json()["countries"][0];
    for field in ["EnName", "Name", "IOS2", "IOS3", "Code"] {
        assert!(first[field].is_string(), "{field}: {}", countries.all());
    }
    let trades = vcode(
        &tencent_env(),
        &["tencent-partners", "trades", "--endpoint", &url, "--json"],
    )
    .await;
    assert_eq!(trades.code, 0, "{}", trades.all());
    let two = &trades.json()["trades"][0]["Children"][0];
    for field in ["Id", "Name", "TradeInfo"] {
        assert!(two[field].is_string(), "{field}: {}", trades.all());
    }
}

/// Issue 39: `tencent-partners customers` sends every QueryCustomersCredit field from its
/// flags and prints every field of every customer; `--all` walks the pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customers_sends_every_field_and_prints_every_customer_field() {
    let customer = json!({
        "ClientUin": 200012345678u64, "Name": "Pat", "Type": "personal", "Mobile": "91234567",
        "Email": "pat@example.com", "Arrears": "0", "AssociationTime": "2026-01-02 03:04:05",
        "RecentExpiry": "", "Credit": 1.5, "RemainingCredit": 0.5, "IdentifyType": 1,
        "Remark": "vip", "Force": 0
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": { "Data": [customer.clone()], "Total": 1, "RequestId": "req-c" }
        })))
        .mount(&server)
        .await;
    let endpoint = server.uri();
    let run = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "customers",
            "--filter-type",
            "email",
            "--filter",
            "pat@example.com",
            "--page",
            "2",
            "--page-size",
            "10",
            "--order",
            "asc",
            "--endpoint",
            &endpoint,
            "--json",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["customers"], json!([customer]), "{}", run.all());
    assert_eq!(run.json()["total"], 1);
    let requests = server.received_requests().await.expect("recorded");
    let body: Value = serde_json::from_slice(&requests[0].body).expect("json");
    assert_eq!(
        body,
        json!({ "FilterType": "Email", "Filter": "pat@example.com", "Page": 2, "PageSize": 10, "Order": "asc" })
    );
    let all = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "customers",
            "--all",
            "--endpoint",
            &endpoint,
            "--json",
        ],
    )
    .await;
    assert_eq!(all.code, 0, "{}", all.all());
    assert_eq!(all.json()["customers"], json!([customer]), "{}", all.all());
    let bad = vcode(
        &tencent_env(),
        &[
            "tencent-partners",
            "customers",
            "--page",
            "0",
            "--endpoint",
            &endpoint,
        ],
    )
    .await;
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("--page"), "{}", bad.all());
}

/// Issue 38: `vcode sign huawei` signs what the SDK sends: for a BSS send, the same signed
/// headers and the same signature as the client's dry run at the same time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_huawei_equals_the_sdks_dry_run() {
    let env = huawei_env();
    let dry = vcode(
        &env,
        &[
            "huawei-bss",
            "send",
            "--email",
            "a@b.co",
            "--endpoint",
            "http://127.0.0.1:9",
            "--dry-run",
        ],
    )
    .await;
    assert_eq!(dry.code, 0, "{}", dry.all());
    let line = |run: &Run, name: &str| {
        run.stdout
            .lines()
            .find_map(|l| {
                l.split_once(": ")
                    .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.to_owned())
            })
            .unwrap_or_else(|| panic!("no {name} in {}", run.all()))
    };
    let body = dry.stdout.lines().last().expect("a body").to_owned();
    let path = dry
        .stdout
        .lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .expect("a request line")
        .to_owned();
    let url = format!("http://127.0.0.1:9{path}");
    let time = line(&dry, "x-sdk-date");
    let signed = vcode(
        &env,
        &[
            "sign", "huawei", "--url", &url, "--data", &body, "--time", &time,
        ],
    )
    .await;
    assert_eq!(signed.code, 0, "{}", signed.all());
    assert_eq!(line(&signed, "authorization"), line(&dry, "authorization"));
    assert!(
        line(&signed, "authorization")
            .contains("SignedHeaders=content-type;host;x-domain-id;x-sdk-date"),
        "{}",
        signed.all()
    );
    assert_eq!(line(&signed, "x-domain-id"), line(&dry, "x-domain-id"));
    assert_eq!(line(&signed, "content-type"), "application/json");
}

/// Issue 38: `--output json|table|text` (and `--json`) is honoured by a success, a vendor
/// error, a usage error and a sandbox error alike; lists print as tables, and human output
/// reads like the flags (`sms`, not the wire's `0`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_output_and_every_error_in_the_format_asked_for() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let with = |format: &str, args: &[&str]| {
        let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        all.extend(["--output".to_owned(), format.to_owned()]);
        all
    };
    let run = async |env: &[(&str, &str)], args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        vcode(env, &args).await
    };
    // A success.
    let send = [
        "tencent-partners",
        "send",
        "--country-code",
        "65",
        "--phone",
        "91234567",
        "--endpoint",
        url.as_str(),
    ];
    let json = run(&tencent_env(), with("json", &send)).await;
    assert_eq!(json.code, 0, "{}", json.all());
    assert_eq!(json.json()["ok"], true);
    let countries = [
        "tencent-partners",
        "country-codes",
        "--endpoint",
        url.as_str(),
    ];
    let table = run(&tencent_env(), with("table", &countries)).await;
    assert_eq!(table.code, 0, "{}", table.all());
    let header = table
        .stdout
        .lines()
        .find(|l| l.starts_with("Code"))
        .unwrap_or_else(|| panic!("no list header: {}", table.all()));
    for column in ["EnName", "Name", "IOS2", "IOS3"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("65") && l.contains("Singapore") && l.contains("SGP")),
        "{}",
        table.all()
    );
    let text = run(&tencent_env(), with("text", &countries)).await;
    assert!(
        text.stdout.starts_with("GetCountryCodes: ok (countries 8"),
        "{}",
        text.all()
    );
    assert!(
        text.stdout
            .contains("\n  Code 65, EnName Singapore, IOS2 SG"),
        "{}",
        text.all()
    );

    // A vendor error: the same code whichever the format.
    let again = run(&tencent_env(), with("json", &send)).await;
    assert_eq!(again.code, 1, "{}", again.all());
    assert_eq!(
        again.json()["code"],
        "FailedOperation.SendVerifyCodeLimit60"
    );
    let again = run(&tencent_env(), with("table", &send)).await;
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .lines()
            .any(|l| l.starts_with("code") && l.contains("FailedOperation.SendVerifyCodeLimit")),
        "{}",
        again.all()
    );
    let again = run(&tencent_env(), with("text", &send)).await;
    assert!(
        again.stderr.starts_with("error: ")
            && again
                .stderr
                .contains("code FailedOperation.SendVerifyCodeLimit"),
        "{}",
        again.all()
    );

    // A usage error.
    let usage = run(
        &tencent_env(),
        with("json", &["tencent-partners", "send", "--bogus"]),
    )
    .await;
    assert_eq!(usage.code, 2);
    assert_eq!(usage.json()["kind"], "usage", "{}", usage.all());
    let usage = run(
        &tencent_env(),
        vec![
            "tencent-partners".into(),
            "send".into(),
            "--bogus".into(),
            "--json".into(),
        ],
    )
    .await;
    assert_eq!(
        usage.json()["message"],
        "unexpected argument '--bogus' found"
    );
    let usage = run(
        &tencent_env(),
        with("table", &["tencent-partners", "send", "--bogus"]),
    )
    .await;
    assert!(
        usage
            .stderr
            .lines()
            .any(|l| l.starts_with("error") && l.contains("usage")),
        "{}",
        usage.all()
    );

    // A sandbox error: nothing listens there.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    };
    let gone = run(
        &[],
        with("json", &["sandbox", "outbox", "--endpoint", &closed]),
    )
    .await;
    assert_eq!(gone.code, 3, "{}", gone.all());
    assert_eq!(gone.json()["ok"], false);
    assert!(
        gone.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("cannot read the outbox"))
    );
    let gone = run(
        &[],
        with("table", &["sandbox", "outbox", "--endpoint", &closed]),
    )
    .await;
    assert_eq!(gone.code, 3, "{}", gone.all());
    assert!(
        gone.stderr
            .lines()
            .any(|l| l.starts_with("message") && l.contains("cannot read the outbox")),
        "{}",
        gone.all()
    );
    let gone = run(
        &[],
        with("text", &["sandbox", "outbox", "--endpoint", &closed]),
    )
    .await;
    assert_eq!(gone.code, 3, "{}", gone.all());
    assert!(
        gone.stderr.starts_with("error: cannot read the outbox"),
        "{}",
        gone.all()
    );
    let outbox = run(
        &[],
        with("table", &["sandbox", "outbox", "--endpoint", &url]),
    )
    .await;
    assert_eq!(outbox.code, 0, "{}", outbox.all());
    assert!(
        outbox
            .stdout
            .lines()
            .next()
            .is_some_and(|l| l.contains("vendor")),
        "{}",
        outbox.all()
    );
}

/// Issue 38: list-verified in text and tables says `sms`, as the flag does; JSON keeps `0`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn human_output_reads_like_the_flags() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "contact_list": [{ "contact_way": 0, "contact_value": "91234567", "area_code": "65", "verified_id": "v-1" }],
            "count": 1
        })))
        .mount(&server)
        .await;
    let endpoint = server.uri();
    let list = |format: &'static str| {
        let endpoint = endpoint.clone();
        async move {
            vcode(
                &huawei_env(),
                &[
                    "huawei-ticket",
                    "list-verified",
                    "--endpoint",
                    &endpoint,
                    "--output",
                    format,
                ],
            )
            .await
        }
    };
    let table = list("table").await;
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("65") && l.contains(" sms ")),
        "{}",
        table.all()
    );
    let text = list("text").await;
    assert!(text.stdout.contains("contact_way sms"), "{}", text.all());
    let json = list("json").await;
    assert_eq!(json.json()["contacts"][0]["contact_way"], 0);
    // BSS customers: `referral` as --association-type says it, `1` in JSON.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "customer_infos": [{ "account_name": "c1", "customer_id": "id1", "association_type": "1" }],
            "count": 1
        })))
        .mount(&server)
        .await;
    let customers = async |format: &str| {
        vcode(
            &huawei_env(),
            &[
                "huawei-bss",
                "list",
                "--endpoint",
                &endpoint,
                "--output",
                format,
            ],
        )
        .await
    };
    let text = customers("text").await;
    assert!(
        text.stdout.contains("association_type referral"),
        "{}",
        text.all()
    );
    let json = customers("json").await;
    assert_eq!(json.json()["customers"][0]["association_type"], "1");
}

/// Issue 38: one vocabulary on every vendor: `--phone`, `--email`, `--code`, `--calling-code`
/// (the vendor's own names stay as aliases), each flag's help naming the vendor's field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_flag_names_on_every_vendor() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let dry = |mut args: Vec<&'static str>| {
        let url = url.clone();
        async move {
            let mut all: Vec<String> = args.drain(..).map(str::to_owned).collect();
            all.extend(["--endpoint".to_owned(), url, "--dry-run".to_owned()]);
            let env: Vec<(&str, &str)> = huawei_env().into_iter().chain(tencent_env()).collect();
            let args: Vec<&str> = all.iter().map(String::as_str).collect();
            vcode(&env, &args).await
        }
    };
    for (args, wire) in [
        (
            vec![
                "huawei-ticket",
                "send",
                "--phone",
                "13800000000",
                "--calling-code",
                "86",
            ],
            r#""contact_value":"13800000000""#,
        ),
        (
            vec!["huawei-ticket", "send", "--email", "a@b.co"],
            r#""contact_way":1"#,
        ),
        (
            vec![
                "huawei-ticket",
                "check",
                "--email",
                "a@b.co",
                "--code",
                "123456",
            ],
            r#""verify_code":"123456""#,
        ),
        (
            vec!["huawei-bss", "check-identity", "--phone", "0065-91234567"],
            r#""search_value":"0065-91234567""#,
        ),
        (
            vec![
                "huawei-bss",
                "create",
                "--email",
                "a@b.co",
                "--code",
                "123456",
                "--domain-area",
                "MX",
                "--xaccount-id",
                "x",
                "--xaccount-type",
                "p",
            ],
            r#""verification_code":"123456""#,
        ),
        (
            vec![
                "cec-trial",
                "apply",
                "--company-name",
                "Co",
                "--phone",
                "13800000000",
                "--code",
                "123456",
                "--email",
                "a@b.co",
            ],
            r#""phoneVerifyCode":"123456""#,
        ),
        (
            vec![
                "tencent-partners",
                "send",
                "--calling-code",
                "65",
                "--phone",
                "91234567",
            ],
            r#""CountryCode":"65""#,
        ),
        // The vendors' own names still work.
        (
            vec![
                "huawei-ticket",
                "send",
                "--contact-way",
                "sms",
                "--contact-value",
                "13800000000",
                "--area-code",
                "86",
            ],
            r#""area_code":"86""#,
        ),
        (
            vec![
                "tencent-partners",
                "send",
                "--country-code",
                "65",
                "--phone",
                "91234567",
            ],
            r#""PhoneNum":"91234567""#,
        ),
    ] {
        let run = dry(args.clone()).await;
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
        assert!(run.stdout.contains(wire), "{args:?}: {}", run.all());
    }
    // --language is a call flag on every Tencent operation, not only on send.
    let catalogue = dry(vec![
        "tencent-partners",
        "country-codes",
        "--language",
        "zh-CN",
    ])
    .await;
    assert!(
        catalogue
            .stdout
            .to_lowercase()
            .contains("x-tc-language: zh-cn"),
        "{}",
        catalogue.all()
    );
    // The help names the vendor's field next to the shared flag.
    for (command, flag, field) in [
        (
            vec!["tencent-partners", "create-account", "--help"],
            "--email",
            "Mail",
        ),
        (
            vec!["tencent-partners", "create-account", "--help"],
            "--code",
            "VerifyCode",
        ),
        (
            vec!["huawei-ticket", "check", "--help"],
            "--calling-code",
            "area_code",
        ),
        (
            vec!["huawei-bss", "create", "--help"],
            "--code",
            "verification_code",
        ),
        (
            vec!["cec-trial", "apply", "--help"],
            "--code",
            "phoneVerifyCode",
        ),
    ] {
        let run = vcode(&[], &command).await;
        let line = run
            .stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with(flag))
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(line.contains(field), "{command:?} {flag}: {}", run.stdout);
    }
}

/// Issue 38: `--profile NAME` reads section [NAME] of each vendor's profile file instead of
/// the environment and the default section; an unknown name is a usage error naming the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profile_picks_a_section_of_either_vendors_file() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url().to_owned();
    let home = tempfile::tempdir().expect("home");
    std::fs::create_dir(home.path().join(".huaweicloud")).expect("dir");
    std::fs::write(
        home.path().join(".huaweicloud/credentials"),
        format!(
            "[global]\nak = WRONGAK\nsk = wrong\ndomain_id = {domain}\n\n[partner]\nak = {ak}\nsk = {sk}\ndomain_id = {domain}\n",
            ak = vcode_sandbox::HUAWEI_ACCESS_KEY,
            sk = vcode_sandbox::HUAWEI_SECRET_KEY,
            domain = vcode_sandbox::HUAWEI_DOMAIN_ID,
        ),
    )
    .expect("huawei file");
    std::fs::create_dir(home.path().join(".tencentcloud")).expect("dir");
    std::fs::write(
        home.path().join(".tencentcloud/credentials"),
        format!(
            "[default]\nsecret_id = AKIDWRONG\nsecret_key = wrong\n\n[partner]\nsecret_id = {id}\nsecret_key = {key}\n",
            id = vcode_sandbox::TENCENT_SECRET_ID,
            key = vcode_sandbox::TENCENT_SECRET_KEY,
        ),
    )
    .expect("tencent file");
    let run = async |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--endpoint", url.as_str(), "--json"]);
        vcode_at_home(home.path(), &[], &all).await
    };
    let huawei = ["huawei-bss", "send", "--email", "a@b.co"];
    let tencent = [
        "tencent-partners",
        "send",
        "--calling-code",
        "65",
        "--phone",
        "91234567",
    ];
    for args in [&huawei[..], &tencent[..]] {
        let default = run(args).await;
        assert_eq!(
            default.code,
            1,
            "the default section's keys are wrong: {}",
            default.all()
        );
        let named = run(&[args, &["--profile", "partner"][..]].concat()).await;
        assert_eq!(named.code, 0, "{}", named.all());
        let missing = run(&[args, &["--profile", "nobody"][..]].concat()).await;
        assert_eq!(missing.code, 2, "{}", missing.all());
        assert!(
            missing.json()["message"]
                .as_str()
                .is_some_and(|m| m.contains("no such profile") && m.contains("credentials")),
            "{}",
            missing.all()
        );
    }
}

/// Issue 38: each vendor's help lists only its own regions, puts the call flags under their
/// own heading apart from the operation's fields, and `sign tencent` speaks of Tencent only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_per_vendor_with_call_flags_apart() {
    let bss = vcode(&[], &["huawei-bss", "send", "--help"]).await;
    let ticket = vcode(&[], &["huawei-ticket", "send", "--help"]).await;
    assert!(
        bss.stdout.contains("ap-southeast-1") && !bss.stdout.contains("ap-southeast-3"),
        "{}",
        bss.stdout
    );
    assert!(
        ticket.stdout.contains("ap-southeast-3") && !ticket.stdout.contains("ap-southeast-1"),
        "{}",
        ticket.stdout
    );
    for help in [&bss.stdout, &ticket.stdout] {
        let (fields, call) = help
            .split_once("Call options:")
            .expect("a call options heading");
        assert!(
            fields.contains("--email") || fields.contains("--phone"),
            "{help}"
        );
        // A flag's own help line: the flag, then a value or nothing.
        let lists = |text: &str, flag: &str| {
            text.lines().any(|l| {
                l.trim_start()
                    .strip_prefix(flag)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        };
        for flag in [
            "--endpoint",
            "--timeout",
            "--dry-run",
            "--region",
            "--profile",
        ] {
            assert!(lists(call, flag) && !lists(fields, flag), "{flag}: {help}");
        }
    }
    let tencent = vcode(&[], &["sign", "tencent", "--help"]).await;
    assert!(
        !tencent.stdout.to_lowercase().contains("huawei"),
        "{}",
        tencent.stdout
    );
    let wrong = vcode(
        &huawei_env(),
        &[
            "huawei-bss",
            "send",
            "--email",
            "a@b.co",
            "--region",
            "ap-southeast-3",
        ],
    )
    .await;
    assert_eq!(wrong.code, 2, "{}", wrong.all());
}
