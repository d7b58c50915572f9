//! Each vendor's whole flow against the sandbox, driven through the clients: the checks before
//! the code, the send, the consuming call, and each documented failure of the consuming call.

mod common;

use std::time::Duration;
use vcode_core::VendorCode;

use cec_trial::{ApplyTenantError, ApplyTenantInput, GenerateVerifyCodeInput};
use common::*;
use huawei_bss::{
    Association, CheckUserIdentityInput, CreateSubCustomerError, CreateSubCustomerInput,
    ListSubCustomersInput, SendVerificationCodeInput,
};
use huawei_ticket::{
    CheckNeedVerifyInput, CheckVerifyCodesInput, ContactWay, ExpireTime,
    ListHasVerifiedContactsInput, SendVerifyCodesInput, VerifyCodesError,
};
use tencent_partners::{
    AccountField, AccountType, CreateAccountError, CreateAccountInput, FailedOperation,
    GetCountryCodesInput, GetTradeConfigListInput, InvalidParameter,
};
use vcode_core::{SdkError, ServiceErrorKind};

fn code_of<E: ServiceErrorKind + Clone>(error: SdkError<E>) -> E {
    match error {
        SdkError::Service(service) => service.kind().clone(),
        other => panic!("expected a vendor error, got {other}"),
    }
}

fn bss_create(email: &str, code: &str, name: &str, partner_id: &str) -> CreateSubCustomerInput {
    CreateSubCustomerInput::builder()
        .domain_name(name)
        .email(email)
        .verification_code(code)
        .domain_area("MX")
        .xaccount_id(partner_id)
        .xaccount_type("sandbox_platform")
        .password("Sandbox-Pw-42")
        .build()
        .expect("valid")
}

#[tokio::test]
async fn bss_check_send_create_and_every_failure_of_the_create() {
    let sandbox = manual_sandbox().await;
    let client = bss(&sandbox, vcode_sandbox::HUAWEI_SECRET_KEY);
    let email = "new@example.com";
    let free = CheckUserIdentityInput::builder()
        .email(email)
        .send(&client)
        .await
        .expect("checked");
    assert!(free.is_available());

    // No code sent yet: refused.
    let err = client
        .send(&bss_create(email, "000000", "new_customer", "p-1"))
        .await
        .expect_err("no code");
    assert_eq!(code_of(err).code(), "CBC.0100");

    SendVerificationCodeInput::builder()
        .email(email)
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email(email),
        )
        .expect("mailed");
    let wrong = if code == "111111" { "222222" } else { "111111" };
    let err = client
        .send(&bss_create(email, wrong, "new_customer", "p-1"))
        .await
        .expect_err("wrong code");
    assert_eq!(code_of(err).code(), "CBC.0100");

    let created = client
        .send(&bss_create(email, &code, "new_customer", "p-1"))
        .await
        .expect("created");
    assert_eq!(created.domain_name(), "new_customer");
    assert_eq!(created.association(), Association::Requested);
    let accounts = sandbox.accounts();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].id, created.domain_id());

    // The same code again: used.
    let err = client
        .send(&bss_create(
            "other@example.com",
            &code,
            "other_customer",
            "p-2",
        ))
        .await
        .expect_err("code of another address");
    assert_eq!(code_of(err).code(), "CBC.0100");
    let used = CheckUserIdentityInput::builder()
        .account_name("new_customer")
        .send(&client)
        .await
        .expect("checked");
    assert!(!used.is_available());

    // Registered email, taken name.
    SendVerificationCodeInput::builder()
        .email(email)
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email(email),
        )
        .expect("mailed");
    let err = client
        .send(&bss_create(email, &code, "third_customer", "p-3"))
        .await
        .expect_err("email registered");
    assert_eq!(code_of(err), CreateSubCustomerError::ContactReported);
    SendVerificationCodeInput::builder()
        .email("third@example.com")
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email("third@example.com"),
        )
        .expect("mailed");
    let err = client
        .send(&bss_create(
            "third@example.com",
            &code,
            "new_customer",
            "p-3",
        ))
        .await
        .expect_err("name taken");
    assert_eq!(code_of(err), CreateSubCustomerError::DomainNameExists);

    // Expired after ten minutes.
    sandbox.clock().advance(Duration::from_secs(601));
    let err = client
        .send(&bss_create(
            "third@example.com",
            &code,
            "third_customer",
            "p-3",
        ))
        .await
        .expect_err("expired");
    assert_eq!(code_of(err).code(), "CBC.0100");

    // CBC.99000050: created, association pending, and ListSubCustomers confirms it.
    SendVerificationCodeInput::builder()
        .email("third@example.com")
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email("third@example.com"),
        )
        .expect("mailed");
    sandbox.delay_bss_association(1);
    let pending = client
        .send(&bss_create(
            "third@example.com",
            &code,
            "third_customer",
            "p-3",
        ))
        .await
        .expect("created despite the timeout");
    assert_eq!(pending.association(), Association::Pending);
    let listed = ListSubCustomersInput::builder()
        .account_name("third_customer")
        .send(&client)
        .await
        .expect("listed");
    let found = listed
        .find_by_account_name("third_customer")
        .expect("the customer exists");
    assert_eq!(found.customer_id, pending.domain_id());
    assert_eq!(sandbox.accounts().len(), 2);
}

