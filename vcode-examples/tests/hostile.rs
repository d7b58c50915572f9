//! Issue 35: every string field of every input builder refuses control and bidirectional
//! formatting characters, and values over its limit, with an `InvalidInput` naming the field,
//! before anything is sent.

mod common;

use common::{PASSWORD, create_account_builder};
use proptest::prelude::*;
use vcode_core::validate::InvalidInput;

/// Builds an operation's input with every other field valid and `field` set to `value`.
type Build = fn(&str) -> Result<(), InvalidInput>;

/// (operation, the field as the vendor names it, a value the field accepts, its builder).
fn fields() -> Vec<(&'static str, &'static str, &'static str, Build)> {
    use cec_trial::{ApplyTenantInput, GenerateVerifyCodeInput};
    use huawei_bss::{
        CheckUserIdentityInput, CreateSubCustomerInput, ListSubCustomersInput,
        SendVerificationCodeInput,
    };
    use huawei_ticket::{
        CheckNeedVerifyInput, CheckVerifyCodesInput, ContactWay, ListHasVerifiedContactsInput,
        SendVerifyCodesInput,
    };
    use tencent_partners::SendVerifyCodeInput;
    fn create_sub() -> huawei_bss::CreateSubCustomerInputBuilder {
        CreateSubCustomerInput::builder()
            .domain_area("MX")
            .xaccount_id("u-1")
            .xaccount_type("platform")
    }
    fn create_account() -> tencent_partners::CreateAccountInputBuilder {
        create_account_builder()
    }
    fn apply() -> cec_trial::ApplyTenantInputBuilder {
        ApplyTenantInput::builder()
            .company_name("Example Co")
            .phone("13800000000")
            .phone_verify_code("123456")
            .email("ops@example.com")
    }
    fn check() -> huawei_ticket::ContactInputBuilder<huawei_ticket::CheckFields> {
        CheckVerifyCodesInput::builder()
            .contact_way(ContactWay::Email)
            .contact_value("a@b.co")
            .verify_code("123456")
    }
    fn ok<T>(r: Result<T, InvalidInput>) -> Result<(), InvalidInput> {
        r.map(drop)
    }
    vec![
        ("SendVerificationMessageCode", "email", "a@b.co", |v| {
            ok(SendVerificationCodeInput::builder().email(v).build())
        }),
        ("CheckUserIdentity", "search_value", "a@b.co", |v| {
            ok(CheckUserIdentityInput::builder().email(v).build())
        }),
        ("CheckUserIdentity", "search_value", "0065-91234567", |v| {
            ok(CheckUserIdentityInput::builder().mobile(v).build())
        }),
        ("CheckUserIdentity", "search_value", "acme_01", |v| {
            ok(CheckUserIdentityInput::builder().account_name(v).build())
        }),
        ("CreateSubCustomer", "domain_name", "acme_01", |v| {
            ok(create_sub().domain_name(v).build())
        }),
        ("CreateSubCustomer", "email", "a@b.co", |v| {
            ok(create_sub().email(v).verification_code("123456").build())
        }),
        ("CreateSubCustomer", "verification_code", "123456", |v| {
            ok(create_sub().email("a@b.co").verification_code(v).build())
        }),
        ("CreateSubCustomer", "domain_area", "MX", |v| {
            ok(create_sub().domain_area(v).build())
        }),
        ("CreateSubCustomer", "xaccount_id", "u-1", |v| {
            ok(create_sub().xaccount_id(v).build())
        }),
        ("CreateSubCustomer", "xaccount_type", "platform", |v| {
            ok(create_sub().xaccount_type(v).build())
        }),
        (
            "CreateSubCustomer",
            "indirect_partner_id",
            "reseller-1",
            |v| ok(create_sub().indirect_partner_id(v).build()),
        ),
        ("CreateSubCustomer", "password", PASSWORD, |v| {
            ok(create_sub().password(v).build())
        }),
        ("ListSubCustomers", "account_name", "acme_01", |v| {
            ok(ListSubCustomersInput::builder().account_name(v).build())
        }),
        ("ListSubCustomers", "customer", "Jane", |v| {
            ok(ListSubCustomersInput::builder().customer(v).build())
        }),
        ("ListSubCustomers", "label", "vip", |v| {
            ok(ListSubCustomersInput::builder().label(v).build())
        }),
        ("ListSubCustomers", "customer_id", "d-9", |v| {
            ok(ListSubCustomersInput::builder().customer_id(v).build())
        }),
        (
            "ListSubCustomers",
            "indirect_partner_id",
            "reseller-1",
            |v| {
                ok(ListSubCustomersInput::builder()
                    .indirect_partner_id(v)
                    .build())
            },
        ),
        (
            "ListSubCustomers",
            "associated_on_begin",
            "2026-11-01T00:00:00Z",
            |v| {
                ok(ListSubCustomersInput::builder()
                    .associated_on_begin(v)
                    .build())
            },
        ),
        (
            "ListSubCustomers",
            "associated_on_end",
            "2026-11-01T00:00:00Z",
            |v| {
                ok(ListSubCustomersInput::builder()
                    .associated_on_end(v)
                    .build())
            },
        ),
        ("SendVerifyCodes", "contact_value", "a@b.co", |v| {
            ok(SendVerifyCodesInput::builder()
                .contact_way(ContactWay::Email)
                .contact_value(v)
                .build())
        }),
        ("SendVerifyCodes", "area_code", "86", |v| {
            ok(SendVerifyCodesInput::builder()
                .contact_way(ContactWay::Sms)
                .contact_value("13800000000")
                .area_code(v)
                .build())
        }),
        ("SendVerifyCodes", "X-Language", "en-us", |v| {
            ok(SendVerifyCodesInput::builder()
                .contact_way(ContactWay::Email)
                .contact_value("a@b.co")
                .language(v)
                .build())
        }),
        ("SendVerifyCodes", "X-Time-Zone", "GMT+8", |v| {
            ok(SendVerifyCodesInput::builder()
                .contact_way(ContactWay::Email)
                .contact_value("a@b.co")
                .time_zone(v)
                .build())
        }),
        ("CheckVerifyCodes", "verify_code", "123456", |v| {
            ok(check().verify_code(v).build())
        }),
        ("CheckVerifyCodes", "x_customer_id", "iam-1", |v| {
            ok(check().x_customer_id(v).build())
        }),
        ("CheckVerifyCodes", "customer_id", "c-1", |v| {
            ok(check().customer_id(v).build())
        }),
        ("CheckNeedVerify", "contact_value", "a@b.co", |v| {
            ok(CheckNeedVerifyInput::builder()
                .contact_way(ContactWay::Email)
                .contact_value(v)
                .build())
        }),
        ("ListHasVerifiedContacts", "contact_value", "a@b.co", |v| {
            ok(ListHasVerifiedContactsInput::builder()
                .contact_value(v)
                .build())
        }),
        ("ListHasVerifiedContacts", "customer_id", "c-1", |v| {
            ok(ListHasVerifiedContactsInput::builder()
                .customer_id(v)
                .build())
        }),
        ("ListHasVerifiedContacts", "sub_customer_id", "c-2", |v| {
            ok(ListHasVerifiedContactsInput::builder()
                .sub_customer_id(v)
                .build())
        }),
        (
            "ListHasVerifiedContacts",
            "expired_time",
            "1700000000000",
            |v| {
                ok(ListHasVerifiedContactsInput::builder()
                    .expired_time(v)
                    .build())
            },
        ),
        ("ListHasVerifiedContacts", "verified_id", "v-1", |v| {
            ok(ListHasVerifiedContactsInput::builder()
                .verified_id(v)
                .build())
        }),
        ("generateverifycode", "phone", "13800000000", |v| {
            ok(GenerateVerifyCodeInput::builder().phone(v).build())
        }),
        ("applyTenant", "companyName", "Example Co", |v| {
            ok(apply().company_name(v).build())
        }),
        ("applyTenant", "phone", "13800000000", |v| {
            ok(apply().phone(v).build())
        }),
        ("applyTenant", "phoneVerifyCode", "123456", |v| {
            ok(apply().phone_verify_code(v).build())
        }),
        ("applyTenant", "email", "ops@example.com", |v| {
            ok(apply().email(v).build())
        }),
        ("SendVerifyCode", "CountryCode", "65", |v| {
            ok(SendVerifyCodeInput::builder()
                .country_code(v)
                .phone_num("91234567")
                .build())
        }),
        ("SendVerifyCode", "PhoneNum", "91234567", |v| {
            ok(SendVerifyCodeInput::builder()
                .country_code("65")
                .phone_num(v)
                .build())
        }),
        ("CreateAccount", "Mail", "new@example.com", |v| {
            ok(create_account().mail(v).build())
        }),
        ("CreateAccount", "Password", PASSWORD, |v| {
            ok(create_account().password(v).confirm_password(v).build())
        }),
        ("CreateAccount", "PhoneNum", "91234567", |v| {
            ok(create_account().phone_num(v).build())
        }),
        ("CreateAccount", "CountryCode", "65", |v| {
            ok(create_account().country_code(v).build())
        }),
        ("CreateAccount", "Area", "SG", |v| {
            ok(create_account().area(v).build())
        }),
        ("CreateAccount", "VerifyCode", "123456", |v| {
            ok(create_account().verify_code(v).build())
        }),
        ("CreateAccount", "TradeOne", "kghy_01", |v| {
            ok(create_account().trade_one(v).build())
        }),
        ("CreateAccount", "TradeTwo", "kghy_0101", |v| {
            ok(create_account().trade_two(v).build())
        }),
        ("CreateAccount", "Extended", "partner-ref-1", |v| {
            ok(create_account().extended(v).build())
        }),
        ("CreateAccount", "CustomerName", "Example Pte Ltd", |v| {
            ok(create_account().customer_name(v).build())
        }),
        ("QueryCustomersCredit", "Filter", "new@example.com", |v| {
            ok(tencent_partners::QueryCustomersCreditInput::builder()
                .filter(tencent_partners::FilterType::Email, v)
                .build())
        }),
    ]
}

