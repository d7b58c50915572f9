//! `ListSubCustomers` ("Querying Customers"): the partner's customers, filtered. Used here to
//! confirm that a create which timed out, or answered `CBC.99000050`, exists.
//! `POST /v2/partners/sub-customers/query`.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::futures_core::Stream;
use vcode_core::paginate::Pages;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::{Bss, Client, QueryError, SdkError};

/// The operation's path.
pub const LIST_PATH: &str = "/v2/partners/sub-customers/query";

/// A validated `ListSubCustomers` request (`QuerySubCustomerListReq`): every filter of the
/// official model, each optional and sent only when set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ListSubCustomersInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    account_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    association_type: Option<AssociationType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    associated_on_begin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    associated_on_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indirect_partner_id: Option<String>,
}

/// `association_type`: how the customer is associated with the partner. The official Python
/// SDK's model and the international reference document `1` and `3`; some copies of the Go
/// SDK say `2` for reseller. This follows the reference (and the Python SDK).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum AssociationType {
    /// `1`: referral (consulting sales).
    #[serde(rename = "1")]
    Referral,
    /// `3`: reseller.
    #[serde(rename = "3")]
    Reseller,
}

/// The largest `offset` the reference documents.
pub const MAX_OFFSET: u32 = 40_000_000;

impl ListSubCustomersInput {
    /// A builder.
    pub fn builder() -> ListSubCustomersInputBuilder {
        ListSubCustomersInputBuilder::default()
    }

    /// Every page, from this input's `offset` (or the first), `limit` customers at a time
    /// (the vendor's 10 when unset): call [`SubCustomerPages::next_page`], or take them as a
    /// `Stream` ([`into_stream`](SubCustomerPages::into_stream),
    /// [`items`](SubCustomerPages::items)).
    pub fn pages(&self, client: &Client) -> SubCustomerPages {
        SubCustomerPages {
            client: client.clone(),
            input: self.clone(),
            next_offset: Some(self.offset.unwrap_or(0)),
            seen: HashSet::new(),
            last: None,
        }
    }
}

/// Walks the pages of a [`ListSubCustomersInput`]. The walk stops at `count`, at an empty page,
/// or at a page with no customer not seen before (a server ignoring `offset`); short of
/// `count`, it ends with [`ResponseErrorKind::Incomplete`](vcode_core::ResponseErrorKind::Incomplete),
/// saying how many arrived of how many. The pages already returned stay usable.
#[derive(Debug)]
pub struct SubCustomerPages {
    client: Client,
    input: ListSubCustomersInput,
    next_offset: Option<u32>,
    seen: HashSet<String>,
    /// The last page's `count` and request id, until the walk's end was judged.
    last: Option<(u32, Option<String>)>,
}

impl SubCustomerPages {
    /// The next page, `None` once every customer was seen; see [`SubCustomerPages`].
    pub async fn next_page(
        &mut self,
    ) -> Option<Result<ListSubCustomersOutput, SdkError<QueryError>>> {
        let Some(offset) = self.next_offset.take() else {
            return vcode_core::paginate::short_listing(self.seen.len(), self.last.take());
        };
        let mut input = self.input.clone();
        input.offset = Some(offset);
        let page = match self.client.send(&input).await {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        let before = self.seen.len();
        self.seen
            .extend(page.customers.iter().map(|c| c.customer_id.clone()));
        let new = self.seen.len() - before;
        self.last = Some((page.count, page.request_id.clone()));
        if new == 0 && before > 0 {
            return vcode_core::paginate::short_listing(self.seen.len(), self.last.take());
        }
        let step = u32::try_from(page.customers.len()).unwrap_or(u32::MAX);
        let more = new > 0 && self.seen.len() < page.count as usize;
        self.next_offset = offset
            .checked_add(step)
            .filter(|next| more && *next <= MAX_OFFSET);
        Some(Ok(page))
    }

    /// The pages as a `Stream` (`futures_core`'s), the short-listing error at its end
    /// included.
    pub fn into_stream(
        self,
    ) -> impl Stream<Item = Result<ListSubCustomersOutput, SdkError<QueryError>>> + Send + Unpin
    {
        vcode_core::paginate::pages(self)
    }

    /// Every customer of every page, one by one, as a `Stream`; an error ends it after the
    /// customers already delivered.
    pub fn items(
        self,
    ) -> impl Stream<Item = Result<SubCustomer, SdkError<QueryError>>> + Send + Unpin {
        vcode_core::paginate::items(self)
    }
}

impl Pages for SubCustomerPages {
    type Page = ListSubCustomersOutput;
    type Item = SubCustomer;
    type Error = SdkError<QueryError>;

