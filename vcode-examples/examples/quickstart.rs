//! The whole family in one run, with no credentials and no network: starts the sandbox
//! in-process and runs each vendor's whole flow through its client: the check before the code,
//! the send, the code read back from the sandbox's outbox, the call that consumes it, and one
//! typed failure; then a Tencent create whose answer is lost, resolved by asking the vendor.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use std::error::Error;

use huawei_bss::{
    CommonError, CreateSubCustomerError, HuaweiAkSk, HuaweiClientBuilderExt, Language,
};
use huawei_ticket::{ContactWay, IamToken, VerifyCodesError};
use tencent_partners::{AccountType, CreateAccountError, FailedOperation, TencentCredentials};
use vcode_core::{SdkError, ServiceErrorKind};
use vcode_sandbox::Sandbox;

/// A code that is not `code`, to show the consuming call refusing it.
fn wrong(code: &str) -> &'static str {
    if code == "111111" { "222222" } else { "111111" }
}

/// Prints the typed error a call was expected to end in.
fn show<E: ServiceErrorKind + PartialEq + std::fmt::Debug>(
    what: &str,
    result: Result<impl std::fmt::Debug, SdkError<E>>,
    expected: &E,
) -> Result<(), Box<dyn Error>> {
    match result {
        Err(e) if e.kind() == Some(expected) => {
            println!(
                "  {what}: refused, {expected:?} ({})",
                e.code().unwrap_or("-")
            );
            Ok(())
        }
        other => Err(format!("{what}: expected {expected:?}, got {other:?}").into()),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let sandbox = Sandbox::start().await?;
    let url = sandbox.base_url();
    println!("sandbox running at {url}\n");

    // Huawei BSS International, signed with AK/SK. No domain id is given, so the client looks
    // it up once through (the sandbox's) IAM, as the official SDKs do.
    let bss = huawei_bss::Client::builder()
        .endpoint(url)
        .iam_endpoint(url)
        .credentials(HuaweiAkSk::new(
            vcode_sandbox::HUAWEI_ACCESS_KEY,
            vcode_sandbox::HUAWEI_SECRET_KEY,
        ))
        .build()?;
    println!("huawei-bss");
    let email = "someone@example.com";
    // 1. Is the address still free?
    let check = huawei_bss::CheckUserIdentityInput::builder()
        .email(email)
        .send(&bss)
        .await?;
    // 2. Mail the code. Operations are data: build (and validate) the input, then send it.
    // (Elsewhere the shortcut is used: a builder that validates and sends itself.)
    let input = huawei_bss::SendVerificationCodeInput::builder()
        .email(email)
        .language(Language::EnUs)
        .build()?;
    bss.send(&input).await?;
    // 3. The customer types the code from the email; here it comes from the outbox.
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiBss,
            vcode_sandbox::Recipient::Email(email),
        )
        .ok_or("no BSS code")?;
    let create = |code: &str| {
        huawei_bss::CreateSubCustomerInput::builder()
            .domain_name("sandbox_customer")
            .email(email)
            .verification_code(code)
            .domain_area("MX")
            .xaccount_id("partner-user-1")
            .xaccount_type("sandbox_platform")
            .password("Sandbox-Pw-42")
            .build()
    };
    // 4. Create the customer with it. (A wrong code first: BSS answers CBC.0100.)
    show(
        "a wrong code",
        bss.send(&create(wrong(&code))?).await,
        &CreateSubCustomerError::Common(CommonError::InvalidParameter),
    )?;
    let created = bss.send(&create(&code)?).await?;
    println!(
        "  {email} free: {}; mailed {code}; created customer {} ({})",
        check.is_available(),
        created.domain_name(),
        created.domain_id()
    );

    // Huawei service tickets (OSM) with an IAM token: does the contact need verifying? Send,
    // check, and the contact is verified.
    let ticket = huawei_ticket::Client::builder()
        .endpoint(url)
        .credentials(IamToken::new(vcode_sandbox::HUAWEI_IAM_TOKEN)?)
        .build()?;
    println!("huawei-ticket");
    let need = huawei_ticket::CheckNeedVerifyInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&ticket)
        .await?;
    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&ticket)
        .await?;
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::HuaweiTicket,
            vcode_sandbox::Recipient::Phone {
                calling_code: "86",
                number: "13800000000",
            },
        )
        .ok_or("no ticket code")?;
    let check = |code: &str| {
        huawei_ticket::CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Sms)
            .contact_value("13800000000")
            .area_code("86")
            .verify_code(code)
            .send(&ticket)
    };
    show(
        "a wrong code",
        check(wrong(&code)).await,
        &VerifyCodesError::VerificationFailed,
    )?;
    check(&code).await?;
    let verified = huawei_ticket::ListHasVerifiedContactsInput::builder()
        .build()?
        .pages(&ticket)
        .collect_all()
        .await?;
    println!(
        "  needed verifying: {}; texted {code} to +86 13800000000; checked; {} verified contact(s)",
        need.need_verify(),
        verified.len()
    );

    // CEC one-click trial: no authentication at all. Text a code, apply for the trial tenant.
    let cec = cec_trial::Client::builder().endpoint(url).build()?;
    println!("cec-trial");
    cec_trial::GenerateVerifyCodeInput::builder()
        .phone("+8613900000000")
        .send(&cec)
        .await?;
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::CecTrial,
            vcode_sandbox::Recipient::Number("+8613900000000"),
        )
        .ok_or("no CEC code")?;
    let apply = |code: &str| {
        cec_trial::ApplyTenantInput::builder()
            .company_name("Sandbox Trading Co")
            .phone("+8613900000000")
            .phone_verify_code(code)
            .email("ops@example.com")
            .send(&cec)
    };
    show(
        "a wrong code",
        apply(wrong(&code)).await,
        &cec_trial::ApplyTenantError::WrongCode,
    )?;
    let applied = apply(&code).await?;
    println!(
        "  texted {code} to +8613900000000; trial tenant applied ({})",
        applied.message()
    );

    // Tencent Cloud International Partners, signed with TC3-HMAC-SHA256: the choices, the
    // code, the account.
    let tencent = tencent_partners::Client::builder()
        .endpoint(url)
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .build()?;
    println!("tencent-partners");
    let countries = tencent_partners::GetCountryCodesInput
        .send(&tencent)
        .await?;
    let trades = tencent_partners::GetTradeConfigListInput
        .send(&tencent)
        .await?;
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .send(&tencent)
        .await?;
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::TencentPartners,
            vcode_sandbox::Recipient::Phone {
                calling_code: "852",
                number: "18888888888",
            },
        )
        .ok_or("no Tencent code")?;
    let account = |code: &str| {
        tencent_partners::CreateAccountInput::builder()
            .account_type(AccountType::Company)
            .mail("new-customer@example.com")
            .password("Sandbox42!")
            .confirm_password("Sandbox42!")
            .phone_num("18888888888")
            .country_code("852")
            .area("HK")
            .verify_code(code)
            .trade_one("kghy_01")
            .trade_two("kghy_0101")
            .build()
    };
    let input = account(&code)?;
    // CountryCode/Area and the industries are checked against the catalogues before sending.
    input.check_choices(&countries, &trades)?;
    show(
        "a wrong code",
        tencent.send(&account(wrong(&code))?).await,
        &CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal),
    )?;
    let created = tencent.send(&input).await?;
    println!(
        "  {} places, {} industries; texted {code} to +852 18888888888; account {} created",
        countries.countries().len(),
        trades.trades().len(),
        created.uin()
    );

    // A create whose answer is lost: the sandbox makes the account, then drops the connection
    // before answering. The client never sends a create twice; it asks the vendor instead
    // (QueryCustomersCredit by the create's Mail) and finds the account with its UIN.
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888887")
        .send(&tencent)
        .await?;
    let code = sandbox
        .latest_code(
            vcode_sandbox::Vendor::TencentPartners,
            vcode_sandbox::Recipient::Phone {
                calling_code: "852",
                number: "18888888887",
            },
        )
        .ok_or("no Tencent code")?;
    let input = tencent_partners::CreateAccountInput::builder()
        .account_type(AccountType::Company)
        .mail("answer-lost@example.com")
        .password("Sandbox42!")
        .confirm_password("Sandbox42!")
        .phone_num("18888888887")
        .country_code("852")
        .area("HK")
        .verify_code(code)
        .trade_one("kghy_01")
        .trade_two("kghy_0101")
        .build()?;
    sandbox.inject(
        vcode_sandbox::Route::TencentPartners,
        vcode_sandbox::Fault::drop_connection(vcode_sandbox::DropPoint::AfterHandling).times(1),
    );
    match tencent
        .send_resolving(&input, &tencent_partners::ResolveOptions::new())
        .await?
    {
        tencent_partners::Created::Found(found) => println!(
            "  answer lost after the account was made: resolved, account {} exists",
            found.client_uin.unwrap_or_default()
        ),
        other => return Err(format!("expected a resolved create, got {other:?}").into()),
    }

    println!(
        "\n{} codes in the outbox, {} accounts created; all four flows work.",
        sandbox.outbox().len(),
        sandbox.accounts().len()
    );
    sandbox.shutdown().await;
    Ok(())
}
