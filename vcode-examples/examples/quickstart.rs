//! The whole family in one run, with no credentials and no network: starts the sandbox
//! in-process, sends one code through each of the four clients, reads each code back from the
//! sandbox's outbox, checks the ticket code, and shows a typed rate-limit error.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use std::error::Error;

use huawei_bss::{HuaweiAkSk, Language};
use huawei_ticket::{ContactWay, IamToken};
use tencent_partners::{FailedOperation, SendVerifyCodeError, TencentCredentials};
use vcode_sandbox::Sandbox;

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
    let email = "someone@example.com";
    // Operations are data: build (and validate) the input, then send it. Below, the other
    // clients use the shortcut: a builder that validates and sends itself.
    let input = huawei_bss::SendVerificationCodeInput::builder()
        .email(email)
        .language(Language::EnUs)
        .timeout_minutes(5)
        .build()?;
    let sent = bss.send(&input).await?;
    let code = sandbox
        .latest_code("huawei-bss", email)
        .ok_or("no BSS code")?;
    println!(
        "huawei-bss        mailed {code} to {email} (request id {})",
        sent.request_id().unwrap_or("-")
    );

    // Huawei service tickets (OSM) with an IAM token: send, read the code, check it.
    let ticket = huawei_ticket::Client::builder()
        .endpoint(url)
        .credentials(IamToken::new(vcode_sandbox::HUAWEI_IAM_TOKEN)?)
        .build()?;
    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .send(&ticket)
        .await?;
    let code = sandbox
        .latest_code("huawei-ticket", "86-13800000000")
        .ok_or("no ticket code")?;
    huawei_ticket::CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .verify_code(&code)
        .send(&ticket)
        .await?;
    println!("huawei-ticket     texted {code} to +86 13800000000, and the check accepted it");

    // CEC one-click trial: no authentication at all.
    let cec = cec_trial::Client::builder().endpoint(url).build()?;
    let sent = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("+8613900000000")
        .send(&cec)
        .await?;
    let code = sandbox
        .latest_code("cec-trial", "+8613900000000")
        .ok_or("no CEC code")?;
    println!(
        "cec-trial         texted {code} to +8613900000000 ({})",
        sent.ret_msg()
    );

    // Tencent Cloud International Partners, signed with TC3-HMAC-SHA256.
    let tencent = tencent_partners::Client::builder()
        .endpoint(url)
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .build()?;
    let sent = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .send(&tencent)
        .await?;
    let code = sandbox
        .latest_code("tencent-partners", "852-18888888888")
        .ok_or("no Tencent code")?;
    println!(
        "tencent-partners  texted {code} to +852 18888888888 (request id {})",
        sent.request_id()
    );

    // A second code to the same phone within 60 s is refused, and the error says so in types.
    let again = tencent_partners::SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .send(&tencent)
        .await;
    match again {
        Err(e)
            if e.kind()
                == Some(&SendVerifyCodeError::FailedOperation(
                    FailedOperation::SendVerifyCodeLimit60,
                )) =>
        {
            println!(
                "\nsecond Tencent send refused as expected: {} (code {}, retry after {} s)",
                e.kind().map(ToString::to_string).unwrap_or_default(),
                e.code().unwrap_or("-"),
                e.retry_after().map_or(0, |d| d.as_secs()),
            );
        }
        other => return Err(format!("expected SendVerifyCodeLimit60, got {other:?}").into()),
    }

    println!(
        "\n{} codes in the outbox; all four clients work.",
        sandbox.outbox().len()
    );
    sandbox.shutdown().await;
    Ok(())
}