#[tokio::test]
async fn ticket_need_verify_send_check_and_list() {
    let sandbox = manual_sandbox().await;
    let client = ticket(&sandbox);
    let need = || {
        CheckNeedVerifyInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .send(&client)
    };
    assert!(need().await.expect("asked").need_verify());
    let check = |code: String| {
        CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .verify_code(code)
            .send(&client)
    };
    SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .expect("texted");
    let wrong = if code == "111111" { "222222" } else { "111111" };
    assert_eq!(
        code_of(check(wrong.into()).await.expect_err("wrong")),
        VerifyCodesError::VerificationFailed
    );
    check(code.clone()).await.expect("verified");
    assert_eq!(
        code_of(check(code).await.expect_err("reused")),
        VerifyCodesError::VerificationFailed
    );
    let answer = need().await.expect("asked");
    assert!(!answer.need_verify());
    assert!(matches!(answer.expire_time(), Some(ExpireTime::Local(_))));

    let listed = ListHasVerifiedContactsInput::builder()
        .contact_way(ContactWay::Sms)
        .build()
        .expect("valid")
        .pages(&client)
        .collect_all()
        .await
        .expect("listed");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].contact_value, "13800000000");

    // A code expires after five minutes.
    sandbox.clock().advance(Duration::from_secs(61));
    SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&client)
        .await
        .expect("sent again");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .expect("texted");
    sandbox.clock().advance(Duration::from_secs(301));
    assert_eq!(
        code_of(check(code).await.expect_err("expired")),
        VerifyCodesError::VerificationFailed
    );
}

#[tokio::test]
async fn cec_send_apply_and_every_failure_of_the_application() {
    let sandbox = manual_sandbox().await;
    let client = cec(&sandbox);
    let apply = |company: &'static str, code: String| {
        ApplyTenantInput::builder()
            .company_name(company)
            .phone("13800000000")
            .phone_verify_code(code)
            .email("ops@example.com")
            .send(&client)
    };
    assert_eq!(
        code_of(
            apply("Example Co", "123456".into())
                .await
                .expect_err("no code")
        ),
        ApplyTenantError::CodeMissingOrExpired
    );
    GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::CecTrial,
            vcode_sandbox::Recipient::Number("13800000000"),
        )
        .expect("texted");
    let wrong = if code == "111111" { "222222" } else { "111111" };
    assert_eq!(
        code_of(apply("Example Co", wrong.into()).await.expect_err("wrong")),
        ApplyTenantError::WrongCode
    );
    apply("Example Co", code.clone()).await.expect("applied");
    assert_eq!(sandbox.accounts()[0].name, "Example Co");
    assert_eq!(
        code_of(apply("Example Co", code).await.expect_err("used")),
        ApplyTenantError::CodeMissingOrExpired
    );
    sandbox.clock().advance(Duration::from_secs(301));
    GenerateVerifyCodeInput::builder()
        .phone("13800000000")
        .send(&client)
        .await
        .expect("sent");
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::CecTrial,
            vcode_sandbox::Recipient::Number("13800000000"),
        )
        .expect("texted");
    assert_eq!(
        code_of(
            apply("Other Co", code.clone())
                .await
                .expect_err("tenant exists")
        ),
        ApplyTenantError::TenantExists
    );
    sandbox.clock().advance(Duration::from_secs(301));
    assert_eq!(
        code_of(apply("Other Co", code).await.expect_err("expired")),
        ApplyTenantError::CodeMissingOrExpired
    );
}

