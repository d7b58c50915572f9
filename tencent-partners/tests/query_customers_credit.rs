//! `QueryCustomersCredit` on the wire (issue 39): the exact request, every field of the
//! answer, paging as Streams of pages and of items, the short listing, and every documented
//! code.

mod common;

use common::{builder, error_body, header};
use serde_json::{Value, json};
use tencent_partners::futures_core::Stream;
use tencent_partners::{
    FilterType, Order, QueryCustomersCreditError, QueryCustomersCreditInput, ResponseErrorKind,
    SdkError,
};
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn customer(uin: u64) -> Value {
    json!({
        "ClientUin": uin, "Name": format!("customer {uin}"), "Type": "personal",
        "Mobile": "91234567", "Email": format!("c{uin}@example.com"), "Arrears": "0",
        "AssociationTime": "2026-01-02 03:04:05", "RecentExpiry": "2026-12-31 00:00:00",
        "Credit": 100.5, "RemainingCredit": 20.25, "IdentifyType": 1, "Remark": "vip",
        "Force": 0
    })
}

fn page(data: Value, total: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({ "Response": { "Data": data, "Total": total, "RequestId": "req-q" } }),
    )
}

/// Drains a stream without an executor crate: polls it on the test's runtime.
async fn drain<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut out = Vec::new();
    while let Some(item) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await
    {
        out.push(item);
    }
    out
}

#[tokio::test]
async fn the_wire_request_and_every_field_of_the_answer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(page(json!([customer(2001)]), 1))
        .mount(&server)
        .await;
    let client = builder(&server).build().expect("client");
    let out = QueryCustomersCreditInput::builder()
        .filter(FilterType::Email, "c2001@example.com")
        .page(1)
        .page_size(50)
        .order(Order::Asc)
        .send(&client)
        .await
        .expect("a page");
    let requests = server.received_requests().await.expect("recorded");
    let request = &requests[0];
    assert_eq!(request.url.path(), "/");
    assert_eq!(header(request, "x-tc-action"), Some("QueryCustomersCredit"));
    assert_eq!(header(request, "x-tc-version"), Some("2022-09-28"));
    let body: Value = serde_json::from_slice(&request.body).expect("json");
    assert_eq!(
        body,
        json!({ "FilterType": "Email", "Filter": "c2001@example.com", "Page": 1, "PageSize": 50, "Order": "asc" })
    );
    assert_eq!(out.total(), 1);
    assert_eq!(out.request_id(), Some("req-q"));
    let c = &out.customers()[0];
    assert_eq!(c.client_uin, Some(2001));
    assert_eq!(c.name.as_deref(), Some("customer 2001"));
    assert_eq!(c.customer_type.as_deref(), Some("personal"));
    assert_eq!(c.mobile.as_deref(), Some("91234567"));
    assert_eq!(c.email.as_deref(), Some("c2001@example.com"));
    assert_eq!(c.arrears.as_deref(), Some("0"));
    assert_eq!(c.association_time.as_deref(), Some("2026-01-02 03:04:05"));
    assert_eq!(c.recent_expiry.as_deref(), Some("2026-12-31 00:00:00"));
    assert_eq!(c.credit, Some(100.5));
    assert_eq!(c.remaining_credit, Some(20.25));
    assert_eq!(c.identify_type, Some(1));
    assert_eq!(c.remark.as_deref(), Some("vip"));
    assert_eq!(c.force, Some(0));
    // Serialized back, every field under the vendor's name, unaltered.
    assert_eq!(serde_json::to_value(c).expect("serializes"), customer(2001));
    // Personal data stays out of Debug.
    let shown = format!("{c:?}");
    assert!(
        !shown.contains("c2001@example.com") && !shown.contains("91234567"),
        "{shown}"
    );
}

#[tokio::test]
async fn an_empty_input_sends_an_empty_object_and_null_data_is_no_customer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(page(Value::Null, 0))
        .mount(&server)
        .await;
    let client = builder(&server).build().expect("client");
    let out = QueryCustomersCreditInput::builder()
        .send(&client)
        .await
        .expect("a page");
    assert!(out.customers().is_empty());
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(&requests[0].body[..], b"{}");
}

#[tokio::test]
async fn without_total_a_200_is_unreadable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "Response": { "Data": [], "RequestId": "req-x" } })),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().expect("client");
    let err = QueryCustomersCreditInput::builder()
        .send(&client)
        .await
        .expect_err("no Total");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
}

#[tokio::test]
async fn pages_walk_to_the_total_as_streams_of_pages_and_of_items() {
    let server = MockServer::start().await;
    for (n, data) in [
        (1, json!([customer(1), customer(2)])),
        (2, json!([customer(3), customer(4)])),
        (3, json!([customer(5)])),
    ] {
        Mock::given(method("POST"))
            .and(body_partial_json(json!({ "Page": n })))
            .respond_with(page(data, 5))
            .mount(&server)
            .await;
    }
    let client = builder(&server).build().expect("client");
    let input = QueryCustomersCreditInput::builder()
        .page_size(2)
        .build()
        .expect("input");
    let pages = drain(input.pages(&client).into_stream()).await;
    assert_eq!(pages.len(), 3);
    let items = drain(input.pages(&client).items()).await;
    let uins: Vec<u64> = items
        .into_iter()
        .map(|c| c.expect("a customer").client_uin.expect("uin"))
        .collect();
    assert_eq!(uins, [1, 2, 3, 4, 5]);
    let all = input.pages(&client).collect_all().await.expect("all");
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn a_server_ignoring_page_ends_in_a_typed_short_listing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(page(json!([customer(1), customer(2)]), 25))
        .mount(&server)
        .await;
    let client = builder(&server).build().expect("client");
    let input = QueryCustomersCreditInput::builder().build().expect("input");
    let items = drain(input.pages(&client).items()).await;
    assert_eq!(items.len(), 3, "two customers, then the error");
    let Some(Err(SdkError::Response(e))) = items.last() else {
        panic!("{items:?}")
    };
    assert_eq!(
        e.kind(),
        &ResponseErrorKind::Incomplete {
            received: 2,
            announced: 25
        },
        "{e}"
    );
}

#[tokio::test]
async fn every_documented_code_maps() {
    for (code, expected) in [
        (
            "FailedOperation",
            QueryCustomersCreditError::FailedOperation,
        ),
        (
            "OperationDenied.ServiceBusy",
            QueryCustomersCreditError::ServiceBusy,
        ),
        (
            "UnauthorizedOperation.UinNoAuth",
            QueryCustomersCreditError::UinNoAuth,
        ),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_string(error_body(code)))
            .mount(&server)
            .await;
        let client = builder(&server)
            .retry_policy(tencent_partners::RetryPolicy::never())
            .build()
            .expect("client");
        let err = QueryCustomersCreditInput::builder()
            .send(&client)
            .await
            .expect_err(code);
        assert_eq!(err.kind(), Some(&expected), "{code}");
        assert_eq!(err.code(), Some(code));
        let shown = err.to_string();
        assert!(
            shown.contains(code) && shown.contains(&format!("req-{code}")),
            "{shown}"
        );
    }
}

#[test]
fn page_and_page_size_start_at_one_and_the_filter_is_bounded() {
    let err = QueryCustomersCreditInput::builder()
        .page(0)
        .page_size(0)
        .filter(FilterType::Name, "x".repeat(257))
        .build()
        .expect_err("three violations");
    let fields: Vec<_> = err.violations().iter().map(|v| v.field()).collect();
    assert_eq!(fields, ["Filter", "Page", "PageSize"]);
    assert!(!format!("{err}").contains(&"x".repeat(257)));
}
