//! Tencent Cloud API 3.0, `intlpartnersmgt` `SendVerifyCode`, `CreateAccount`,
//! `GetCountryCodes` and `GetTradeConfigList`: every answer is HTTP 200 with the
//! outcome in `Response`, and a `Date` header from the sandbox clock.

use std::sync::Arc;

use axum::extract::State as Shared;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, Method, Uri};
use serde_json::{Value, json};
use vcode_signing::{SignableBody, SignableRequest, VerifyError, tencent};

use crate::state::{Account, State};
use crate::{
    TENCENT_ACCOUNTS_PER_PHONE, TENCENT_CODE_VALIDITY, TENCENT_CREATE_ACCOUNT_PER_SECOND,
    TENCENT_REQUESTS_PER_SECOND, TENCENT_RESEND_INTERVAL,
};

const SERVICE: &str = "intlpartnersmgt";
const TENCENT: &str = "tencent-partners";

struct Answer<'a> {
    state: &'a State,
    request_id: String,
}

impl Answer<'_> {
    fn respond(&self, response: Value) -> Response {
        let date = httpdate::fmt_http_date(self.state.clock.now());
        (
            [("date", date)],
            axum::Json(json!({ "Response": response })),
        )
            .into_response()
    }

    fn ok(&self) -> Response {
        self.respond(json!({ "RequestId": self.request_id }))
    }

    /// A success carrying `data` (an object) besides the request id.
    fn data(&self, mut data: Value) -> Response {
        data["RequestId"] = json!(self.request_id);
        self.respond(data)
    }

    fn error(&self, code: &str, message: &str) -> Response {
        self.respond(json!({
            "Error": { "Code": code, "Message": message },
            "RequestId": self.request_id,
        }))
    }
}

fn auth_code(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::UnknownAccessKey(_) => "AuthFailure.SecretIdNotFound",
        VerifyError::TimestampExpired { .. } | VerifyError::TimestampInFuture { .. } => {
            "AuthFailure.SignatureExpire"
        }
        VerifyError::MissingAuthorization
        | VerifyError::MalformedAuthorization(_)
        | VerifyError::MissingTimestamp
        | VerifyError::MalformedTimestamp => "AuthFailure.InvalidAuthorization",
        _ => "AuthFailure.SignatureFailure",
    }
}

/// The actions simulated, and the requests a second each allows per SecretId.
const ACTIONS: [(&str, usize); 5] = [
    ("SendVerifyCode", TENCENT_REQUESTS_PER_SECOND),
    ("CreateAccount", TENCENT_CREATE_ACCOUNT_PER_SECOND),
    ("GetCountryCodes", 5),
    ("GetTradeConfigList", 20),
    ("QueryCustomersCredit", 5),
];

/// The sandbox's `GetCountryCodes` data: calling code, ISO alpha-2, alpha-3, English and
/// Chinese names.
pub(crate) const COUNTRIES: [(&str, &str, &str, &str, &str); 8] = [
    ("65", "SG", "SGP", "Singapore", "新加坡"),
    ("852", "HK", "HKG", "Hong Kong, China", "中国香港"),
    ("853", "MO", "MAC", "Macao, China", "中国澳门"),
    ("60", "MY", "MYS", "Malaysia", "马来西亚"),
    ("66", "TH", "THA", "Thailand", "泰国"),
    ("62", "ID", "IDN", "Indonesia", "印度尼西亚"),
    ("1", "US", "USA", "United States", "美国"),
    ("44", "GB", "GBR", "United Kingdom", "英国"),
];

/// A layer-1 industry: id, name, and its layer-2 ids and names.
type Trade = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The sandbox's `GetTradeConfigList` data.
pub(crate) const TRADES: [Trade; 2] = [
    (
        "kghy_01",
        "Information technology",
        &[
            ("kghy_0101", "Software"),
            ("kghy_0102", "Internet services"),
        ],
    ),
    (
        "kghy_02",
        "Retail",
        &[("kghy_0201", "E-commerce"), ("kghy_0202", "Stores")],
    ),
];

/// The header that names an API 3.0 action.
pub(crate) const ACTION_HEADER: &str = "x-tc-action";

