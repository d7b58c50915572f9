//! Texts a Tencent Cloud International Partners verification code.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...
//! export VCODE_COUNTRY_CODE=852 VCODE_PHONE=18888888888
//! export VCODE_ENDPOINT=http://127.0.0.1:8080   # optional: a sandbox or proxy
//! cargo run -p vcode-examples --example tencent_partners
//! ```

use tencent_partners::{Client, DOCUMENTED_RATE_LIMIT, Language, TencentClientBuilderExt};
use vcode_examples::required_env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let country_code = required_env("VCODE_COUNTRY_CODE", "the calling code, such as 852")?;
    let phone = required_env("VCODE_PHONE", "the number without the calling code")?;
    let mut builder = Client::builder()
        .language(Language::EnUs)
        .rate_limit(DOCUMENTED_RATE_LIMIT);
    if let Ok(endpoint) = std::env::var("VCODE_ENDPOINT") {
        builder = builder.endpoint(endpoint);
    }
    let client = builder.build()?;
    match tencent_partners::SendVerifyCodeInput::builder()
        .country_code(country_code)
        .phone_num(phone)
        .send(&client)
        .await
    {
        Ok(sent) => println!(
            "code sent (request id {})",
            sent.request_id().unwrap_or("-")
        ),
        Err(e) => {
            eprintln!("{e}");
            if let Some(wait) = e.retry_after() {
                eprintln!("try again in {} s", wait.as_secs());
            }
            std::process::exit(1);
        }
    }
    Ok(())
}