    fn next_page(
        &mut self,
    ) -> impl Future<Output = Option<Result<Self::Page, Self::Error>>> + Send {
        SubCustomerPages::next_page(self)
    }

    fn into_items(page: Self::Page) -> Vec<SubCustomer> {
        page.customers
    }
}

/// Builds a [`ListSubCustomersInput`].
#[derive(Clone, Debug, Default)]
pub struct ListSubCustomersInputBuilder {
    input: ListSubCustomersInput,
}

impl ListSubCustomersInputBuilder {
    /// `account_name`: the customer's account name, matched fuzzily; at most 64 characters,
    /// no spaces. `""` is no filter (the reference's reading, sent as given).
    #[must_use]
    pub fn account_name(mut self, name: impl Into<String>) -> Self {
        self.input.account_name = Some(name.into());
        self
    }

    /// `customer`: the customer's real-name authentication name, matched fuzzily; at most 64
    /// characters, no spaces. `""` is no filter.
    #[must_use]
    pub fn customer(mut self, name: impl Into<String>) -> Self {
        self.input.customer = Some(name.into());
        self
    }

    /// `offset`: customers to skip, 0 (the vendor's default) to [`MAX_OFFSET`].
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.input.offset = Some(offset);
        self
    }

    /// `limit`: customers per answer, 1 to 100 (vendor default 10; the range is the official
    /// Java SDK's).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.input.limit = Some(limit);
        self
    }

    /// `label`, matched fuzzily; at most 64 characters. `""` is no filter.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.input.label = Some(label.into());
        self
    }

    /// `association_type`: referral or reseller customers only.
    #[must_use]
    pub fn association_type(mut self, association: AssociationType) -> Self {
        self.input.association_type = Some(association);
        self
    }

    /// `associated_on_begin`: associated at or after this UTC time, `YYYY-MM-DDThh:mm:ssZ`
    /// (such as `2019-05-06T08:05:01Z`).
    #[must_use]
    pub fn associated_on_begin(mut self, at: impl Into<String>) -> Self {
        self.input.associated_on_begin = Some(at.into());
        self
    }

    /// `associated_on_end`: associated at or before this UTC time, `YYYY-MM-DDThh:mm:ssZ`.
    #[must_use]
    pub fn associated_on_end(mut self, at: impl Into<String>) -> Self {
        self.input.associated_on_end = Some(at.into());
        self
    }

    /// `customer_id`: the customer's account id (`domain_id`); at most 64 characters. `""` is
    /// no filter.
    #[must_use]
    pub fn customer_id(mut self, id: impl Into<String>) -> Self {
        self.input.customer_id = Some(id.into());
        self
    }

    /// `indirect_partner_id`: a reseller's customers only; at most 64 characters.
    #[must_use]
    pub fn indirect_partner_id(mut self, id: impl Into<String>) -> Self {
        self.input.indirect_partner_id = Some(id.into());
        self
    }

    /// Checks every rule.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<ListSubCustomersInput, InvalidInput> {
        let mut v = Validator::new();
        let input = &self.input;
        // (field, value, how an error shows it, whether it is a fuzzy name without spaces)
        for (field, value, shown, name) in [
            ("account_name", &input.account_name, Shown::Plain, true),
            ("customer", &input.customer, Shown::Hidden, true),
            ("label", &input.label, Shown::Plain, false),
            ("customer_id", &input.customer_id, Shown::Plain, false),
            (
                "indirect_partner_id",
                &input.indirect_partner_id,
                Shown::Plain,
                false,
            ),
        ] {
            let Some(value) = value else { continue };
            if v.char_len(field, value, 0..=64, shown) {
                v.header_value(field, value, shown);
            }
            if name {
                let spaceless = !value.chars().any(char::is_whitespace);
                v.ensure(field, spaceless, "must not hold spaces", value, shown);
            }
        }
        if let Some(offset) = input.offset {
            v.range("offset", i64::from(offset), 0..=i64::from(MAX_OFFSET));
        }
        if let Some(limit) = input.limit {
            v.range("limit", i64::from(limit), 1..=100);
        }
        for (field, value) in [
            ("associated_on_begin", &input.associated_on_begin),
            ("associated_on_end", &input.associated_on_end),
        ] {
            if let Some(value) = value {
                v.ensure(
                    field,
                    is_utc_second(value),
                    "must be a UTC time as YYYY-MM-DDThh:mm:ssZ",
                    value,
                    Shown::Plain,
                );
            }
        }
        v.finish()?;
        Ok(self.input)
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<ListSubCustomersOutput, SdkError<QueryError>> {
        client.send(&self.build()?).await
    }
}

/// `YYYY-MM-DDThh:mm:ssZ`, a real UTC time to the second.
fn is_utc_second(value: &str) -> bool {
    value.len() == 20
        && value.ends_with('Z')
        && time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
            .is_ok()
}

