//! Texts a CEC one-click-trial verification code.
//!
//! ```sh
//! export VCODE_PHONE=+8613800000000
//! export VCODE_CEC_DOMAIN=service.besclouds.com   # your deployment's domain, or:
//! export VCODE_ENDPOINT=http://127.0.0.1:8080     # a sandbox or proxy
//! cargo run -p vcode-examples --example cec_trial
//! ```

use cec_trial::{Client, GenerateVerifyCodeError};
use vcode_examples::required_env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let phone = required_env("VCODE_PHONE", "the mobile number to text")?;
    let builder = match std::env::var("VCODE_ENDPOINT") {
        Ok(endpoint) => Client::builder().endpoint(endpoint),
        Err(_) => Client::builder().domain(required_env(
            "VCODE_CEC_DOMAIN",
            "the CEC deployment's domain (or VCODE_ENDPOINT to a URL)",
        )?),
    };
    let client = builder.build()?;
    match cec_trial::GenerateVerifyCodeInput::builder()
        .phone(phone)
        .send(&client)
        .await
    {
        Ok(sent) => println!("code sent: {}", sent.ret_msg()),
        Err(e) => {
            if let (Some(GenerateVerifyCodeError::CodeAlreadyExists), Some(wait)) =
                (e.kind(), e.retry_after())
            {
                eprintln!("a code already exists; try again in {} s", wait.as_secs());
            } else {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    }
    Ok(())
}