/// Characters no text field takes: controls (C0, DEL, C1) and bidirectional formatting.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).expect("C0")),
        Just('\u{7f}'),
        (0x80u32..0xa0).prop_map(|c| char::from_u32(c).expect("C1")),
        prop::sample::select(vec![
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ]),
    ]
}

#[test]
fn every_field_takes_its_valid_example() {
    for (operation, field, valid, build) in fields() {
        build(valid).unwrap_or_else(|e| panic!("{operation}.{field} = {valid:?}: {e}"));
    }
}

#[test]
fn every_field_refuses_a_value_far_over_any_limit() {
    let long = "a".repeat(100_000);
    for (operation, field, _, build) in fields() {
        let err = build(&long).expect_err(field);
        assert!(err.violation(field).is_some(), "{operation}.{field}: {err}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn every_field_refuses_control_and_bidi_characters(
        at in any::<prop::sample::Index>(),
        field in any::<prop::sample::Index>(),
        hostile in hostile_char(),
    ) {
        let fields = fields();
        let (operation, name, valid, build) = fields[field.index(fields.len())];
        let mut value: Vec<char> = valid.chars().collect();
        value.insert(at.index(value.len() + 1), hostile);
        let value: String = value.into_iter().collect();
        let err = build(&value);
        prop_assert!(err.is_err(), "{}.{} took {:?}", operation, name, value);
        let err = err.unwrap_err();
        prop_assert!(err.violation(name).is_some(), "{}.{}: {}", operation, name, err);
        // The error never shows the raw character.
        let shown = err.to_string();
        prop_assert!(!shown.contains(hostile), "{}", shown);
    }
}

/// Nothing reaches the vendor: a builder's `send` refuses before any I/O.
#[tokio::test]
async fn a_refused_input_sends_nothing() {
    let server = wiremock::MockServer::start().await;
    let client = tencent_partners::Client::builder()
        .endpoint(server.uri())
        .credentials(tencent_partners::TencentCredentials::new("AKID", "key"))
        .build()
        .expect("client");
    let err = create_account_builder()
        .customer_name("Evil\r\nX-Injected: 1")
        .send(&client)
        .await
        .expect_err("refused");
    assert!(
        matches!(err, tencent_partners::SdkError::InvalidInput(_)),
        "{err:?}"
    );
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}