fn tencent_create(mail: &str, phone: &str, code: &str) -> CreateAccountInput {
    CreateAccountInput::builder()
        .account_type(AccountType::Personal)
        .mail(mail)
        .password("Sandbox42!")
        .confirm_password("Sandbox42!")
        .phone_num(phone)
        .country_code("65")
        .area("SG")
        .verify_code(code)
        .trade_one("kghy_01")
        .trade_two("kghy_0101")
        .build()
        .expect("valid")
}

#[tokio::test]
async fn tencent_catalogues_send_create_and_every_failure_of_the_create() {
    let sandbox = manual_sandbox().await;
    let client = tencent(&sandbox, vcode_sandbox::TENCENT_SECRET_KEY)
        .build()
        .expect("client");
    let countries = GetCountryCodesInput.send(&client).await.expect("countries");
    let trades = GetTradeConfigListInput.send(&client).await.expect("trades");
    let input = tencent_create("a@example.com", "91234567", "123456");
    input
        .check_choices(&countries, &trades)
        .expect("valid choices");

    let code = tencent_code(&sandbox, &client, "91234567").await;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    assert_eq!(
        code_of(
            client
                .send(&tencent_create("a@example.com", "91234567", wrong))
                .await
                .expect_err("wrong")
        ),
        CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal)
    );
    let created = client
        .send(&tencent_create("a@example.com", "91234567", &code))
        .await
        .expect("created");
    assert!(created.uin().starts_with("2000"));
    assert_eq!(sandbox.accounts()[0].id, created.uin());
    assert_eq!(
        code_of(
            client
                .send(&tencent_create("b@example.com", "91234567", &code))
                .await
                .expect_err("reused")
        ),
        CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal)
    );
    // The same email again.
    sandbox.clock().advance(Duration::from_secs(61));
    let code = tencent_code(&sandbox, &client, "91234567").await;
    assert_eq!(
        code_of(
            client
                .send(&tencent_create("a@example.com", "91234567", &code))
                .await
                .expect_err("registered")
        ),
        CreateAccountError::FailedOperation(FailedOperation::MailIsRegistered)
    );
    // Five accounts per number: four more, then the sixth is refused.
    for n in 2..=6 {
        sandbox.clock().advance(Duration::from_secs(61));
        let code = tencent_code(&sandbox, &client, "91234567").await;
        let result = client
            .send(&tencent_create(
                &format!("user{n}@example.com"),
                "91234567",
                &code,
            ))
            .await;
        if n <= 5 {
            result.expect("created");
        } else {
            assert_eq!(
                code_of(result.expect_err("five per number")),
                CreateAccountError::FailedOperation(FailedOperation::PhoneBindUpper)
            );
        }
    }
    // A field the sandbox refuses, named.
    let bad_area = CreateAccountInput::builder()
        .account_type(AccountType::Personal)
        .mail("z@example.com")
        .password("Sandbox42!")
        .confirm_password("Sandbox42!")
        .phone_num("91234568")
        .country_code("65")
        .area("HK")
        .verify_code("123456")
        .trade_one("kghy_01")
        .trade_two("kghy_0101")
        .build()
        .expect("valid shape");
    let err = code_of(client.send(&bad_area).await.expect_err("area"));
    assert!(matches!(
        err,
        CreateAccountError::InvalidParameter(InvalidParameter::Field(AccountField::Area, _))
    ));
    // Expired.
    let code = tencent_code(&sandbox, &client, "91234569").await;
    sandbox.clock().advance(Duration::from_secs(301));
    assert_eq!(
        code_of(
            client
                .send(&tencent_create("late@example.com", "91234569", &code))
                .await
                .expect_err("expired")
        ),
        CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal)
    );
}
