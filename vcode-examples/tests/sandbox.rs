//! Every client end to end against the sandbox on 127.0.0.1: signatures, each documented limit
//! (on the sandbox's manual clock), the send → outbox → check flow, and injected faults.

use std::sync::Arc;
use std::time::Duration;

use huawei_bss::SendVerificationCodeError as BssError;
use huawei_ticket::{ContactWay, VerifyCodesError as TicketError};
use tencent_partners::{
    AuthFailure, CommonError, FailedOperation, RequestLimitExceeded, SendVerifyCodeError as TcError,
};
use vcode_core::{RetryPolicy, SdkError, SendState};
use vcode_huawei::{HuaweiAkSk, IamToken};
use vcode_sandbox::{DropPoint, Fault, Route, Sandbox};
use vcode_tencent::TencentCredentials;

mod common;
use common::*;

async fn bss_send(
    client: &huawei_bss::Client,
    email: &str,
) -> Result<(), huawei_bss::SdkError<huawei_bss::SendVerificationCodeError>> {
    huawei_bss::SendVerificationCodeInput::builder()
        .email(email)
        .send(client)
        .await
        .map(drop)
}

async fn tencent_send(
    client: &tencent_partners::Client,
    phone: &str,
) -> Result<(), tencent_partners::SdkError<tencent_partners::SendVerifyCodeError>> {
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num(phone)
        .send(client)
        .await
        .map(drop)
}

#[tokio::test]
async fn bss_end_to_end_with_domain_lookup_and_token() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    bss_send(
        &bss(&sandbox, vcode_sandbox::HUAWEI_SECRET_KEY),
        "someone@example.com",
    )
    .await
    .expect("sent with AK/SK");
    let token_client = huawei_bss::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(IamToken::new(vcode_sandbox::HUAWEI_IAM_TOKEN).expect("token"))
        .build()
        .expect("client");
    bss_send(&token_client, "other@example.com")
        .await
        .expect("sent with token");
    let outbox = sandbox.outbox();
    assert_eq!(outbox.len(), 2);
    assert!(
        outbox
            .iter()
            .all(|m| m.code.len() == 6 && m.code.bytes().all(|b| b.is_ascii_digit()))
    );
    assert_eq!(outbox[0].recipient, "someone@example.com");

    // The outbox is served over HTTP too.
    let listed: serde_json::Value = reqwest::get(format!("{}/_sandbox/outbox", sandbox.base_url()))
        .await
        .expect("GET outbox")
        .json()
        .await
        .expect("json");
    assert_eq!(listed[1]["recipient"], "other@example.com");
}

#[tokio::test]
async fn wrong_secrets_and_skewed_clocks_are_refused_with_vendor_codes() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    // Huawei: wrong SK, and a timestamp ten minutes off.
    let client = huawei_bss::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(
            HuaweiAkSk::new(vcode_sandbox::HUAWEI_ACCESS_KEY, "wrong-secret")
                .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
        )
        .build()
        .expect("client");
    let err = bss_send(&client, "a@example.com")
        .await
        .expect_err("wrong secret");
    assert_eq!(
        err.kind(),
        Some(&BssError::Gateway(
            huawei_bss::GatewayError::AuthenticationFailed
        ))
    );
    assert_eq!(err.http_status(), Some(401));
    let client = huawei_bss::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(
            HuaweiAkSk::new(
                vcode_sandbox::HUAWEI_ACCESS_KEY,
                vcode_sandbox::HUAWEI_SECRET_KEY,
            )
            .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
        )
        .clock(Arc::new(Skewed(600)))
        .build()
        .expect("client");
    let err = bss_send(&client, "a@example.com")
        .await
        .expect_err("skewed");
    assert_eq!(err.code(), Some("APIG.0301"));
    let client = huawei_bss::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(
            HuaweiAkSk::new(
                vcode_sandbox::HUAWEI_ACCESS_KEY,
                vcode_sandbox::HUAWEI_SECRET_KEY,
            )
            .with_domain_id("someone-elses-domain"),
        )
        .build()
        .expect("client");
    assert_eq!(
        bss_send(&client, "a@example.com")
            .await
            .expect_err("domain")
            .code(),
        Some("APIG.0301")
    );

    // Tencent: wrong key, and ten minutes off (not corrected when retries are off).
    let client = tencent(&sandbox, "wrong-key").build().expect("client");
    let err = tencent_send(&client, "91234567")
        .await
        .expect_err("wrong key");
    assert_eq!(
        err.kind(),
        Some(&TcError::Common(CommonError::AuthFailure(
            AuthFailure::SignatureFailure
        )))
    );
    let skewed = tencent_partners::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .clock(Arc::new(Skewed(-600)))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    let err = tencent_send(&skewed, "91234567").await.expect_err("skewed");
    assert_eq!(
        err.kind(),
        Some(&TcError::Common(CommonError::AuthFailure(
            AuthFailure::SignatureExpire
        )))
    );
    assert!(sandbox.outbox().is_empty());

    // With the default policy the client corrects its clock from the sandbox's Date and succeeds.
    let corrected = tencent_partners::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .clock(Arc::new(Skewed(-600)))
        .build()
        .expect("client");
    tencent_send(&corrected, "91234567")
        .await
        .expect("corrected and sent");
    assert!((595..=605).contains(&corrected.clock_offset_secs()));
}