pub(crate) async fn dispatch(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let answer = Answer {
        state: &state,
        request_id: state.request_id(),
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let Some((action, per_second)) = ACTIONS
        .iter()
        .find(|(action, _)| header(ACTION_HEADER) == Some(*action))
    else {
        return answer.error("InvalidAction", "The action does not exist.");
    };
    if header("x-tc-version") != Some("2022-09-28") {
        return answer.error("NoSuchVersion", "The API version does not exist.");
    }
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let Ok(signable) = SignableRequest::new(method.as_str(), target, SignableBody::Bytes(&body))
        .header_map(&headers)
    else {
        return answer.error("AuthFailure.InvalidAuthorization", "A header is not text.");
    };
    let verified = match tencent::verify(
        &signable,
        SERVICE,
        |id| state.config.tencent_keys.get(id).cloned(),
        state.clock.now(),
        state.config.allowed_skew,
    ) {
        Ok(verified) => verified,
        Err(e) => return answer.error(auth_code(&e), &e.to_string()),
    };
    if over_rate_limit(&state, &verified.secret_id, action, *per_second) {
        return answer.error("RequestLimitExceeded", "Too many requests in one second.");
    }
    let fields: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match *action {
        "SendVerifyCode" => send_verify_code(&state, &answer, &fields),
        "CreateAccount" => create_account(&state, &answer, &fields),
        "QueryCustomersCredit" => query_customers_credit(&state, &answer, &fields),
        "GetCountryCodes" => {
            let data: Vec<Value> = COUNTRIES
                .iter()
                .map(|(code, iso2, iso3, en, zh)| {
                    json!({ "Code": code, "IOS2": iso2, "IOS3": iso3, "EnName": en, "Name": zh })
                })
                .collect();
            answer.data(json!({ "Data": data }))
        }
        _ => {
            let list: Vec<Value> = TRADES
                .iter()
                .map(|(id, name, children)| {
                    let children: Vec<Value> = children
                        .iter()
                        .map(|(id, name)| json!({ "Id": id, "Name": name, "TradeInfo": "" }))
                        .collect();
                    json!({ "Id": id, "Name": name, "Children": children })
                })
                .collect();
            answer.data(json!({ "TradeList": list }))
        }
    }
}

fn digits(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
}

fn send_verify_code(state: &State, answer: &Answer<'_>, fields: &Value) -> Response {
    let (Some(country), Some(phone)) = (
        fields.get("CountryCode").and_then(Value::as_str),
        fields.get("PhoneNum").and_then(Value::as_str),
    ) else {
        return answer.error("MissingParameter", "CountryCode and PhoneNum are required.");
    };
    if !digits(country, 4) || !digits(phone, 32) {
        return answer.error(
            "InvalidParameterValue",
            "CountryCode or PhoneNum is malformed.",
        );
    }
    if ["7", "380", "86"].contains(&country) {
        return answer.error(
            "InvalidParameterValue.UnSupportArea",
            "The country or region is not supported.",
        );
    }
    let recipient = format!("{country}-{phone}");
    if state.sends_within(TENCENT, &recipient, TENCENT_RESEND_INTERVAL) > 0 {
        return answer.error(
            "FailedOperation.SendVerifyCodeLimit60",
            "At least 60 seconds must pass between two codes.",
        );
    }
    state.send_code(TENCENT, &recipient);
    answer.ok()
}

/// The documented password policy.
fn valid_password(password: &str) -> bool {
    let symbol = |c: char| "!@#$%^&*()".contains(c);
    (8..=20).contains(&password.chars().count())
        && password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || symbol(c))
        && password.chars().any(|c| c.is_ascii_alphabetic())
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(symbol)
}

fn create_account(state: &State, answer: &Answer<'_>, fields: &Value) -> Response {
    let field = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let empty = |name: &str| {
        answer.error(
            &format!("InvalidParameterValue.{name}Empty"),
            &format!("{name} is empty."),
        )
    };
    let incorrect = |code: &str| answer.error(&format!("InvalidParameter.{code}"), code);
    let mut values = Vec::new();
    for name in [
        "AccountType",
        "Mail",
        "Password",
        "PhoneNum",
        "CountryCode",
        "Area",
    ] {
        match field(name) {
            Some(value) => values.push(value),
            None => return empty(name),
        }
    }
    let [account_type, mail, password, phone, country, area] = values[..] else {
        return answer.error("InternalError", "unreachable");
    };
    let (Some(trade_one), Some(trade_two)) = (field("TradeOne"), field("TradeTwo")) else {
        return answer.error(
            "InvalidParameterValue.TradeInfoEmpty",
            "TradeOne or TradeTwo is empty.",
        );
    };
    if !["personal", "company"].contains(&account_type) {
        return incorrect("AccountTypeContentIncorrect");
    }
    if !crate::huawei::plausible_email(mail) {
        return incorrect("MailFormatIncorrect");
    }
    if !valid_password(password) {
        return incorrect("PasswordFormatIncorrect");
    }
    if field("ConfirmPassword") != Some(password) {
        return incorrect("ConfirmPasswordContentIncorrect");
    }
    if !digits(phone, 32) {
        return incorrect("PhoneNumFormatIncorrect");
    }
    if !digits(country, 4) {
        return incorrect("CountryCodeFormatIncorrect");
    }
    if ["7", "380", "86"].contains(&country) {
        return answer.error(
            "InvalidParameterValue.UnSupportArea",
            "The region is not supported for international accounts.",
        );
    }
    let Some((_, iso2, ..)) = COUNTRIES.iter().find(|(code, ..)| *code == country) else {
        return incorrect("CountryCodeContentIncorrect");
    };
    if area.len() != 2 || !area.bytes().all(|b| b.is_ascii_uppercase()) {
        return incorrect("AreaFormatIncorrect");
    }
    if area != *iso2 {
        return incorrect("AreaContentIncorrect");
    }
    let trade_ok = TRADES.iter().any(|(one, _, children)| {
        *one == trade_one && children.iter().any(|(two, _)| *two == trade_two)
    });
    if !trade_ok {
        return answer.error(
            "FailedOperation.TradeInfoIncorrect",
            "The layer-1 and layer-2 industries do not match.",
        );
    }
    let recipient = format!("{country}-{phone}");
    let typed = field("VerifyCode").unwrap_or_default();
    if state
        .code_problem(TENCENT, &recipient, typed, TENCENT_CODE_VALIDITY)
        .is_some()
    {
        return answer.error(
            "FailedOperation.VerificationCodeIllegal",
            "The verification code is incorrect.",
        );
    }
    if !state
        .accounts_where(TENCENT, |a| a.email.as_deref() == Some(mail))
        .is_empty()
    {
        return answer.error(
            "FailedOperation.MailIsRegistered",
            "FailedOperation.MailIsRegistered",
        );
    }
    let on_phone = state.accounts_where(TENCENT, |a| a.phone.as_deref() == Some(&recipient));
    if on_phone.len() >= TENCENT_ACCOUNTS_PER_PHONE {
        return answer.error(
            "FailedOperation.PhoneBindUpper",
            "The number reached its registered-account limit.",
        );
    }
    state.use_code(TENCENT, &recipient);
    let uin = format!("2000{:08}", fastrand::u32(0..100_000_000));
    state.add_account(Account {
        vendor: TENCENT,
        id: uin.clone(),
        name: mail.to_owned(),
        email: Some(mail.to_owned()),
        phone: Some(recipient),
        partner_ref: None,
        created_at_ms: state.clock.now_millis(),
    });
    answer.data(json!({ "Uin": uin, "Reason": "success" }))
}

