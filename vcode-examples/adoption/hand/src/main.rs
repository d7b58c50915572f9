//! `SendVerifyCode` by hand: the body, the TC3-HMAC-SHA256 signature and the envelope's
//! error, to the endpoint given as the first argument.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

const SECRET_ID: &str = "AKIDSANDBOX000000000000000000000000";
const SECRET_KEY: &str = "sandbox-tencent-secret-key";
const SERVICE: &str = "intlpartnersmgt";
const HOST: &str = "intlpartnersmgt.tencentcloudapi.com";

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
fn date(unix: u64) -> String {
    let days = (unix / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: adoption-hand ENDPOINT")?;
    let body = serde_json::json!({"CountryCode": "852", "PhoneNum": "18888888888"}).to_string();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let day = date(timestamp);
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/json\nhost:{HOST}\n\ncontent-type;host\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let scope = format!("{day}/{SERVICE}/tc3_request");
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let key = hmac(&hmac(&hmac(format!("TC3{SECRET_KEY}").as_bytes(), &day), SERVICE), "tc3_request");
    let signature = hex::encode(hmac(&key, &to_sign));
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={SECRET_ID}/{scope}, SignedHeaders=content-type;host, Signature={signature}"
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = client
        .post(&endpoint)
        .header("content-type", "application/json")
        .header("host", HOST)
        .header("authorization", authorization)
        .header("x-tc-action", "SendVerifyCode")
        .header("x-tc-version", "2022-09-28")
        .header("x-tc-timestamp", timestamp.to_string())
        .header("x-tc-language", "en-US")
        .body(body)
        .send()
        .await?;
    let answer: serde_json::Value =
        serde_json::from_slice(&response.bytes().await?).unwrap_or_default();
    match answer["Response"]["Error"].as_object() {
        Some(error) => println!("failed: {} {}", error["Code"], error["Message"]),
        None => println!("sent: {}", answer["Response"]["RequestId"]),
    }
    Ok(())
}