#[tokio::test]
async fn bss_hourly_and_daily_limits() {
    let sandbox = manual_sandbox().await;
    let client = bss(&sandbox, vcode_sandbox::HUAWEI_SECRET_KEY);
    let email = "limited@example.com";
    for _ in 0..15 {
        bss_send(&client, email)
            .await
            .expect("within the hourly limit");
    }
    let err = bss_send(&client, email).await.expect_err("16th in an hour");
    assert_eq!(err.kind(), Some(&BssError::SendLimitReached));
    assert_eq!(err.kind().and_then(BssError::send_limits), Some((15, 60)));
    // Three more hours of 15 each reach 60 in a day.
    for _ in 0..3 {
        sandbox.clock().advance(Duration::from_secs(3600));
        for _ in 0..15 {
            bss_send(&client, email).await.expect("new hour");
        }
    }
    sandbox.clock().advance(Duration::from_secs(3600));
    let err = bss_send(&client, email).await.expect_err("61st in a day");
    assert_eq!(err.kind(), Some(&BssError::SendLimitReached));
    sandbox.clock().advance(Duration::from_secs(86_400));
    bss_send(&client, email).await.expect("a day later");
}

#[tokio::test]
async fn ticket_send_outbox_check_flow_and_its_limits() {
    let sandbox = manual_sandbox().await;
    let client = ticket(&sandbox);
    let send = || {
        huawei_ticket::SendVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .send(&client)
    };
    let check = |code: String| {
        huawei_ticket::CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .verify_code(code)
            .send(&client)
    };
    send().await.expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .expect("code in outbox");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = check(wrong.to_owned()).await.expect_err("wrong code");
    assert_eq!(err.kind(), Some(&TicketError::VerificationFailed));
    assert_eq!(err.http_status(), Some(200));
    check(code.clone()).await.expect("right code accepted");

    let err = send().await.expect_err("again within a minute");
    assert_eq!(err.kind(), Some(&TicketError::ResentTooOften));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    sandbox.clock().advance(Duration::from_secs(61));
    send().await.expect("a minute later");
    let newest = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .expect("code");
    sandbox.clock().advance(Duration::from_secs(301));
    let err = check(newest).await.expect_err("expired after five minutes");
    assert_eq!(err.kind(), Some(&TicketError::VerificationFailed));

    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .send(
            &// Email contacts are keyed by the address.
    client,
        )
        .await
        .expect("email contact");
    assert!(
        sandbox
            .latest_code(
                vcode_sandbox::Vendor::HuaweiTicket,
                vcode_sandbox::Recipient::Email("someone@example.com")
            )
            .is_some()
    );
}

