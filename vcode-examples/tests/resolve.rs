//! Issue 39: a create whose answer is lost is resolved, per vendor, against the sandbox: lost
//! after the vendor committed it, it is found with the ids the sandbox holds (one create
//! request in all); lost before, it is not created, and sending it again succeeds; CEC has no
//! lookup, so it is unknown with that reason.

mod common;

use std::time::Duration;

use common::*;
use vcode_core::resolve::{Created, ResolveOptions, Unresolved};
use vcode_sandbox::{DropPoint, Fault, Route, Sandbox};

/// Lookups 10 ms apart: the sandbox lists a create at once.
fn quick() -> ResolveOptions {
    ResolveOptions::new()
        .attempts(std::num::NonZeroU32::MIN.saturating_add(1))
        .interval(Duration::from_millis(10))
}

/// Requests the sandbox received on `route` (with `action`, for Tencent).
fn requests(sandbox: &Sandbox, route: Route, action: Option<&str>) -> usize {
    sandbox
        .received()
        .iter()
        .filter(|r| r.route == route && (action.is_none() || r.action.as_deref() == action))
        .count()
}

/// The next request on `route` loses its answer at `point`.
fn lose(sandbox: &Sandbox, route: Route, point: DropPoint) {
    sandbox.inject(route, Fault::drop_connection(point).times(1));
}

/// A valid `CreateAccount` for `mail` with a code just texted to `+65 phone`.
async fn tencent_input(
    sandbox: &Sandbox,
    client: &tencent_partners::Client,
    mail: &str,
    phone: &str,
) -> tencent_partners::CreateAccountInput {
    let code = tencent_code(sandbox, client, phone).await;
    create_account_builder()
        .mail(mail)
        .phone_num(phone)
        .verify_code(code)
        .build()
        .expect("input")
}

#[tokio::test]
async fn tencent_an_answer_lost_after_commit_is_found_and_one_lost_before_is_not_created() {
    let sandbox = manual_sandbox().await;
    let client = tencent(&sandbox, vcode_sandbox::TENCENT_SECRET_KEY)
        .build()
        .expect("client");
    // Lost after the account was made.
    let input = tencent_input(&sandbox, &client, "after@example.com", "91230001").await;
    lose(&sandbox, Route::TencentPartners, DropPoint::AfterHandling);
    let created = client
        .send_resolving(&input, &quick())
        .await
        .expect("resolved as created");
    let Created::Found(found) = created else {
        panic!("the answer was lost: {created:?}")
    };
    let account = &sandbox.accounts()[0];
    assert_eq!(
        found.client_uin.map(|u| u.to_string()),
        Some(account.id.clone())
    );
    assert_eq!(found.email.as_deref(), Some("after@example.com"));
    assert_eq!(
        requests(&sandbox, Route::TencentPartners, Some("CreateAccount")),
        1
    );

    // Lost before anything was made: not created, safe to send again, and the resend works.
    let input = tencent_input(&sandbox, &client, "before@example.com", "91230002").await;
    lose(&sandbox, Route::TencentPartners, DropPoint::AfterReading);
    let err = client
        .send_resolving(&input, &quick())
        .await
        .expect_err("not created");
    assert!(matches!(err, Unresolved::NotCreated(_)), "{err:?}");
    assert!(err.safe_to_send_again());
    assert!(err.to_string().contains("safe to send again"), "{err}");
    assert_eq!(sandbox.accounts().len(), 1);
    let again = client
        .send(&input)
        .await
        .expect("the second create succeeds");
    assert_eq!(sandbox.accounts().len(), 2);
    assert_eq!(again.uin(), sandbox.accounts()[1].id);
}

