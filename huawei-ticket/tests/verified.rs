//! `CheckNeedVerify`, `ListHasVerifiedContacts` and the optional ids of `CheckVerifyCodes`
//! against wiremock on 127.0.0.1.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use common::*;
use huawei_ticket::{
    CheckNeedVerifyInput, CheckVerifyCodesInput, ContactWay, ExpireTime,
    ListHasVerifiedContactsInput, LocalDateTime, OffsetUnit, SdkError, Site, VerifyCodesError,
};
use proptest::prelude::*;
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-request-id", "req-7")
        .set_body_string(body)
}

/// Issue 34: a 200 without the documented `count` is unreadable, not an empty page (a false
/// "nothing verified"); an empty page with `count` 0 is one, with or without the list.
#[tokio::test]
async fn a_listing_without_its_count_is_unreadable_not_empty() {
    for body in [r#"{"unexpected":true}"#, "{}", r#"{"contact_list":[]}"#] {
        let server = server_for("GET", json(body)).await;
        let err = ListHasVerifiedContactsInput::builder()
            .send(&aksk_client(&server))
            .await
            .expect_err(body);
        assert!(matches!(err, SdkError::Response(_)), "{body}: {err:?}");
    }
    for body in [r#"{"count":0}"#, r#"{"count":0,"contact_list":[]}"#] {
        let server = server_for("GET", json(body)).await;
        let page = ListHasVerifiedContactsInput::builder()
            .send(&aksk_client(&server))
            .await
            .expect(body);
        assert_eq!(page.count(), 0);
        assert!(page.contacts().is_empty());
    }
}

/// Issue 34: the reference documents `limit` 0..100 and `contact_value` 0..256 characters.
#[test]
fn list_accepts_the_documented_zero_limit_and_empty_contact() {
    ListHasVerifiedContactsInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("")
        .limit(0)
        .build()
        .expect("documented as valid");
    let err = ListHasVerifiedContactsInput::builder()
        .limit(101)
        .contact_value("a".repeat(257))
        .build()
        .expect_err("over the documented ranges");
    assert!(err.violation("limit").is_some() && err.violation("contact_value").is_some());
}

#[tokio::test]
async fn need_verify_is_a_signed_get_with_the_contact_in_the_query() {
    let server = server_for(
        "GET",
        json(r#"{"need_verify_code":1,"expire_time":"2026-11-22 18:00:00"}"#),
    )
    .await;
    let out = CheckNeedVerifyInput::builder()
        .contact_way(ContactWay::Sms)
        .contact_value("13800000000")
        .area_code("86")
        .site(Site::International)
        .send(&aksk_client(&server))
        .await
        .expect("answered");
    assert!(out.need_verify());
    assert_eq!(out.request_id(), Some("req-7"));
    let Some(ExpireTime::Local(local)) = out.expire_time() else {
        panic!("{out:?}")
    };
    assert_eq!(
        (local.year, local.month, local.day, local.hour),
        (2026, 11, 22, 18)
    );
    let requests = requests(&server).await;
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.path(),
        "/v2/servicerequest/verifycodes/need-verify"
    );
    assert_eq!(
        request.url.query(),
        Some("contact_value=13800000000&contact_way=0&area_code=86")
    );
    assert!(request.body.is_empty());
    assert_eq!(header(request, "x-site"), Some("1"));
    verify(request);
}