#[tokio::test]
async fn cec_code_exists_until_it_expires() {
    let sandbox = manual_sandbox().await;
    let client = cec(&sandbox);
    let send = || {
        cec_trial::GenerateVerifyCodeInput::builder()
            .phone("+8613800000000")
            .send(&client)
    };
    assert_eq!(send().await.expect("sent").ret_msg(), "success");
    let err = send().await.expect_err("exists");
    assert_eq!(
        err.kind(),
        Some(&cec_trial::GenerateVerifyCodeError::CodeAlreadyExists)
    );
    sandbox.clock().advance(Duration::from_secs(301));
    send().await.expect("after five minutes");
    assert_eq!(sandbox.outbox().len(), 2);
}

#[tokio::test]
async fn tencent_per_phone_and_per_second_limits() {
    let sandbox = manual_sandbox().await;
    let client = tencent(&sandbox, vcode_sandbox::TENCENT_SECRET_KEY)
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    tencent_send(&client, "18888888888").await.expect("sent");
    let err = tencent_send(&client, "18888888888")
        .await
        .expect_err("within 60 s");
    assert_eq!(
        err.kind(),
        Some(&TcError::FailedOperation(
            FailedOperation::SendVerifyCodeLimit60
        ))
    );
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert!(err.request_id().is_some_and(|id| id.len() == 32));
    sandbox.clock().advance(Duration::from_secs(61));
    tencent_send(&client, "18888888888")
        .await
        .expect("a minute later");

    // The clock stands still: 20 requests in this second are allowed, the next is throttled.
    sandbox.clock().advance(Duration::from_secs(2));
    for i in 0..20 {
        tencent_send(&client, &format!("9000{i:04}"))
            .await
            .expect("within 20 per second");
    }
    let err = tencent_send(&client, "90009999")
        .await
        .expect_err("21st in a second");
    assert_eq!(
        err.kind(),
        Some(&TcError::Common(CommonError::RequestLimitExceeded(
            RequestLimitExceeded::General
        )))
    );
    assert!(err.is_throttling());
}

#[tokio::test]
async fn injected_faults() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let client = cec(&sandbox);
    let send = || {
        cec_trial::GenerateVerifyCodeInput::builder()
            .phone("13800000000")
            .send(&client)
    };

    sandbox.inject(Route::CecTrial, Fault::respond(503, "maintenance").times(1));
    let err = send().await.expect_err("503");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert_eq!(err.http_status(), Some(503));

    sandbox.inject(
        Route::CecTrial,
        Fault::drop_connection(DropPoint::AfterReading).times(1),
    );
    let err = send().await.expect_err("dropped");
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
    assert!(
        sandbox.outbox().is_empty(),
        "the dropped request sent nothing and was not retried"
    );

    sandbox.inject(
        Route::CecTrial,
        Fault::latency(Duration::from_secs(2)).times(1),
    );
    let slow = cec_trial::Client::builder()
        .endpoint(sandbox.base_url())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let err = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .send(&slow)
        .await
        .expect_err("slow");
    assert!(err.is_timeout());

    sandbox.clear_faults();
    send().await.expect("healthy again");
    assert_eq!(sandbox.outbox().len(), 1);
}

#[test]
fn every_client_is_send_sync_and_clone() {
    fn check<T: Send + Sync + Clone + 'static>() {}
    check::<huawei_bss::Client>();
    check::<huawei_ticket::Client>();
    check::<cec_trial::Client>();
    check::<tencent_partners::Client>();
    fn error<T: std::error::Error + Send + Sync + 'static>() {}
    error::<huawei_bss::SdkError<huawei_bss::SendVerificationCodeError>>();
    error::<huawei_ticket::SdkError<huawei_ticket::VerifyCodesError>>();
    error::<cec_trial::SdkError<cec_trial::GenerateVerifyCodeError>>();
    error::<tencent_partners::SdkError<tencent_partners::SendVerifyCodeError>>();
}
