//! All four clients from one shared configuration, against the embedded sandbox: both vendors'
//! credentials, one HTTP client (one connection pool), timeouts, retry policy and a user-agent
//! suffix are set once; each client adds only its endpoint. One call per client overrides its
//! timeout for that call alone.
//!
//! ```sh
//! cargo run --example shared_config
//! ```
//!
//! In production, `SdkConfig::from_env()?` reads the settings from the environment
//! (`VCODE_TOTAL_TIMEOUT_SECS`, ...), and each family's clients share its credential chain
//! (environment, profile file, instance metadata), resolved once for all of them;
//! `config.preload::<HuaweiFamily>().await?` reads a family's at start-up.

use std::error::Error;
use std::time::Duration;

use vcode_core::{CallOptions, RetryPolicy, SdkConfig};
use vcode_huawei::HuaweiAkSk;
use vcode_sandbox::Sandbox;
use vcode_tencent::TencentCredentials;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let sandbox = Sandbox::start().await?;
    let url = sandbox.base_url();

    let shared = SdkConfig::builder()
        .credentials(
            HuaweiAkSk::new(
                vcode_sandbox::HUAWEI_ACCESS_KEY,
                vcode_sandbox::HUAWEI_SECRET_KEY,
            )
            .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
        )
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .http_client(
            vcode_core::reqwest::Client::builder()
                .redirect(vcode_core::reqwest::redirect::Policy::none())
                .build()?,
        )
        .total_timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::standard().with_max_attempts(2))
        .user_agent_suffix("shared-config-example/1.0")
        .build();

    // `sdk_config` first, then whatever this client does differently.
    let bss = huawei_bss::Client::builder()
        .sdk_config(&shared)
        .endpoint(url)
        .build()?;
    let ticket = huawei_ticket::Client::builder()
        .sdk_config(&shared)
        .endpoint(url)
        .build()?;
    let cec = cec_trial::Client::builder()
        .sdk_config(&shared)
        .endpoint(url)
        .build()?;
    let tencent = tencent_partners::Client::builder()
        .sdk_config(&shared)
        .endpoint(url)
        .build()?;

    let quick = CallOptions::new().total_timeout(Duration::from_secs(2));
    let identity = huawei_bss::CheckUserIdentityInput::builder()
        .email("someone@example.com")
        .build()?;
    println!(
        "huawei-bss        someone@example.com free: {}",
        bss.send_with(&identity, &quick).await?.is_available()
    );
    let need = huawei_ticket::CheckNeedVerifyInput::builder()
        .contact_way(huawei_ticket::ContactWay::Email)
        .contact_value("someone@example.com")
        .build()?;
    println!(
        "huawei-ticket     needs verifying: {}",
        ticket.send(&need).await?.need_verify()
    );
    let code = cec_trial::GenerateVerifyCodeInput::builder()
        .phone("+8613900000000")
        .build()?;
    println!("cec-trial         {}", cec.send(&code).await?.ret_msg());
    let countries = tencent
        .send(&tencent_partners::GetCountryCodesInput)
        .await?;
    println!(
        "tencent-partners  {} places accepted",
        countries.countries().len()
    );
    println!("\nfour clients, one configuration.");
    sandbox.shutdown().await;
    Ok(())
}
