//! Mails a BSS International verification code.
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_DOMAIN_ID=...
//! export VCODE_EMAIL=someone@example.com
//! export VCODE_ENDPOINT=http://127.0.0.1:8080   # optional: a sandbox or proxy
//! cargo run -p vcode-examples --example huawei_bss
//! ```

use huawei_bss::{Client, Language, SdkError};
use vcode_examples::required_env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let email = required_env("VCODE_EMAIL", "the address to mail the code to")?;
    let mut builder = Client::builder();
    if let Ok(endpoint) = std::env::var("VCODE_ENDPOINT") {
        builder = builder.endpoint(endpoint);
    }
    // Credentials: HUAWEICLOUD_SDK_* variables, then ~/.huaweicloud/credentials [global].
    let client = builder.build()?;
    let result = huawei_bss::SendVerificationCodeInput::builder()
        .email(email)
        .language(Language::EnUs)
        .timeout_minutes(5)
        .send(&client)
        .await;
    match result {
        Ok(sent) => println!(
            "code sent (request id {})",
            sent.request_id().unwrap_or("-")
        ),
        Err(SdkError::Service(e)) => {
            eprintln!("the vendor refused: {e}");
            if let Some((hour, day)) = e.kind().send_limits() {
                eprintln!("limits: {hour} per hour, {day} per day");
            }
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{e} ({})", e.send_state());
            std::process::exit(1);
        }
    }
    Ok(())
}
