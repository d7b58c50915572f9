//! `tencent-partners` against wiremock on 127.0.0.1.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use vcode_core::VendorCode;

use tencent_partners::{
    AuthFailure, Client, CommonError, FailedOperation, Language, RequestLimitExceeded, RetryPolicy,
    SdkError, SendVerifyCodeError as E, SendVerifyCodeInput, TencentClientBuilderExt,
    TencentCredentials,
};
use vcode_signing::{SignableBody, SignableRequest, tencent};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;
use common::*;

/// The system clock shifted by some seconds.
#[derive(Debug)]
struct SkewedClock(i64);

impl vcode_core::Clock for SkewedClock {
    fn now(&self) -> SystemTime {
        let shift = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            SystemTime::now() + shift
        } else {
            SystemTime::now() - shift
        }
    }
}

/// Builds the client and sends the standard test number, +65 91234567.
async fn send_standard(
    builder: tencent_partners::ClientBuilder,
) -> Result<
    tencent_partners::SendVerifyCodeOutput,
    tencent_partners::SdkError<tencent_partners::SendVerifyCodeError>,
> {
    let client = builder.build().expect("client");
    SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num("91234567")
        .send(&client)
        .await
}

#[tokio::test]
async fn exact_wire_request_signed_over_the_port() {
    let server = server(ResponseTemplate::new(200).set_body_string(ok_body())).await;
    let client = builder(&server)
        .clock(Arc::new(FixedClock(1_795_336_200)))
        .language(Language::EnUs)
        .region("ap-singapore")
        .build()
        .expect("client");
    let out = SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .send(&client)
        .await
        .expect("sent");
    assert_eq!(out.request_id(), Some("req-ok"));
    let request = &requests(&server).await[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/");
    assert_eq!(
        request.body,
        br#"{"CountryCode":"852","PhoneNum":"18888888888"}"#
    );
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(header(request, "x-tc-action"), Some("SendVerifyCode"));
    assert_eq!(header(request, "x-tc-version"), Some("2022-09-28"));
    assert_eq!(header(request, "x-tc-timestamp"), Some("1795336200"));
    assert_eq!(header(request, "x-tc-language"), Some("en-US"));
    assert_eq!(header(request, "x-tc-region"), Some("ap-singapore"));
    assert_eq!(header(request, "x-tc-token"), None);
    let host = format!("127.0.0.1:{}", server.address().port());
    assert_eq!(header(request, "host"), Some(host.as_str()));
    verify(request, UNIX_EPOCH + Duration::from_secs(1_795_336_200));

    // The signature covers the port: the same request signed for the bare host differs.
    let bare = SignableRequest::new("POST", "/", SignableBody::Bytes(&request.body))
        .header("Content-Type", "application/json")
        .header("Host", "127.0.0.1");
    let other = tencent::Signer::new(ID, KEY, "intlpartnersmgt")
        .sign(&bare, UNIX_EPOCH + Duration::from_secs(1_795_336_200))
        .expect("signs");
    assert_ne!(
        Some(other.authorization()),
        header(request, "authorization")
    );
}

#[tokio::test]
async fn shared_vector_reproduced_on_the_wire_when_its_port_is_free() {
    // tests/data vector `send-verify-code-nondefault-port` (official signing code): host
    // 127.0.0.1:18080 at 1795339799. Skipped only when the port is taken.
    let Ok(listener) = std::net::TcpListener::bind("127.0.0.1:18080") else {
        eprintln!("port 18080 busy: vector check skipped");
        return;
    };
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(ok_body()))
        .mount(&server)
        .await;
    send_standard(builder(&server).clock(Arc::new(FixedClock(1_795_339_799))))
        .await
        .expect("sent");
    let request = &requests(&server).await[0];
    assert_eq!(
        header(request, "authorization"),
        Some(
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEsecretid0123456789abcdef/2026-11-22/intlpartnersmgt/tc3_request, SignedHeaders=content-type;host, Signature=0b83f46f08a27896708cfbd13af03909667554959a2a3266c0ab1f78cefc369c"
        )
    );
}