/// One customer (`CustomerInformation`): every field of the official model. Serializes
/// with the vendor's field names, as received.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct SubCustomer {
    /// `account_name`: the account name (the main account's, when the customer has IAM users).
    pub account_name: String,
    /// `customer_id`: the account id (`domain_id`).
    pub customer_id: String,
    /// `customer`: the real-name authentication name, if any (personal data: masked in
    /// `Debug`).
    #[serde(default)]
    pub customer: Option<String>,
    /// `associated_on`: when the customer was associated (UTC, `2019-05-06T08:05:01Z`).
    #[serde(default)]
    pub associated_on: Option<String>,
    /// `association_type`: `1` referral, `3` reseller.
    #[serde(default)]
    pub association_type: Option<String>,
    /// `label`.
    #[serde(default)]
    pub label: Option<String>,
    /// `telephone`: the customer's phone number (personal data: masked in `Debug`).
    #[serde(default)]
    pub telephone: Option<String>,
    /// `verified_status`: real-name authentication, `-1` none, `0` in review, `1` not passed,
    /// `2` verified, `3` failed.
    #[serde(default)]
    pub verified_status: Option<String>,
    /// `country_code`: the phone number's country code (such as `0086`).
    #[serde(default)]
    pub country_code: Option<String>,
    /// `customer_type`: `-1` none yet, `0` individual, `1` enterprise.
    #[serde(default)]
    pub customer_type: Option<i32>,
    /// `is_frozen`: `1` when frozen.
    #[serde(default)]
    pub is_frozen: Option<i32>,
    /// `account_managers`: the customer's account manager (one today).
    #[serde(default)]
    pub account_managers: Vec<AccountManager>,
    /// `xaccount_id`: the partner-side user id.
    #[serde(default)]
    pub xaccount_id: Option<String>,
    /// `xaccount_type`: the partner platform id.
    #[serde(default)]
    pub xaccount_type: Option<String>,
    /// `customer_level`: `V0` to `V5`.
    #[serde(default)]
    pub customer_level: Option<String>,
    /// `email`: the customer's email (personal data: masked in `Debug`).
    #[serde(default)]
    pub email: Option<String>,
}

/// An account manager of a customer (`AccountManager`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct AccountManager {
    /// `account_name`: the manager's account name.
    #[serde(default)]
    pub account_name: Option<String>,
}

impl fmt::Debug for SubCustomer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubCustomer")
            .field("account_name", &self.account_name)
            .field("customer_id", &self.customer_id)
            .field(
                "customer",
                &self.customer.as_deref().map(vcode_core::mask::other),
            )
            .field("associated_on", &self.associated_on)
            .field("association_type", &self.association_type)
            .field("label", &self.label)
            .field(
                "telephone",
                &self.telephone.as_deref().map(vcode_core::mask::phone),
            )
            .field("verified_status", &self.verified_status)
            .field("country_code", &self.country_code)
            .field("customer_type", &self.customer_type)
            .field("is_frozen", &self.is_frozen)
            .field("account_managers", &self.account_managers)
            .field("xaccount_id", &self.xaccount_id)
            .field("xaccount_type", &self.xaccount_type)
            .field("customer_level", &self.customer_level)
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .finish()
    }
}

/// One answer: a page of customers and the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSubCustomersOutput {
    customers: Vec<SubCustomer>,
    count: u32,
    request_id: Option<String>,
}

impl ListSubCustomersOutput {
    /// `customer_infos`.
    pub fn customers(&self) -> &[SubCustomer] {
        &self.customers
    }

    /// `count`: how many customers match in total.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The customer with this exact account name, if on this page.
    pub fn find_by_account_name(&self, name: &str) -> Option<&SubCustomer> {
        self.customers.iter().find(|c| c.account_name == name)
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for ListSubCustomersInput {
    type Service = Bss;
    type Output = ListSubCustomersOutput;
    type Error = QueryError;
    const NAME: &'static str = "ListSubCustomers";
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        let body = serde_json::to_vec(self).expect("a struct of strings and integers serializes");
        OperationRequest::post_json(LIST_PATH, body)
    }

    fn parse(&self, response: HttpResponse) -> Result<ListSubCustomersOutput, Failure<QueryError>> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            customer_infos: Vec<SubCustomer>,
            #[serde(default)]
            count: u32,
        }
        let (wire, request_id) =
            vcode_huawei::decode_json::<Wire, _>(&response, QueryError::from_code, |_| false)?;
        Ok(ListSubCustomersOutput {
            customers: wire.customer_infos,
            count: wire.count,
            request_id,
        })
    }
}