/// `QueryCustomersCredit`: the accounts `CreateAccount` made, filtered by `FilterType`
/// (`ClientUin` and `Email` exact, `Name` and `Remark` a substring), newest first unless
/// `Order` is `asc`, one `Page` (from 1) of `PageSize` (default 20).
fn query_customers_credit(state: &State, answer: &Answer<'_>, fields: &Value) -> Response {
    let text = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or_default();
    let number =
        |name: &str, default: u64| fields.get(name).and_then(Value::as_u64).unwrap_or(default);
    let (filter_type, filter) = (text("FilterType"), text("Filter"));
    if !["", "ClientUin", "Name", "Remark", "Email"].contains(&filter_type) {
        return answer.error(
            "InvalidParameter",
            "FilterType must be ClientUin, Name, Remark or Email.",
        );
    }
    let (page, size) = (number("Page", 1), number("PageSize", 20));
    if page == 0 || size == 0 {
        return answer.error("InvalidParameter.Page", "Page and PageSize start from 1.");
    }
    let mut accounts = state.accounts_where(TENCENT, |a| match filter_type {
        _ if filter.is_empty() => true,
        "ClientUin" => a.id == filter,
        "Email" => a.email.as_deref() == Some(filter),
        "Name" => a.name.contains(filter),
        _ => false,
    });
    if text("Order") != "asc" {
        accounts.reverse();
    }
    let total = accounts.len();
    let start = usize::try_from((page - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    let data: Vec<Value> = accounts
        .iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(usize::MAX))
        .map(|a| {
            let associated = time::OffsetDateTime::from_unix_timestamp(a.created_at_ms / 1000)
                .ok()
                .and_then(|t| {
                    t.format(time::macros::format_description!(
                        "[year]-[month]-[day] [hour]:[minute]:[second]"
                    ))
                    .ok()
                })
                .unwrap_or_default();
            let mobile = a
                .phone
                .as_deref()
                .and_then(|p| p.split_once('-'))
                .map_or("", |(_, n)| n);
            json!({
                "ClientUin": a.id.parse::<u64>().unwrap_or_default(),
                "Name": a.name, "Type": "", "Mobile": mobile, "Email": a.email,
                "Arrears": "0", "AssociationTime": associated, "RecentExpiry": "",
                "Credit": 0.0, "RemainingCredit": 0.0, "IdentifyType": 0, "Remark": "",
                "Force": 0,
            })
        })
        .collect();
    answer.data(json!({ "Data": data, "Total": total }))
}

/// Records a request of `secret_id` for `action` and says whether it exceeds `per_second`.
fn over_rate_limit(state: &State, secret_id: &str, action: &str, per_second: usize) -> bool {
    let now = state.clock.now_millis();
    let mut memory = state.memory();
    let window = memory
        .tencent_requests
        .entry(format!("{secret_id} {action}"))
        .or_default();
    while window.front().is_some_and(|t| now - t >= 1000) {
        window.pop_front();
    }
    let over = window.len() >= per_second;
    window.push_back(now);
    over
}
