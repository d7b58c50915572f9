//! Live tests against the real vendors. Ignored by default: each sends a real code.
//!
//! ```sh
//! # credentials as the official SDKs read them, plus a recipient you own:
//! VCODE_LIVE_EMAIL=you@example.com cargo test -p vcode-examples --test live -- --ignored bss
//! ```
//! Run without the variables, a test fails and says what to set.

use vcode_examples::required_env;

fn need(name: &str, what: &str) -> String {
    required_env(name, what).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
#[ignore = "sends a real email; needs Huawei credentials and VCODE_LIVE_EMAIL"]
async fn bss_live() {
    let email = need("VCODE_LIVE_EMAIL", "an address you own");
    let client = huawei_bss::Client::builder().build().expect("client");
    let sent = huawei_bss::SendVerificationCodeInput::builder()
        .email(email)
        .send(&client)
        .await
        .expect("sent");
    assert!(sent.request_id().is_some());
}

#[tokio::test]
#[ignore = "sends a real SMS; needs Huawei credentials, VCODE_LIVE_PHONE and VCODE_LIVE_AREA_CODE"]
async fn ticket_live() {
    let phone = need("VCODE_LIVE_PHONE", "a phone number you own (digits)");
    let area = need("VCODE_LIVE_AREA_CODE", "its calling code, such as 86");
    let client = huawei_ticket::Client::builder().build().expect("client");
    huawei_ticket::SendVerifyCodesInput::builder()
        .contact_way(huawei_ticket::ContactWay::Sms)
        .contact_value(phone)
        .area_code(area)
        .send(&client)
        .await
        .expect("sent");
}

#[tokio::test]
#[ignore = "sends a real SMS; needs VCODE_LIVE_CEC_DOMAIN and VCODE_LIVE_PHONE"]
async fn cec_live() {
    let domain = need("VCODE_LIVE_CEC_DOMAIN", "your CEC deployment's domain");
    let phone = need("VCODE_LIVE_PHONE", "a phone number you own");
    let client = cec_trial::Client::builder()
        .domain(domain)
        .build()
        .expect("client");
    cec_trial::GenerateVerifyCodeInput::builder()
        .phone(phone)
        .send(&client)
        .await
        .expect("sent");
}

#[tokio::test]
#[ignore = "sends a real SMS; needs Tencent credentials, VCODE_LIVE_COUNTRY_CODE and VCODE_LIVE_PHONE"]
async fn tencent_live() {
    let country = need("VCODE_LIVE_COUNTRY_CODE", "a calling code such as 852");
    let phone = need(
        "VCODE_LIVE_PHONE",
        "a phone number you own, without the calling code",
    );
    let client = tencent_partners::Client::builder().build().expect("client");
    let sent = tencent_partners::SendVerifyCodeInput::builder()
        .country_code(country)
        .phone_num(phone)
        .send(&client)
        .await
        .expect("sent");
    assert!(sent.request_id().is_some_and(|id| !id.is_empty()));
}
