//! `SendVerifyCode` through the SDK, to the endpoint given as the first argument.

use tencent_partners::{Client, SendVerifyCodeInput, TencentCredentials};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: adoption-sdk ENDPOINT")?;
    let client = Client::builder()
        .endpoint(endpoint)
        .credentials(TencentCredentials::new(
            "AKIDSANDBOX000000000000000000000000",
            "sandbox-tencent-secret-key",
        ))
        .build()?;
    let input = SendVerifyCodeInput::builder()
        .country_code("852")
        .phone_num("18888888888")
        .build()?;
    match client.send(&input).await {
        Ok(output) => println!("sent: {output:?}"),
        Err(e) => println!("failed: {e}"),
    }
    Ok(())
}