/// Issue 34: like the official intl-en client, every call carries `X-TC-Language: en-US`
/// unless the client chose another; `X-TC-Region` only when a region is set.
#[tokio::test]
async fn the_default_language_is_en_us_and_no_region_is_sent_unless_set() {
    let server = server(ResponseTemplate::new(200).set_body_string(ok_body())).await;
    send_standard(
        Client::builder()
            .endpoint(server.uri())
            .credentials(TencentCredentials::new(ID, KEY).with_token("session-token")),
    )
    .await
    .expect("sent");
    let request = &requests(&server).await[0];
    assert_eq!(header(request, "x-tc-token"), Some("session-token"));
    assert_eq!(header(request, "x-tc-language"), Some("en-US"));
    assert_eq!(header(request, "x-tc-region"), None);
    verify(request, SystemTime::now());
}

#[tokio::test]
async fn every_documented_code_maps_under_200_and_under_an_error_status() {
    for code in E::documented_codes() {
        let expected = E::from_code(code);
        assert_ne!(
            expected,
            E::Unknown(code.to_owned()),
            "{code} is in the table"
        );
        assert_eq!(expected.code(), code);
        for status in [200, 400, 503] {
            let server =
                server(ResponseTemplate::new(status).set_body_string(error_body(code))).await;
            let err = send_standard(builder(&server).retry_policy(RetryPolicy::never()))
                .await
                .expect_err(code);
            assert_eq!(err.kind(), Some(&expected), "{code} under {status}");
            assert_eq!(err.code(), Some(code));
            assert_eq!(err.request_id(), Some(format!("req-{code}").as_str()));
            assert_eq!(err.http_status(), Some(status));
            assert_eq!(
                err.service_error().expect("service").message(),
                format!("message for {code}")
            );
        }
    }
}

#[test]
fn groups_and_unknown_codes() {
    assert_eq!(
        E::from_code("AuthFailure.SignatureFailure"),
        E::Common(CommonError::AuthFailure(AuthFailure::SignatureFailure))
    );
    assert_eq!(
        E::from_code("AuthFailure.Brand.New"),
        E::Common(CommonError::AuthFailure(AuthFailure::Other(
            "AuthFailure.Brand.New".into()
        )))
    );
    assert_eq!(
        E::from_code("RequestLimitExceeded.Something"),
        E::Common(CommonError::RequestLimitExceeded(
            RequestLimitExceeded::Other("RequestLimitExceeded.Something".into())
        ))
    );
    assert_eq!(
        E::from_code("Totally.New"),
        E::Unknown("Totally.New".into())
    );
    assert_eq!(E::from_code("Totally.New").code(), "Totally.New");
    assert!(matches!(
        E::from_code("FailedOperation.SendVerifyCodeLimit60"),
        E::FailedOperation(FailedOperation::SendVerifyCodeLimit60)
    ));
}

#[tokio::test]
async fn unknown_codes_keep_raw_text_and_request_id() {
    let server =
        server(ResponseTemplate::new(200).set_body_string(error_body("FailedOperation.NewThing")))
            .await;
    let err = send_standard(builder(&server)).await.expect_err("unknown");
    assert_eq!(err.code(), Some("FailedOperation.NewThing"));
    assert_eq!(err.request_id(), Some("req-FailedOperation.NewThing"));
}

#[tokio::test]
async fn limit60_hints_a_minute_and_is_not_retried_but_throttling_is() {
    let server = server(
        ResponseTemplate::new(200)
            .set_body_string(error_body("FailedOperation.SendVerifyCodeLimit60")),
    )
    .await;
    let client = builder(&server).build().expect("client");
    let err = SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num("91234567")
        .send(&client)
        .await
        .expect_err("limit");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(requests(&server).await.len(), 1);

    let throttled = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(error_body("RequestLimitExceeded")),
        )
        .up_to_n_times(1)
        .mount(&throttled)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(ok_body()))
        .mount(&throttled)
        .await;
    send_standard(
        builder(&throttled)
            .retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5))),
    )
    .await
    .expect("retried after throttling");
    assert_eq!(requests(&throttled).await.len(), 2);
}

fn timestamp(request: &Request) -> i64 {
    header(request, "x-tc-timestamp")
        .expect("timestamp")
        .parse()
        .expect("number")
}

