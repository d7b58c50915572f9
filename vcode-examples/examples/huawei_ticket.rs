//! Sends an OSM contact verification code, then checks the code typed on stdin.
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_DOMAIN_ID=...
//! export VCODE_PHONE=13800000000 VCODE_AREA_CODE=86
//! export VCODE_ENDPOINT=http://127.0.0.1:8080   # optional: a sandbox or proxy
//! cargo run -p vcode-examples --example huawei_ticket
//! ```

use huawei_ticket::{Client, ContactWay, Site, VerifyCodesError};
use vcode_examples::required_env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let phone = required_env("VCODE_PHONE", "the phone number to text (digits only)")?;
    let area_code = required_env("VCODE_AREA_CODE", "the country calling code, such as 86")?;
    let mut builder = Client::builder();
    if let Ok(endpoint) = std::env::var("VCODE_ENDPOINT") {
        builder = builder.endpoint(endpoint);
    }
    let client = builder.build()?;

    let sent = huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value(&phone)
        .area_code(&area_code)
        .site(Site::International)
        .language("en-us")
        .send(&client)
        .await;
    if let Err(e) = sent {
        if e.kind() == Some(&VerifyCodesError::ResentTooOften) {
            eprintln!("a code was sent less than a minute ago; try again in 60 s");
        } else {
            eprintln!("{e}");
        }
        std::process::exit(1);
    }
    println!("code sent; type it and press enter:");
    let mut code = String::new();
    std::io::stdin().read_line(&mut code)?;
    match huawei_ticket::CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value(&phone)
        .area_code(&area_code)
        .verify_code(code.trim())
        .send(&client)
        .await
    {
        Ok(_) => println!("verified"),
        Err(e) => {
            eprintln!("not verified: {e}");
            std::process::exit(1);
        }
    }
    Ok(())
}
