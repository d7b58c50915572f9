//! `CheckUserIdentity`, `CreateSubCustomer` and `ListSubCustomers` against wiremock on
//! 127.0.0.1: the exact wire request and every documented code's mapping.

mod common;

use std::time::Duration;
use vcode_core::VendorCode;

use common::*;
use huawei_bss::{
    Association, AssociationType, CheckResult, CheckUserIdentityInput, Client, CommonError,
    CreateSubCustomerError, CreateSubCustomerInput, HuaweiAkSk, ListSubCustomersInput, QueryError,
    RetryPolicy, SdkError, SendState,
};
use wiremock::ResponseTemplate;

const CANARY: &str = "Canary-Pw-7731!";

fn aksk() -> HuaweiAkSk {
    HuaweiAkSk::new(AK, SK).with_domain_id("partner-domain")
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json")
        .insert_header("x-request-id", "req-1")
        .set_body_string(body)
}

fn create_input() -> CreateSubCustomerInput {
    CreateSubCustomerInput::builder()
        .domain_name("new_customer-01")
        .email("new@example.com")
        .verification_code("123456")
        .domain_area("MX")
        .xaccount_id("partner-user-1")
        .xaccount_type("partner_platform")
        .password(CANARY)
        .close_marketing_messages(true)
        .build()
        .expect("valid")
}

#[tokio::test]
async fn check_identity_sends_the_documented_body_and_cbc_0000_is_success() {
    let server = server_at(
        "/v2/partners/sub-customers/users/check-identity",
        json(
            200,
            r#"{"error_code":"CBC.0000","error_msg":"success","check_result":"available","mobile_remain_available_num":4}"#,
        ),
    )
    .await;
    let out = CheckUserIdentityInput::builder()
        .mobile("0065-91234567")
        .send(&client(&server, aksk()))
        .await
        .expect("success");
    assert!(out.is_available());
    assert_eq!(out.mobile_remain_available_num(), Some(4));
    assert_eq!(out.request_id(), Some("req-1"));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.body,
        br#"{"search_type":"mobile","search_value":"0065-91234567"}"#
    );
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "x-domain-id"), Some("partner-domain"));
    verify(&request);
}

