//! What the sandbox tests share: clients that sign with the sandbox's clock.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use vcode_core::RetryPolicy;
use vcode_huawei::{HuaweiAkSk, HuaweiClientBuilderExt};
use vcode_sandbox::{Sandbox, SandboxClock};
use vcode_tencent::TencentCredentials;

/// Lets clients sign with the sandbox's (manual) clock, so advancing it does not skew them.
#[derive(Debug)]
pub struct Follow(pub SandboxClock);

impl vcode_core::Clock for Follow {
    fn now(&self) -> SystemTime {
        self.0.now()
    }
}

/// A fixed offset from the system clock.
#[derive(Debug)]
pub struct Skewed(pub i64);

impl vcode_core::Clock for Skewed {
    fn now(&self) -> SystemTime {
        let d = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            SystemTime::now() + d
        } else {
            SystemTime::now() - d
        }
    }
}

pub async fn manual_sandbox() -> Sandbox {
    Sandbox::builder()
        .clock(SandboxClock::manual(SystemTime::now()))
        .start()
        .await
        .expect("sandbox starts")
}

pub fn bss(sandbox: &Sandbox, secret: &str) -> huawei_bss::Client {
    huawei_bss::Client::builder()
        .endpoint(sandbox.base_url())
        .iam_endpoint(sandbox.base_url())
        .credentials(HuaweiAkSk::new(vcode_sandbox::HUAWEI_ACCESS_KEY, secret))
        .clock(Arc::new(Follow(sandbox.clock().clone())))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client")
}

pub fn ticket(sandbox: &Sandbox) -> huawei_ticket::Client {
    huawei_ticket::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(
            HuaweiAkSk::new(
                vcode_sandbox::HUAWEI_ACCESS_KEY,
                vcode_sandbox::HUAWEI_SECRET_KEY,
            )
            .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
        )
        .clock(Arc::new(Follow(sandbox.clock().clone())))
        .build()
        .expect("client")
}

pub fn cec(sandbox: &Sandbox) -> cec_trial::Client {
    cec_trial::Client::builder()
        .endpoint(sandbox.base_url())
        .build()
        .expect("client")
}

pub fn tencent(sandbox: &Sandbox, key: &str) -> tencent_partners::ClientBuilder {
    tencent_partners::Client::builder()
        .endpoint(sandbox.base_url())
        .credentials(TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            key,
        ))
        .clock(Arc::new(Follow(sandbox.clock().clone())))
}

/// A valid password for both create operations.
pub const PASSWORD: &str = "Passw0rd!Passw0rd";

/// A `CreateAccount` builder with every required field valid.
pub fn create_account_builder() -> tencent_partners::CreateAccountInputBuilder {
    tencent_partners::CreateAccountInput::builder()
        .account_type(tencent_partners::AccountType::Company)
        .mail("new@example.com")
        .password(PASSWORD)
        .confirm_password(PASSWORD)
        .phone_num("91234567")
        .country_code("65")
        .area("SG")
        .verify_code("123456")
        .trade_one("kghy_01")
        .trade_two("kghy_0101")
}

/// Texts a Tencent code to `+65 phone` through `client` and reads it from the outbox.
pub async fn tencent_code(
    sandbox: &Sandbox,
    client: &tencent_partners::Client,
    phone: &str,
) -> String {
    tencent_partners::SendVerifyCodeInput::builder()
        .country_code("65")
        .phone_num(phone)
        .send(client)
        .await
        .expect("sent");
    sandbox
        .latest_code(
            vcode_sandbox::Vendor::TencentPartners,
            vcode_sandbox::Recipient::Phone {
                calling_code: "65",
                number: phone,
            },
        )
        .expect("texted")
}

/// Every trace of this thread at any level, from [`capture_traces`] until its guard drops.
#[derive(Clone, Default)]
pub struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    /// What was traced so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts capturing every trace (spans closing included) into a [`Captured`] until the guard
/// drops. Callsites other tests of the binary met first, with no subscriber, are asked again.
pub fn capture_traces() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    tracing::callsite::rebuild_interest_cache();
    (captured, guard)
}
