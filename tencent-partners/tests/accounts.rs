//! `CreateAccount`, `GetCountryCodes` and `GetTradeConfigList` against wiremock on 127.0.0.1.

mod common;

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};
use vcode_core::VendorCode;

use common::*;
use proptest::prelude::*;
use tencent_partners::{
    AccountField, AccountType, CatalogError, CommonError, CreateAccountError, CreateAccountInput,
    FailedOperation, FieldProblem, GetCountryCodesInput, GetTradeConfigListInput, InvalidParameter,
    InvalidParameterValue, RetryPolicy, SdkError, SendState,
};
use wiremock::ResponseTemplate;

const CANARY: &str = "Canary7731!";
const T: u64 = 1_795_336_200;

fn input() -> CreateAccountInput {
    CreateAccountInput::builder()
        .account_type(AccountType::Company)
        .mail("new@example.com")
        .password(CANARY)
        .confirm_password(CANARY)
        .phone_num("91234567")
        .country_code("65")
        .area("SG")
        .verify_code("123456")
        .trade_one("kghy_01")
        .trade_two("kghy_0101")
        .customer_name("Example Pte Ltd")
        .build()
        .expect("valid")
}

fn ok(data: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_string(format!(r#"{{"Response":{{{data}"RequestId":"req-ok"}}}}"#))
}

/// Issue 34: what the vendor returns reaches the caller unaltered: no cutting at 64
/// characters, no escaped quotes.
#[tokio::test]
async fn create_account_returns_the_vendors_values_unaltered() {
    let uin = "2".repeat(70);
    let reason = "bound to the partner's customer list";
    let server = server(ok(&format!(r#""Uin":"{uin}","Reason":"{reason}","#))).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    let out = client.send(&input()).await.expect("created");
    assert_eq!(out.uin(), uin);
    assert_eq!(out.reason(), Some(reason));
}

#[tokio::test]
async fn create_account_sends_every_field_signed_and_hides_the_passwords() {
    let server = server(ok(r#""Uin":"200000123456","Reason":"success","#)).await;
    let client = builder(&server)
        .clock(Arc::new(FixedClock(T)))
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client");
    let input = input();
    assert!(!format!("{input:?}").contains(CANARY));
    let out = client.send(&input).await.expect("created");
    assert_eq!(out.uin(), "200000123456");
    assert_eq!(out.reason(), Some("success"));
    assert_eq!(out.request_id(), Some("req-ok"));
    let requests = requests(&server).await;
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/");
    assert_eq!(header(request, "x-tc-action"), Some("CreateAccount"));
    assert_eq!(header(request, "x-tc-version"), Some("2022-09-28"));
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        format!(
            r#"{{"AccountType":"company","Mail":"new@example.com","Password":"{CANARY}","ConfirmPassword":"{CANARY}","PhoneNum":"91234567","CountryCode":"65","Area":"SG","VerifyCode":"123456","TradeOne":"kghy_01","TradeTwo":"kghy_0101","CustomerName":"Example Pte Ltd"}}"#
        )
    );
    verify(request, UNIX_EPOCH + Duration::from_secs(T));

    let dry = client.dry_run(&input).await.expect("prepared").to_string();
    assert!(!dry.contains(CANARY), "{dry}");
    assert!(dry.contains(r#""Password":"[REDACTED]","ConfirmPassword":"[REDACTED]""#));
}

#[tokio::test]
async fn every_create_account_code_maps_to_a_typed_variant() {
    for code in CreateAccountError::documented_codes() {
        let server = server(ResponseTemplate::new(200).set_body_string(error_body(code))).await;
        let client = builder(&server).build().expect("client");
        let err = client.send(&input()).await.expect_err(code);
        let SdkError::Service(service) = err else {
            panic!("{code}: {err:?}")
        };
        assert_eq!(service.kind().code(), code);
        let untyped = matches!(
            service.kind(),
            CreateAccountError::Unknown(_)
                | CreateAccountError::InvalidParameter(InvalidParameter::Other(_))
                | CreateAccountError::InvalidParameterValue(InvalidParameterValue::Other(_))
                | CreateAccountError::FailedOperation(FailedOperation::Other(_))
        );
        assert!(!untyped, "{code} has its own variant");
        assert_eq!(requests(&server).await.len(), 1, "{code} is not retried");
    }
    assert_eq!(
        CreateAccountError::from_code("InvalidParameter.MailFormatIncorrect"),
        CreateAccountError::InvalidParameter(InvalidParameter::Field(
            AccountField::Mail,
            FieldProblem::FormatIncorrect
        ))
    );
    assert_eq!(
        CreateAccountError::from_code("InvalidParameterValue.PhoneNumEmpty").field(),
        Some(AccountField::PhoneNum)
    );
    assert_eq!(
        CreateAccountError::from_code("FailedOperation.VerificationCodeIllegal"),
        CreateAccountError::FailedOperation(FailedOperation::VerificationCodeIllegal)
    );
    assert_eq!(
        CreateAccountError::from_code("InternalError"),
        CreateAccountError::Common(CommonError::InternalError)
    );
}

#[tokio::test]
async fn a_create_that_may_have_been_sent_is_never_retried() {
    let server = server(ok(r#""Uin":"1","#).set_delay(Duration::from_secs(2))).await;
    let client = builder(&server)
        .attempt_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(1)))
        .build()
        .expect("client");
    let err = client.send(&input()).await.expect_err("timeout");
    assert_eq!(err.send_state(), SendState::MaybeSent);
    assert!(!err.to_string().contains(CANARY));
    assert!(!format!("{err:?}").contains(CANARY));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn catalogues_decode_and_check_choices() {
    let countries = server(ok(
        r#""Data":[{"Code":"65","EnName":"Singapore","IOS2":"SG","IOS3":"SGP","Name":"新加坡"},{"Code":"852","EnName":"Hong Kong","IOS2":"HK","IOS3":"HKG","Name":"香港"}],"#,
    ))
    .await;
    let trades = server(ok(
        r#""TradeList":[{"Id":"kghy_01","Name":"Tech","Children":[{"Id":"kghy_0101","Name":"Software","TradeInfo":""}]}],"#,
    ))
    .await;
    let countries_out = GetCountryCodesInput
        .send(&builder(&countries).build().expect("client"))
        .await
        .expect("countries");
    let trades_out = GetTradeConfigListInput
        .send(&builder(&trades).build().expect("client"))
        .await
        .expect("trades");
    assert_eq!(
        countries_out.by_iso2("HK").map(|c| c.code.as_str()),
        Some("852")
    );
    assert!(trades_out.contains("kghy_01", "kghy_0101"));
    assert!(!trades_out.contains("kghy_01", "kghy_0201"));
    let request = &requests(&countries).await[0];
    assert_eq!(header(request, "x-tc-action"), Some("GetCountryCodes"));
    assert_eq!(request.body, b"{}");
    assert_eq!(
        header(&requests(&trades).await[0], "x-tc-action"),
        Some("GetTradeConfigList")
    );

    input()
        .check_choices(&countries_out, &trades_out)
        .expect("valid choices");
    let wrong = CreateAccountInput::builder()
        .account_type(AccountType::Personal)
        .mail("a@example.com")
        .password(CANARY)
        .confirm_password(CANARY)
        .phone_num("91234567")
        .country_code("852")
        .area("SG")
        .verify_code("123456")
        .trade_one("kghy_01")
        .trade_two("kghy_0201")
        .build()
        .expect("valid shape");
    let err = wrong
        .check_choices(&countries_out, &trades_out)
        .expect_err("wrong choices");
    let fields: Vec<_> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(fields, ["Area", "TradeTwo"]);

    let busy = server(
        ResponseTemplate::new(200).set_body_string(error_body("OperationDenied.ServiceBusy")),
    )
    .await;
    let err = GetTradeConfigListInput
        .send(&builder(&busy).build().expect("client"))
        .await
        .expect_err("busy");
    let SdkError::Service(service) = err else {
        panic!()
    };
    assert_eq!(service.kind(), &CatalogError::ServiceBusy);
    // A success without Data is not the documented answer.
    let empty = server(ok("")).await;
    let err = GetCountryCodesInput
        .send(&builder(&empty).build().expect("client"))
        .await
        .expect_err("no data");
    assert!(matches!(err, SdkError::Response(_)));
}

#[test]
fn create_rules_name_each_field_and_never_show_secrets() {
    let err = CreateAccountInput::builder()
        .mail("not-an-address")
        .password("short")
        .confirm_password("other")
        .phone_num("9123 4567")
        .country_code("86")
        .area("sg")
        .verify_code("12345")
        .trade_one("kghy_01")
        .customer_name("12345")
        .build()
        .expect_err("invalid");
    let fields: Vec<_> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(
        fields,
        [
            "AccountType",
            "Mail",
            "Password",
            "ConfirmPassword",
            "PhoneNum",
            "CountryCode",
            "Area",
            "VerifyCode",
            "TradeTwo",
            "CustomerName"
        ]
    );
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("short") && !shown.contains("other") && !shown.contains("12345"));
}

fn policy_holds(password: &str) -> bool {
    let symbol = |c: char| "!@#$%^&*()".contains(c);
    (8..=20).contains(&password.chars().count())
        && password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || symbol(c))
        && password.chars().any(|c| c.is_ascii_alphabetic())
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(symbol)
}

proptest! {
    #[test]
    fn the_password_policy_is_exactly_the_documented_one(password in "[a-zA-Z0-9!@#$ _.]{0,24}") {
        let built = CreateAccountInput::builder()
            .account_type(AccountType::Personal)
            .mail("a@example.com")
            .password(password.as_str())
            .confirm_password(password.as_str())
            .phone_num("91234567")
            .country_code("65")
            .area("SG")
            .verify_code("123456")
            .trade_one("kghy_01")
            .trade_two("kghy_0101")
            .build();
        prop_assert_eq!(built.is_ok(), policy_holds(&password), "{}", password);
    }
}