#[tokio::test]
async fn check_identity_decodes_used_and_unknown_results_and_refuses_a_body_without_one() {
    for (body, expected) in [
        (
            r#"{"error_code":"CBC.0000","check_result":"used_by_user"}"#,
            Some(CheckResult::UsedByUser),
        ),
        (
            r#"{"check_result":"frozen"}"#,
            Some(CheckResult::Other("frozen".into())),
        ),
        (r#"{"error_code":"CBC.0000","error_msg":"success"}"#, None),
        (r#"[1]"#, None),
    ] {
        let server = server_at(
            "/v2/partners/sub-customers/users/check-identity",
            json(200, body),
        )
        .await;
        let result = CheckUserIdentityInput::builder()
            .email("a@example.com")
            .send(&client(&server, aksk()))
            .await;
        match expected {
            Some(result_value) => assert_eq!(result.expect(body).check_result(), &result_value),
            None => assert!(matches!(result, Err(SdkError::Response(_))), "{body}"),
        }
    }
}

#[tokio::test]
async fn every_common_code_maps_for_the_queries() {
    for (status, code, expected) in [
        (
            400,
            "CBC.0100",
            QueryError::Common(CommonError::InvalidParameter),
        ),
        (403, "CBC.0150", QueryError::Common(CommonError::WrongSite)),
        (403, "CBC.0156", QueryError::Common(CommonError::WrongSite)),
        (
            403,
            "CBC.0151",
            QueryError::Common(CommonError::AccessDenied),
        ),
        (
            401,
            "CBC.0154",
            QueryError::Common(CommonError::TokenInvalid),
        ),
        (
            500,
            "CBC.0999",
            QueryError::Common(CommonError::InternalError),
        ),
        (400, "CBC.4242", QueryError::Unknown("CBC.4242".into())),
    ] {
        let body = format!(r#"{{"error_code":"{code}","error_msg":"no"}}"#);
        let server = server_at("/v2/partners/sub-customers/query", json(status, &body)).await;
        let err = ListSubCustomersInput::builder()
            .account_name("someone")
            .send(&client(&server, aksk()))
            .await
            .expect_err("error");
        let SdkError::Service(service) = err else {
            panic!("{code}: {err:?}")
        };
        assert_eq!(service.kind(), &expected, "{code}");
        assert_eq!(service.http_status(), status);
    }
}

#[tokio::test]
async fn create_sends_every_field_with_the_password_and_debug_hides_it() {
    let server = server_at(
        "/v2/partners/sub-customers",
        json(
            200,
            r#"{"domain_id":"d-1","domain_name":"new_customer-01"}"#,
        ),
    )
    .await;
    let input = create_input();
    assert!(!format!("{input:?}").contains(CANARY));
    assert!(!format!("{input:?}").contains("123456"));
    let client = client(&server, aksk());
    let out = client.send(&input).await.expect("created");
    assert_eq!(out.domain_id(), "d-1");
    assert_eq!(out.domain_name(), "new_customer-01");
    assert_eq!(out.association(), Association::Requested);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        format!(
            r#"{{"domain_name":"new_customer-01","email":"new@example.com","verification_code":"123456","domain_area":"MX","xaccount_id":"partner-user-1","xaccount_type":"partner_platform","password":"{CANARY}","is_close_market_ms":"true"}}"#
        )
    );
    verify(&request);

    // A dry run shows the same body with the password redacted.
    let dry = client.dry_run(&input).await.expect("prepared");
    let shown = dry.to_string();
    assert!(!shown.contains(CANARY), "{shown}");
    assert!(shown.contains(r#""password":"[REDACTED]","is_close_market_ms":"true"}"#));
    assert!(!format!("{dry:?}").contains(CANARY));
}

#[tokio::test]
async fn cbc_99000050_is_a_created_customer_and_is_never_retried() {
    let server = server_at(
        "/v2/partners/sub-customers",
        json(
            500,
            r#"{"error_code":"CBC.99000050","error_msg":"association timed out","domain_id":"d-9","domain_name":"new_customer-01"}"#,
        ),
    )
    .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(aksk())
        .retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(1)))
        .build()
        .expect("client");
    let out = client.send(&create_input()).await.expect("created");
    assert_eq!(out.association(), Association::Pending);
    assert_eq!(out.domain_id(), "d-9");
    assert_eq!(out.domain_name(), "new_customer-01");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn a_create_that_may_have_been_sent_is_never_retried() {
    for template in [
        // A 5xx without the created ids: maybe processed.
        json(503, r#"{"error_code":"CBC.0999","error_msg":"busy"}"#),
        // Slower than the attempt timeout.
        json(200, r#"{"domain_id":"d-1","domain_name":"x"}"#).set_delay(Duration::from_secs(2)),
    ] {
        let server = server_at("/v2/partners/sub-customers", template).await;
        let client = Client::builder()
            .endpoint(server.uri())
            .credentials(aksk())
            .attempt_timeout(Duration::from_millis(300))
            .retry_policy(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(1)))
            .build()
            .expect("client");
        let err = client.send(&create_input()).await.expect_err("fails");
        assert_ne!(err.send_state(), SendState::NotSent);
        assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
        assert!(!err.to_string().contains(CANARY));
        assert!(!format!("{err:?}").contains(CANARY));
    }
}

#[tokio::test]
async fn every_create_code_maps() {
    for code in CreateSubCustomerError::documented_codes() {
        let body = format!(r#"{{"error_code":"{code}","error_msg":"no"}}"#);
        let server = server_at("/v2/partners/sub-customers", json(400, &body)).await;
        let err = client(&server, aksk())
            .send(&create_input())
            .await
            .expect_err("error");
        let SdkError::Service(service) = err else {
            panic!("{code}")
        };
        assert_eq!(service.kind().code(), code);
        assert!(
            !matches!(service.kind(), CreateSubCustomerError::Unknown(_)),
            "{code} has a variant"
        );
    }
    assert_eq!(
        CreateSubCustomerError::from_code("CBC.99000038"),
        CreateSubCustomerError::DomainNameExists
    );
    assert_eq!(
        CreateSubCustomerError::from_code("CBC.99000030"),
        CreateSubCustomerError::MobileRegistrationLimit
    );
    assert_eq!(
        CreateSubCustomerError::from_code("CBC.0154"),
        CreateSubCustomerError::Common(CommonError::TokenInvalid)
    );
}

#[tokio::test]
async fn list_sends_its_filters_and_decodes_customers() {
    let server = server_at(
        "/v2/partners/sub-customers/query",
        json(
            200,
            r#"{"count":1,"customer_infos":[{"account_name":"new_customer-01","customer_id":"d-9","customer":"Jane Roe","associated_on":"2026-11-22T08:30:00Z","association_type":"3","xaccount_id":"partner-user-1"}]}"#,
        ),
    )
    .await;
    let out = ListSubCustomersInput::builder()
        .account_name("new_customer-01")
        .offset(0)
        .limit(10)
        .send(&client(&server, aksk()))
        .await
        .expect("listed");
    assert_eq!(out.count(), 1);
    let found = out.find_by_account_name("new_customer-01").expect("found");
    assert_eq!(found.customer_id, "d-9");
    assert!(!format!("{found:?}").contains("Jane Roe"));
    let request = only_request(&server).await;
    assert_eq!(
        request.body,
        br#"{"account_name":"new_customer-01","offset":0,"limit":10}"#
    );
    verify(&request);
}

/// Issue 34: `"error_code": "CBC.0000"` is Huawei's success code. A 200 carrying it is a
/// success on every BSS operation; reporting a created customer as a failure invites a
/// duplicate.
/// Issue 34: the ids the vendor returns reach the caller unaltered (no cutting at 64
/// characters, no escaped quotes).
/// Issue 34: every filter of the official `QuerySubCustomerListReq` is sent as set, and every
/// field of `CustomerInformation` decodes.
#[tokio::test]
async fn list_sends_every_filter_and_decodes_every_field() {
    let server = server_at(
        "/v2/partners/sub-customers/query",
        json(
            200,
            r#"{"count":1,"customer_infos":[{"customer":"Jane Roe","account_name":"acme_01","customer_id":"d-9","associated_on":"2026-11-22T08:30:00Z","association_type":"3","label":"vip","telephone":"91234567","verified_status":"2","country_code":"0065","customer_type":1,"is_frozen":0,"account_managers":[{"account_name":"am_lee"}],"xaccount_id":"partner-user-1","xaccount_type":"partner_platform","customer_level":"V2","email":"jane@example.com"}]}"#,
        ),
    )
    .await;
    let out = ListSubCustomersInput::builder()
        .account_name("acme_01")
        .customer("Jane")
        .offset(40_000_000)
        .limit(100)
        .label("vip")
        .association_type(AssociationType::Reseller)
        .associated_on_begin("2026-11-01T00:00:00Z")
        .associated_on_end("2026-11-30T23:59:59Z")
        .customer_id("d-9")
        .indirect_partner_id("reseller-1")
        .send(&client(&server, aksk()))
        .await
        .expect("listed");
    let request = only_request(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        r#"{"account_name":"acme_01","customer":"Jane","offset":40000000,"limit":100,"label":"vip","association_type":"3","associated_on_begin":"2026-11-01T00:00:00Z","associated_on_end":"2026-11-30T23:59:59Z","customer_id":"d-9","indirect_partner_id":"reseller-1"}"#
    );
    let c = &out.customers()[0];
    assert_eq!(c.customer.as_deref(), Some("Jane Roe"));
    assert_eq!(c.telephone.as_deref(), Some("91234567"));
    assert_eq!(c.verified_status.as_deref(), Some("2"));
    assert_eq!(c.country_code.as_deref(), Some("0065"));
    assert_eq!(c.customer_type, Some(1));
    assert_eq!(c.is_frozen, Some(0));
    assert_eq!(c.account_managers.len(), 1);
    assert_eq!(
        c.account_managers[0].account_name.as_deref(),
        Some("am_lee")
    );
    assert_eq!(c.xaccount_type.as_deref(), Some("partner_platform"));
    assert_eq!(c.customer_level.as_deref(), Some("V2"));
    assert_eq!(c.email.as_deref(), Some("jane@example.com"));
    assert_eq!(c.label.as_deref(), Some("vip"));
    // Personal data stays out of Debug.
    let shown = format!("{c:?}");
    for personal in ["Jane Roe", "91234567", "jane@example.com"] {
        assert!(!shown.contains(personal), "{shown}");
    }
}

/// Issue 34: the reference's rules, neither stricter nor looser: `""` is no filter (sent as
/// given); `offset` at most 40,000,000; no spaces in the fuzzy name filters; times as
/// `YYYY-MM-DDThh:mm:ssZ`. Nothing is sent for a refused input.
#[tokio::test]
async fn list_filters_follow_the_reference() {
    let empty = ListSubCustomersInput::builder()
        .account_name("")
        .customer("")
        .customer_id("")
        .build()
        .expect("\"\" is no filter");
    let server = server_at(
        "/v2/partners/sub-customers/query",
        json(200, r#"{"count":0,"customer_infos":[]}"#),
    )
    .await;
    client(&server, aksk()).send(&empty).await.expect("listed");
    assert_eq!(
        String::from_utf8_lossy(&only_request(&server).await.body),
        r#"{"account_name":"","customer":"","customer_id":""}"#
    );
    for (builder, field) in [
        (
            ListSubCustomersInput::builder().offset(40_000_001),
            "offset",
        ),
        (ListSubCustomersInput::builder().limit(0), "limit"),
        (
            ListSubCustomersInput::builder().account_name("acme 01"),
            "account_name",
        ),
        (
            ListSubCustomersInput::builder().customer("Jane Roe"),
            "customer",
        ),
        (
            ListSubCustomersInput::builder().account_name("a".repeat(65)),
            "account_name",
        ),
        (
            ListSubCustomersInput::builder().associated_on_begin("2026-11-01 00:00:00"),
            "associated_on_begin",
        ),
        (
            ListSubCustomersInput::builder().associated_on_end("2026-13-01T00:00:00Z"),
            "associated_on_end",
        ),
    ] {
        let err = builder.build().expect_err(field);
        assert!(err.violation(field).is_some(), "{field}: {err}");
        assert!(!err.to_string().contains("Jane Roe"), "{err}");
    }
}

/// Issue 34: an empty `domain_name` is documented ("a random name is generated"), so it is
/// accepted and sent as given.
#[test]
fn an_empty_domain_name_is_the_vendors_random_name() {
    let input = CreateSubCustomerInput::builder()
        .domain_name("")
        .domain_area("MX")
        .xaccount_id("partner-user-1")
        .xaccount_type("partner_platform")
        .build()
        .expect("documented as valid");
    assert_eq!(input.domain_name(), Some(""));
}

#[tokio::test]
async fn create_returns_the_vendors_ids_unaltered() {
    let domain_id = "d".repeat(70);
    let domain_name = "customer's_account_name";
    let server = server_at(
        "/v2/partners/sub-customers",
        json(
            200,
            &format!(r#"{{"domain_id":"{domain_id}","domain_name":"{domain_name}"}}"#),
        ),
    )
    .await;
    let created = client(&server, aksk())
        .send(&create_input())
        .await
        .expect("created");
    assert_eq!(created.domain_id(), domain_id);
    assert_eq!(created.domain_name(), domain_name);
}

#[tokio::test]
async fn cbc_0000_is_success_on_every_bss_operation() {
    let send = server_at(
        "/v2/bases/verificationcode/send",
        json(200, r#"{"error_code":"CBC.0000","error_msg":"success"}"#),
    )
    .await;
    let sent = huawei_bss::SendVerificationCodeInput::builder()
        .email("a@b.co")
        .send(&client(&send, aksk()))
        .await
        .expect("sent");
    assert_eq!(sent.request_id(), Some("req-1"));

    let create = server_at(
        "/v2/partners/sub-customers",
        json(
            200,
            r#"{"error_code":"CBC.0000","error_msg":"success","domain_id":"d-1","domain_name":"new_customer-01"}"#,
        ),
    )
    .await;
    let created = client(&create, aksk())
        .send(&create_input())
        .await
        .expect("created");
    assert_eq!(created.domain_id(), "d-1");
    assert_eq!(created.association(), Association::Requested);

    let list = server_at(
        "/v2/partners/sub-customers/query",
        json(
            200,
            r#"{"error_code":"CBC.0000","error_msg":"success","count":0,"customer_infos":[]}"#,
        ),
    )
    .await;
    let listed = ListSubCustomersInput::builder()
        .send(&client(&list, aksk()))
        .await
        .expect("listed");
    assert_eq!(listed.count(), 0);

    let check = server_at(
        "/v2/partners/sub-customers/users/check-identity",
        json(
            200,
            r#"{"error_code":"CBC.0000","error_msg":"success","check_result":"available"}"#,
        ),
    )
    .await;
    let checked = CheckUserIdentityInput::builder()
        .email("a@b.co")
        .send(&client(&check, aksk()))
        .await
        .expect("checked");
    assert!(checked.is_available());
    for server in [&send, &create, &list, &check] {
        assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    }
}

#[test]
fn create_rules_name_each_field_and_never_show_the_password() {
    let err = CreateSubCustomerInput::builder()
        .domain_name("op_admin")
        .email("new@example.com")
        .domain_area("mexico")
        .password("new@example.com1")
        .build()
        .expect_err("invalid");
    let fields: Vec<_> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(
        fields,
        [
            "domain_name",
            "verification_code",
            "domain_area",
            "xaccount_id",
            "xaccount_type",
            "password"
        ]
    );
    assert!(!err.to_string().contains("new@example.com1"));
    let weak = CreateSubCustomerInput::builder()
        .domain_area("MX")
        .xaccount_id("u")
        .xaccount_type("p")
        .password("abcdefgh")
        .build()
        .expect_err("one class");
    assert_eq!(weak.violations()[0].field(), "password");
    assert!(weak.violations()[0].shown_value().is_none());
}

/// The next item of a stream (what `futures::StreamExt::next` does).
async fn next<S: vcode_core::futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}

/// A customer page of `ids` out of `count`.
fn customers_page(ids: &[&str], count: u32) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"account_name":"n_{id}","customer_id":"{id}"}}"#))
        .collect();
    format!(
        r#"{{"count":{count},"customer_infos":[{}]}}"#,
        list.join(",")
    )
}

/// Issue 37: the listing pages as a `Stream` of pages and of items, walking by `offset`.
#[tokio::test]
async fn list_pages_and_items_stream_across_pages() {
    use wiremock::matchers::{body_partial_json, method};
    use wiremock::{Mock, MockServer};
    let server = MockServer::start().await;
    for (offset, ids) in [(0, vec!["a", "b"]), (2, vec!["c", "d"]), (4, vec!["e"])] {
        Mock::given(method("POST"))
            .and(body_partial_json(serde_json::json!({ "offset": offset })))
            .respond_with(json(200, &customers_page(&ids, 5)))
            .mount(&server)
            .await;
    }
    let input = ListSubCustomersInput::builder()
        .limit(2)
        .build()
        .expect("valid");
    let client = client(&server, aksk());
    let mut items = input.pages(&client).items();
    let mut ids = Vec::new();
    while let Some(customer) = next(&mut items).await {
        ids.push(customer.expect("listed").customer_id);
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let mut pages = input.pages(&client).into_stream();
    let mut sizes = Vec::new();
    while let Some(page) = next(&mut pages).await {
        sizes.push(page.expect("page").customers().len());
    }
    assert_eq!(sizes, [2, 2, 1]);
}

/// Issue 34/37: pages that deliver fewer customers than their count announced (a server
/// ignoring `offset`) end the stream with the short-listing error, after the items.
#[tokio::test]
async fn a_short_listing_ends_the_stream_with_its_error() {
    let server = server_at(
        "/v2/partners/sub-customers/query",
        json(200, &customers_page(&["a", "b"], 25)),
    )
    .await;
    let mut items = ListSubCustomersInput::builder()
        .build()
        .expect("valid")
        .pages(&client(&server, aksk()))
        .items();
    assert_eq!(
        next(&mut items).await.expect("a").expect("ok").customer_id,
        "a"
    );
    assert_eq!(
        next(&mut items).await.expect("b").expect("ok").customer_id,
        "b"
    );
    let Some(Err(SdkError::Response(short))) = next(&mut items).await else {
        panic!("the short listing ends the stream")
    };
    assert_eq!(
        short.kind(),
        &vcode_core::ResponseErrorKind::Incomplete {
            received: 2,
            announced: 25
        }
    );
    assert!(next(&mut items).await.is_none());
}