#[tokio::test]
async fn signature_expire_is_corrected_once() {
    let server = MockServer::start().await;
    let server_date = httpdate::fmt_http_date(SystemTime::now());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("date", server_date.as_str())
                .set_body_string(error_body("AuthFailure.SignatureExpire")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(ok_body()))
        .mount(&server)
        .await;
    // Our clock is ten minutes fast: Tencent refuses anything over five.
    let client = builder(&server)
        .clock(Arc::new(SkewedClock(600)))
        .build()
        .expect("client");
    SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num("91234567")
        .send(&client)
        .await
        .expect("second attempt accepted");
    let seen = requests(&server).await;
    assert_eq!(seen.len(), 2, "exactly one retry");
    let corrected = timestamp(&seen[0]) - timestamp(&seen[1]);
    assert!((595..=605).contains(&corrected), "corrected by {corrected}");
    verify(&seen[1], SystemTime::now());
    assert!((-605..=-595).contains(&client.clock_offset_secs()));

    // A second expiry in the same call is not retried again.
    let always = server_always_expired().await;
    let err = send_standard(builder(&always).clock(Arc::new(SkewedClock(600))))
        .await
        .expect_err("expired twice");
    assert_eq!(
        err.kind(),
        Some(&E::Common(CommonError::AuthFailure(
            AuthFailure::SignatureExpire
        )))
    );
    assert_eq!(requests(&always).await.len(), 2);
}

async fn server_always_expired() -> MockServer {
    server(
        ResponseTemplate::new(200)
            .insert_header("date", httpdate::fmt_http_date(SystemTime::now()).as_str())
            .set_body_string(error_body("AuthFailure.SignatureExpire")),
    )
    .await
}

#[tokio::test]
async fn responses_without_the_envelope_are_unreadable() {
    for body in ["<html/>", r#"{"RequestId":"x"}"#, r#"{"Response":{}}"#] {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        let err = send_standard(builder(&server)).await.expect_err(body);
        assert!(matches!(err, SdkError::Response(_)), "{body}: {err:?}");
    }
}

#[test]
fn validation_boundaries() {
    let build = |cc: &str, phone: &str| {
        SendVerifyCodeInput::builder()
            .country_code(cc)
            .phone_num(phone)
            .build()
    };
    assert!(build("852", "18888888888").is_ok());
    assert!(build("1", &"9".repeat(32)).is_ok());
    assert!(build("1234", "9").is_ok());
    for bad_cc in ["86", "7", "380", "12345", "8a", "", "+86", "0852"] {
        let err = build(bad_cc, "91234567").expect_err(bad_cc);
        assert_eq!(err.violations()[0].field(), "CountryCode", "{bad_cc}");
    }
    let err = build("852", &"9".repeat(33)).expect_err("33");
    assert_eq!(err.violations()[0].field(), "PhoneNum");
    let err = build("86", "phone").expect_err("both");
    assert_eq!(err.violations().len(), 2);
    assert!(SendVerifyCodeInput::builder().build().is_err());
}

#[tokio::test]
async fn nothing_is_sent_when_validation_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(ok_body()))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder(&server).build().expect("client");
    let err = SendVerifyCodeInput::builder()
        .country_code("86")
        .phone_num("13800000000")
        .send(&client)
        .await
        .expect_err("excluded");
    assert!(matches!(err, SdkError::InvalidInput(_)));
    server.verify().await;
}

#[tokio::test]
async fn rate_limiter_spaces_requests() {
    let server = server(ResponseTemplate::new(200).set_body_string(ok_body())).await;
    let client = builder(&server).rate_limit(10).build().expect("client");
    let started = Instant::now();
    for _ in 0..4 {
        SendVerifyCodeInput::builder()
            .country_code("65")
            .phone_num("91234567")
            .send(&client)
            .await
            .expect("sent");
    }
    // Four requests at 10 per second: the fourth cannot start before 300 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn hosts() {
    let default = Client::builder().build().expect("client");
    assert_eq!(
        default.endpoint(),
        "https://intlpartnersmgt.tencentcloudapi.com/"
    );
    let intl = Client::builder()
        .root_domain(tencent_partners::RootDomain::IntlTencentCloudApi)
        .build()
        .expect("client");
    assert_eq!(
        intl.endpoint(),
        "https://intlpartnersmgt.intl.tencentcloudapi.com/"
    );
    assert!(Client::builder().region("bad\nregion").build().is_err());
}