#[tokio::test]
async fn need_verify_decodes_every_documented_expire_time_form() {
    let cases = [
        (
            r#""2026-11-22T10:00:00Z""#,
            Some(ExpireTime::Instant(
                UNIX_EPOCH + Duration::from_secs(1_795_341_600),
            )),
        ),
        (
            "1795341600000",
            Some(ExpireTime::Instant(
                UNIX_EPOCH + Duration::from_secs(1_795_341_600),
            )),
        ),
        (r#""test""#, Some(ExpireTime::Text("test".into()))),
        (r#""""#, None),
        ("null", None),
    ];
    for (value, expected) in cases {
        let body = format!(r#"{{"need_verify_code":0,"expire_time":{value}}}"#);
        let server = server_for("GET", json(&body)).await;
        let out = CheckNeedVerifyInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@example.com")
            .send(&token_client(&server))
            .await
            .expect(value);
        assert!(!out.need_verify());
        assert_eq!(out.expire_time(), expected.as_ref(), "{value}");
    }
    // Wall-clock time in GMT+8, the vendor's default zone.
    let local = ExpireTime::parse("2026-11-22 18:00:00");
    let ExpireTime::Local(local) = local else {
        panic!()
    };
    assert_eq!(
        LocalDateTime::to_system_time(local, 8 * 3600),
        Some(UNIX_EPOCH + Duration::from_secs(1_795_341_600))
    );
}

#[tokio::test]
async fn need_verify_errors_and_bad_answers() {
    for (body, code) in [
        (
            r#"{"error_code":"OSM.01010001","error_msg":"bad"}"#,
            Some(VerifyCodesError::ParameterValidationFailed),
        ),
        (
            r#"{"error_code":"OSM.0002","error_msg":"no"}"#,
            Some(VerifyCodesError::Unauthorized),
        ),
        (r#"{"need_verify_code":2}"#, None),
        (r#"{"expire_time":"x"}"#, None),
    ] {
        let server = server_for("GET", json(body)).await;
        let err = CheckNeedVerifyInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@example.com")
            .send(&token_client(&server))
            .await
            .expect_err(body);
        match (code, err) {
            (Some(code), SdkError::Service(service)) => assert_eq!(service.kind(), &code),
            (None, SdkError::Response(_)) => {}
            (_, other) => panic!("{body}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn check_sends_the_optional_ids_after_the_contact() {
    let server = server(json(r#"{"error_code":"","error_msg":""}"#)).await;
    CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .verify_code("123456")
        .x_customer_id("iam-user-1")
        .customer_id("customer-1")
        .send(&aksk_client(&server))
        .await
        .expect("accepted");
    let requests = requests(&server).await;
    assert_eq!(
        requests[0].body,
        br#"{"verify_code":"123456","contact_value":"someone@example.com","contact_way":1,"x_customer_id":"iam-user-1","customer_id":"customer-1"}"#
    );
    verify(&requests[0]);
    let err = CheckVerifyCodesInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .verify_code("123456")
        .customer_id("c".repeat(65))
        .build()
        .expect_err("too long");
    assert_eq!(err.violations()[0].field(), "customer_id");
}

fn page(offset: &str, ids: &[&str], count: u32) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"contact_way":1,"contact_value":"{id}@example.com","verified_id":"{id}"}}"#
            )
        })
        .collect();
    let _ = offset;
    format!(r#"{{"count":{count},"contact_list":[{}]}}"#, list.join(","))
}

async fn paged_server(pages: &[(&str, String)]) -> MockServer {
    let server = MockServer::start().await;
    for (offset, body) in pages {
        Mock::given(method("GET"))
            .and(query_param("offset", *offset))
            .respond_with(json(body))
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn pages_walk_by_items_until_count() {
    let server = paged_server(&[
        ("0", page("0", &["a", "b"], 5)),
        ("2", page("2", &["c", "d"], 5)),
        ("4", page("4", &["e"], 5)),
    ])
    .await;
    let input = ListHasVerifiedContactsInput::builder()
        .contact_way(ContactWay::Email)
        .limit(2)
        .build()
        .expect("valid");
    let all = input
        .pages(&aksk_client(&server))
        .collect_all()
        .await
        .expect("all");
    let ids: Vec<_> = all.iter().map(|c| c.verified_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let requests = requests(&server).await;
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[0].url.query(),
        Some("contact_way=1&offset=0&limit=2")
    );
    verify(&requests[0]);
    assert!(!format!("{all:?}").contains("a@example.com"));
}

#[tokio::test]
async fn pages_walk_by_page_number_and_stop_on_a_repeated_page() {
    // Page numbers from 1.
    let server = paged_server(&[
        ("1", page("1", &["a", "b"], 3)),
        ("2", page("2", &["c"], 3)),
    ])
    .await;
    let input = ListHasVerifiedContactsInput::builder()
        .limit(2)
        .build()
        .expect("valid");
    let all = input
        .pages_by(&token_client(&server), OffsetUnit::Pages)
        .collect_all()
        .await
        .expect("all");
    assert_eq!(all.len(), 3);

    // Issue 34: a server that ignores offset answers the same page forever: the walk stops,
    // and says it is short (2 of the 100 announced) instead of a false "that is all"; the
    // page already returned stays usable.
    let server = server_for("GET", json(&page("0", &["a", "b"], 100))).await;
    let mut pages = input.pages(&token_client(&server));
    let first = pages.next_page().await.expect("a page").expect("ok");
    assert_eq!(first.contacts().len(), 2);
    let Some(Err(SdkError::Response(short))) = pages.next_page().await else {
        panic!("the short listing is an error")
    };
    assert_eq!(
        short.kind(),
        &vcode_core::ResponseErrorKind::Incomplete {
            received: 2,
            announced: 100
        }
    );
    assert_eq!(
        short.to_string(),
        "the listing ended after 2 of the 100 items it announced"
    );
    assert!(pages.next_page().await.is_none(), "the walk is over");
    assert_eq!(requests(&server).await.len(), 2);
    let err = input
        .pages(&token_client(&server))
        .collect_all()
        .await
        .expect_err("incomplete");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
}

/// Issue 34: a first page that is empty though its count says otherwise is short too.
#[tokio::test]
async fn an_empty_page_short_of_its_count_is_incomplete() {
    let server = server_for("GET", json(r#"{"count":25,"contact_list":[]}"#)).await;
    let input = ListHasVerifiedContactsInput::builder()
        .build()
        .expect("valid");
    let err = input
        .pages(&token_client(&server))
        .collect_all()
        .await
        .expect_err("0 of 25");
    let SdkError::Response(short) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        short.kind(),
        &vcode_core::ResponseErrorKind::Incomplete {
            received: 0,
            announced: 25
        }
    );
}

#[tokio::test]
async fn a_failed_page_ends_the_walk_with_its_error() {
    let server = server_for(
        "GET",
        json(r#"{"error_code":"OSM.0003","error_msg":"forbidden"}"#),
    )
    .await;
    let input = ListHasVerifiedContactsInput::builder()
        .build()
        .expect("valid");
    let mut pages = input.pages(&token_client(&server));
    assert!(matches!(
        pages.next_page().await,
        Some(Err(SdkError::Service(_)))
    ));
    assert!(pages.next_page().await.is_none());
}

proptest! {
    #[test]
    fn list_limits_and_lengths(limit in 0u32..200, offset in 0u32..70_000, value_len in 0usize..300) {
        let built = ListHasVerifiedContactsInput::builder()
            .limit(limit)
            .offset(offset)
            .contact_value("9".repeat(value_len))
            .build();
        // The reference's ranges (issue 34): limit 0..=100, contact_value 0..=256.
        let ok = limit <= 100 && offset <= 65_535 && value_len <= 256;
        prop_assert_eq!(built.is_ok(), ok);
    }
}

/// Every text an error offers: `Display`, `Debug` and each source's.
fn all_texts(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = format!("{error} {error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(" | {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn a_failed_connection_never_shows_the_contact_in_the_query() {
    // Each failure's source is reqwest's error, which may print the request's URL.
    // A port nothing listens on: refused, so never sent.
    let refused = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let refused_url = format!("http://{}", refused.local_addr().expect("addr"));
    drop(refused);
    // A server that accepts and closes: the request may have left.
    let closing = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let closing_url = format!("http://{}", closing.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((stream, _)) = closing.accept().await {
            drop(stream);
        }
    });
    // A server that answers with a head, then closes before the body's end.
    let truncating = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let truncating_url = format!("http://{}", truncating.local_addr().expect("addr"));
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut stream, _)) = truncating.accept().await {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head).await;
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{")
                .await;
        }
    });
    // Whether the error names the URL (a body's read error does not).
    for (url, names_the_url) in [
        (refused_url, true),
        (closing_url, true),
        (truncating_url, false),
    ] {
        let client = huawei_ticket::Client::builder()
            .endpoint(&url)
            .credentials(huawei_ticket::HuaweiAkSk::new(AK, SK).with_domain_id("0a1b2c3d4e5f"))
            .retry_policy(huawei_ticket::RetryPolicy::never())
            .build()
            .expect("client");
        let err = CheckNeedVerifyInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("someone@example.com")
            .send(&client)
            .await
            .expect_err("no answer");
        let text = all_texts(&err);
        assert_eq!(
            text.contains("/v2/servicerequest/verifycodes/need-verify"),
            names_the_url,
            "{text}"
        );
        assert!(!text.contains("someone"), "{text}");
        assert!(!text.contains("example.com"), "{text}");
    }
}

#[tokio::test]
async fn a_dry_runs_debug_never_shows_the_contact_in_the_query() {
    let client = huawei_ticket::Client::builder()
        .endpoint("http://127.0.0.1:9")
        .credentials(huawei_ticket::HuaweiAkSk::new(AK, SK).with_domain_id("0a1b2c3d4e5f"))
        .build()
        .expect("client");
    let input = CheckNeedVerifyInput::builder()
        .contact_way(ContactWay::Email)
        .contact_value("someone@example.com")
        .build()
        .expect("input");
    let prepared = client.dry_run(&input).await.expect("prepared");
    // Display is the whole request, on purpose; Debug is what ends up in logs.
    assert!(
        prepared.url().contains("someone%40example.com"),
        "{}",
        prepared.url()
    );
    let debug = format!("{prepared:?}");
    assert!(
        debug.contains(r#"url: "http://127.0.0.1:9/v2/servicerequest/verifycodes/need-verify""#),
        "{debug}"
    );
    assert!(debug.contains("query_params: 2"), "{debug}");
    assert!(!debug.contains("someone"), "{debug}");
    assert!(!debug.contains("example.com"), "{debug}");
}

/// The next item of a stream (what `futures::StreamExt::next` does).
async fn next<S: vcode_core::futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}

/// Issue 37: the verified contacts as a `Stream` of items across pages, and of pages, with the
/// short-listing error at the end of a short one.
#[tokio::test]
async fn verified_contacts_stream_across_pages_and_end_short_with_the_error() {
    let server = paged_server(&[
        ("0", page("0", &["a", "b"], 3)),
        ("2", page("2", &["c"], 3)),
    ])
    .await;
    let input = ListHasVerifiedContactsInput::builder()
        .limit(2)
        .build()
        .expect("valid");
    let mut items = input.pages(&aksk_client(&server)).items();
    let mut ids = Vec::new();
    while let Some(contact) = next(&mut items).await {
        ids.push(contact.expect("listed").verified_id);
    }
    assert_eq!(ids, ["a", "b", "c"]);

    let short = server_for("GET", json(&page("0", &["a", "b"], 10))).await;
    let mut pages = input.pages(&token_client(&short)).into_stream();
    assert_eq!(
        next(&mut pages)
            .await
            .expect("page")
            .expect("ok")
            .contacts()
            .len(),
        2
    );
    let Some(Err(SdkError::Response(err))) = next(&mut pages).await else {
        panic!("short")
    };
    assert_eq!(
        err.kind(),
        &vcode_core::ResponseErrorKind::Incomplete {
            received: 2,
            announced: 10
        }
    );
    assert!(next(&mut pages).await.is_none());
}