#[tokio::test]
async fn bss_an_answer_lost_after_commit_is_found_and_one_lost_before_is_not_created() {
    let sandbox = manual_sandbox().await;
    let client = bss(&sandbox, vcode_sandbox::HUAWEI_SECRET_KEY);
    let create = |email: &str, code: &str| {
        huawei_bss::CreateSubCustomerInput::builder()
            .unique_domain_name()
            .email(email)
            .verification_code(code)
            .domain_area("MX")
            .xaccount_id(email)
            .xaccount_type("sandbox_platform")
            .build()
            .expect("input")
    };
    let mail_code = async |email: &str| {
        huawei_bss::SendVerificationCodeInput::builder()
            .email(email)
            .send(&client)
            .await
            .expect("mailed");
        sandbox
            .latest_code(
                vcode_sandbox::Vendor::HuaweiBss,
                vcode_sandbox::Recipient::Email(email),
            )
            .expect("in the outbox")
    };
    let code = mail_code("after@example.com").await;
    let input = create("after@example.com", &code);
    lose(&sandbox, Route::HuaweiBssCreate, DropPoint::AfterHandling);
    let created = client
        .send_resolving(&input, &quick())
        .await
        .expect("resolved as created");
    let Created::Found(found) = created else {
        panic!("the answer was lost: {created:?}")
    };
    let account = &sandbox.accounts()[0];
    assert_eq!(found.customer_id, account.id);
    assert_eq!(Some(found.account_name.as_str()), input.domain_name());
    assert_eq!(requests(&sandbox, Route::HuaweiBssCreate, None), 1);

    let code = mail_code("before@example.com").await;
    let input = create("before@example.com", &code);
    lose(&sandbox, Route::HuaweiBssCreate, DropPoint::AfterReading);
    let err = client
        .send_resolving(&input, &quick())
        .await
        .expect_err("not created");
    assert!(matches!(err, Unresolved::NotCreated(_)), "{err:?}");
    assert!(err.safe_to_send_again());
    let again = client
        .send(&input)
        .await
        .expect("the second create succeeds");
    assert_eq!(Some(again.domain_name()), input.domain_name());
    assert_eq!(sandbox.accounts().len(), 2);
}

#[tokio::test]
async fn bss_a_create_whose_name_the_vendor_picks_cannot_be_resolved() {
    let sandbox = manual_sandbox().await;
    let client = bss(&sandbox, vcode_sandbox::HUAWEI_SECRET_KEY);
    let input = huawei_bss::CreateSubCustomerInput::builder()
        .domain_area("MX")
        .xaccount_id("p-2")
        .xaccount_type("sandbox_platform")
        .build()
        .expect("input");
    lose(&sandbox, Route::HuaweiBssCreate, DropPoint::AfterHandling);
    let err = client
        .send_resolving(&input, &quick())
        .await
        .expect_err("unknown");
    let Unresolved::Unknown { reason, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(reason.contains("unique_domain_name"), "{reason}");
    assert!(!err.safe_to_send_again());
    assert_eq!(
        requests(&sandbox, Route::HuaweiBssList, None),
        0,
        "nothing to look up by"
    );
}

#[tokio::test]
async fn cec_a_lost_application_is_unknown_with_its_reason() {
    let sandbox = manual_sandbox().await;
    let client = cec(&sandbox);
    cec_trial::GenerateVerifyCodeInput::builder()
        .phone("+8613900000000")
        .send(&client)
        .await
        .expect("texted");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::CecTrial,
            vcode_sandbox::Recipient::Number("+8613900000000"),
        )
        .expect("texted");
    let input = cec_trial::ApplyTenantInput::builder()
        .company_name("Sandbox Trading Co")
        .phone("+8613900000000")
        .phone_verify_code(code)
        .email("ops@example.com")
        .build()
        .expect("input");
    lose(&sandbox, Route::CecApplyTenant, DropPoint::AfterHandling);
    let err = client
        .send_resolving(&input, &quick())
        .await
        .expect_err("unknown");
    let Unresolved::Unknown { reason, error } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(reason, cec_trial::NO_LOOKUP);
    assert_eq!(error.send_state(), cec_trial::SendState::MaybeSent);
    assert_eq!(requests(&sandbox, Route::CecApplyTenant, None), 1);
}

/// A failure that needs no lookup is passed through as it is: a vendor error, or nothing sent.
#[tokio::test]
async fn a_vendor_error_is_not_resolved() {
    let sandbox = manual_sandbox().await;
    let client = tencent(&sandbox, vcode_sandbox::TENCENT_SECRET_KEY)
        .build()
        .expect("client");
    let input = create_account_builder()
        .verify_code("000000")
        .build()
        .expect("input");
    let err = client
        .send_resolving(&input, &quick())
        .await
        .expect_err("a wrong code");
    assert!(matches!(err, Unresolved::Failed(_)), "{err:?}");
    assert_eq!(
        err.error().code(),
        Some("FailedOperation.VerificationCodeIllegal")
    );
    assert_eq!(
        requests(
            &sandbox,
            Route::TencentPartners,
            Some("QueryCustomersCredit")
        ),
        0
    );
}
