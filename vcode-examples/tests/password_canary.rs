//! A canary password never appears in `Debug`, `Display`, a dry run, a validation error, an
//! error of any kind, or any trace, for both operations that take a password (BSS
//! `CreateSubCustomer`, Tencent `CreateAccount`). The CLI's side is in `vcode-cli/tests/cli.rs`.

mod common;

use std::time::Duration;

use vcode_core::{ErrorReport, Password, RetryPolicy};
use vcode_sandbox::{DropPoint, Fault, Route, Sandbox};

const CANARY: &str = "Canary42!Zq";

/// Everything an error shows.
fn shown_error<E: std::error::Error + 'static>(e: &E) -> Vec<String> {
    vec![
        e.to_string(),
        format!("{e:?}"),
        format!("{e:#?}"),
        ErrorReport(e).to_string(),
    ]
}

fn bss_builder(password: &str) -> huawei_bss::CreateSubCustomerInputBuilder {
    huawei_bss::CreateSubCustomerInput::builder()
        .domain_name("canary_customer")
        .domain_area("MX")
        .xaccount_id("canary-1")
        .xaccount_type("platform")
        .password(password)
}

fn tencent_builder(password: &str, confirm: &str) -> tencent_partners::CreateAccountInputBuilder {
    common::create_account_builder()
        .account_type(tencent_partners::AccountType::Personal)
        .mail("canary@example.com")
        .password(password)
        .confirm_password(confirm)
}

#[tokio::test]
async fn the_password_never_leaves_the_request_body() {
    let (captured, _guard) = common::capture_traces();

    let sandbox = Sandbox::start().await.expect("sandbox");
    let url = sandbox.base_url();
    let mut shown = vec![format!("{:?}", Password::new(CANARY))];

    let bss = huawei_bss::Client::builder()
        .endpoint(url)
        .credentials(
            huawei_bss::HuaweiAkSk::new(
                vcode_sandbox::HUAWEI_ACCESS_KEY,
                vcode_sandbox::HUAWEI_SECRET_KEY,
            )
            .with_domain_id(vcode_sandbox::HUAWEI_DOMAIN_ID),
        )
        .attempt_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    let tencent = tencent_partners::Client::builder()
        .endpoint(url)
        .credentials(tencent_partners::TencentCredentials::new(
            vcode_sandbox::TENCENT_SECRET_ID,
            vcode_sandbox::TENCENT_SECRET_KEY,
        ))
        .attempt_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");

    // Builders, inputs, validation errors (a password that breaks each rule).
    shown.push(format!("{:?}", bss_builder(CANARY)));
    shown.push(format!("{:?}", tencent_builder(CANARY, CANARY)));
    let bss_input = bss_builder(CANARY).build().expect("valid");
    let tencent_input = tencent_builder(CANARY, CANARY).build().expect("valid");
    shown.push(format!("{bss_input:?}"));
    shown.push(format!("{bss_input:#?}"));
    shown.push(format!("{tencent_input:?}"));
    // Too short; the account name; its reverse.
    for weak in ["Canary4", "canary_customer", "remotsuc_yranac"] {
        shown.extend(shown_error(&bss_builder(weak).build().expect_err(weak)));
    }
    // No symbol; a space; too short; not confirmed.
    for (weak, confirm) in [
        ("Canary42", "Canary42"),
        ("Canary42 Zq!", "Canary42 Zq!"),
        ("Canar4!", "Canar4!"),
        (CANARY, "Canary42!Zz"),
    ] {
        shown.extend(shown_error(
            &tencent_builder(weak, confirm).build().expect_err(weak),
        ));
    }

    // Dry runs: Display, Debug, body.
    let dry_runs = [
        bss.dry_run(&bss_input).await.expect("prepared"),
        tencent.dry_run(&tencent_input).await.expect("prepared"),
    ];
    for dry in dry_runs {
        assert!(dry.to_string().contains("[REDACTED]"));
        shown.push(dry.to_string());
        shown.push(format!("{dry:?}"));
        shown.push(String::from_utf8_lossy(dry.body()).into_owned());
    }

    // Success, a vendor error, an unreadable answer, a timeout, a dropped connection.
    let created = bss.send(&bss_input).await.expect("created");
    shown.push(format!("{created:?}"));
    shown.extend(shown_error(&bss.send(&bss_input).await.expect_err("taken")));
    shown.extend(shown_error(
        &tencent.send(&tencent_input).await.expect_err("no code"),
    ));
    for fault in [
        Fault::respond(200, format!(r#"{{"echo":"{CANARY}"}}"#)),
        Fault::latency(Duration::from_secs(2)),
        Fault::drop_connection(DropPoint::AfterReading),
    ] {
        sandbox.inject(Route::HuaweiBssCreate, fault.clone().times(1));
        sandbox.inject(Route::TencentPartners, fault.times(1));
        shown.extend(shown_error(&bss.send(&bss_input).await.expect_err("fault")));
        shown.extend(shown_error(
            &tencent.send(&tencent_input).await.expect_err("fault"),
        ));
    }

    let traces = captured.text();
    assert!(
        traces.contains("CreateSubCustomer") && traces.contains("CreateAccount"),
        "{traces}"
    );
    shown.push(traces);
    for text in &shown {
        assert!(!text.contains(CANARY), "the canary password in {text}");
        assert!(
            !text.contains("Canary42"),
            "part of the canary password in {text}"
        );
    }
}
