//! `QueryCustomersCredit`: the partner's customers with their credit and basic information,
//! filtered by UIN, name, remark or email, a page at a time. 5 requests a second. This is how
//! a partner finds an account `CreateAccount` made (by its `Mail`): see
//! [`CreateAccountInput::resolve`](crate::CreateAccountInput).

use std::collections::HashSet;
use std::fmt;
use std::future::Future;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::futures_core::Stream;
use vcode_core::paginate::Pages;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::{Client, Partners, QueryCustomersCreditError, SdkError, VERSION};

/// The action.
pub const QUERY_CUSTOMERS_CREDIT: &str = "QueryCustomersCredit";

/// The longest `Filter` taken: this crate's bound (the vendor documents none).
pub const FILTER_MAX_CHARS: usize = 256;

/// `FilterType`: what `Filter` is matched against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FilterType {
    /// `ClientUin`: the customer's UIN.
    ClientUin,
    /// `Name`: the customer's name.
    Name,
    /// `Remark`: the partner's remark on the customer.
    Remark,
    /// `Email`: the customer's email (what `CreateAccount` took as `Mail`).
    Email,
}

impl FilterType {
    /// The wire value.
    pub fn wire_value(self) -> &'static str {
        match self {
            Self::ClientUin => "ClientUin",
            Self::Name => "Name",
            Self::Remark => "Remark",
            Self::Email => "Email",
        }
    }
}

/// `Order`: by `AssociationTime`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Order {
    /// `desc`, newest first (the vendor's default).
    #[default]
    Desc,
    /// `asc`, oldest first.
    Asc,
}

impl Order {
    /// The wire value.
    pub fn wire_value(self) -> &'static str {
        match self {
            Self::Desc => "desc",
            Self::Asc => "asc",
        }
    }
}

/// The `QueryCustomersCredit` request: every field optional, as the vendor documents.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct QueryCustomersCreditInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    filter_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<&'static str>,
}

impl fmt::Debug for QueryCustomersCreditInput {
    // An email or a name filter is personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryCustomersCreditInput")
            .field("filter_type", &self.filter_type)
            .field(
                "filter",
                &self.filter.as_deref().map(vcode_core::mask::other),
            )
            .field("page", &self.page)
            .field("page_size", &self.page_size)
            .field("order", &self.order)
            .finish()
    }
}

impl QueryCustomersCreditInput {
    /// A builder.
    pub fn builder() -> QueryCustomersCreditInputBuilder {
        QueryCustomersCreditInputBuilder::default()
    }

    /// Every page from `Page` (default 1) on, as [`CustomerPages`].
    pub fn pages(&self, client: &Client) -> CustomerPages {
        CustomerPages {
            client: client.clone(),
            input: self.clone(),
            next_page: Some(self.page.unwrap_or(1)),
            seen: HashSet::new(),
            received: 0,
            last: None,
        }
    }
}

/// Builds a [`QueryCustomersCreditInput`].
#[derive(Clone, Default)]
pub struct QueryCustomersCreditInputBuilder {
    filter: Option<(FilterType, String)>,
    page: Option<u32>,
    page_size: Option<u32>,
    order: Option<Order>,
}

impl fmt::Debug for QueryCustomersCreditInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryCustomersCreditInputBuilder")
            .field(
                "filter",
                &self
                    .filter
                    .as_ref()
                    .map(|(kind, value)| (kind, vcode_core::mask::other(value))),
            )
            .field("page", &self.page)
            .field("page_size", &self.page_size)
            .field("order", &self.order)
            .finish()
    }
}

impl QueryCustomersCreditInputBuilder {
    /// `FilterType` and `Filter`: only customers whose `filter_type` matches `filter` (at most
    /// [`FILTER_MAX_CHARS`]).
    #[must_use]
    pub fn filter(mut self, filter_type: FilterType, filter: impl Into<String>) -> Self {
        self.filter = Some((filter_type, filter.into()));
        self
    }

    /// `Page`, from 1 (the page [`pages`](QueryCustomersCreditInput::pages) starts at).
    #[must_use]
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// `PageSize`, customers per page, at least 1 (the vendor documents no maximum).
    #[must_use]
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// `Order` by `AssociationTime` (default [`Order::Desc`]).
    #[must_use]
    pub fn order(mut self, order: Order) -> Self {
        self.order = Some(order);
        self
    }

    /// Checks every rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming `Filter`, `Page` or `PageSize`.
    pub fn build(self) -> Result<QueryCustomersCreditInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some((_, filter)) = &self.filter {
            v.char_len("Filter", filter, 0..=FILTER_MAX_CHARS, Shown::Hidden);
        }
        if let Some(page) = self.page {
            v.range("Page", i64::from(page), 1..=i64::from(u32::MAX));
        }
        if let Some(size) = self.page_size {
            v.range("PageSize", i64::from(size), 1..=i64::from(u32::MAX));
        }
        v.finish()?;
        let (filter_type, filter) = match self.filter {
            Some((kind, value)) => (Some(kind.wire_value()), Some(value)),
            None => (None, None),
        };
        Ok(QueryCustomersCreditInput {
            filter_type,
            filter,
            page: self.page,
            page_size: self.page_size,
            order: self.order.map(Order::wire_value),
        })
    }

    /// Builds and sends with `client` (one page).
    ///
    /// # Errors
    /// An [`InvalidInput`] from [`build`](Self::build), or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<QueryCustomersCreditOutput, SdkError<QueryCustomersCreditError>> {
        client.send(&self.build()?).await
    }
}

/// One customer (`QueryCustomersCreditData`): every field of the official model, as the
/// vendor sent it (each may be absent or null). Serializes with the vendor's field names.
#[derive(Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CustomerCredit {
    /// `ClientUin`: the customer's UIN (what `CreateAccount` answered as `Uin`).
    pub client_uin: Option<u64>,
    /// `Name` (personal data: masked in `Debug`).
    pub name: Option<String>,
    /// `Type`.
    #[serde(rename = "Type")]
    pub customer_type: Option<String>,
    /// `Mobile` (personal data: masked in `Debug`).
    pub mobile: Option<String>,
    /// `Email` (personal data: masked in `Debug`).
    pub email: Option<String>,
    /// `Arrears`: the overdue payment flag.
    pub arrears: Option<String>,
    /// `AssociationTime`: when the customer was bound to the partner.
    pub association_time: Option<String>,
    /// `RecentExpiry`: the nearest expiry.
    pub recent_expiry: Option<String>,
    /// `Credit`: the credit allocated to the customer.
    pub credit: Option<f64>,
    /// `RemainingCredit`: what remains of it.
    pub remaining_credit: Option<f64>,
    /// `IdentifyType`: `0` not verified, `1` individual, `2` enterprise.
    pub identify_type: Option<i64>,
    /// `Remark`: the partner's remark.
    pub remark: Option<String>,
    /// `Force`: the forced status.
    pub force: Option<i64>,
}

impl fmt::Debug for CustomerCredit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomerCredit")
            .field("client_uin", &self.client_uin)
            .field("name", &self.name.as_deref().map(vcode_core::mask::other))
            .field("customer_type", &self.customer_type)
            .field(
                "mobile",
                &self.mobile.as_deref().map(vcode_core::mask::phone),
            )
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .field("arrears", &self.arrears)
            .field("association_time", &self.association_time)
            .field("recent_expiry", &self.recent_expiry)
            .field("credit", &self.credit)
            .field("remaining_credit", &self.remaining_credit)
            .field("identify_type", &self.identify_type)
            .field("remark", &self.remark)
            .field("force", &self.force)
            .finish()
    }
}

/// One page: its customers and the `Total` of every page.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryCustomersCreditOutput {
    data: Vec<CustomerCredit>,
    total: u64,
    request_id: String,
}

impl QueryCustomersCreditOutput {
    /// `Data` (an empty list when the vendor sent `null`).
    pub fn customers(&self) -> &[CustomerCredit] {
        &self.data
    }

    /// `Total`: customers matching, over every page.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Tencent's `RequestId` (always present on a Tencent answer; an `Option` as on every
    /// operation of every vendor crate).
    pub fn request_id(&self) -> Option<&str> {
        Some(&self.request_id)
    }
}

impl Operation for QueryCustomersCreditInput {
    type Service = Partners;
    type Output = QueryCustomersCreditOutput;
    type Error = QueryCustomersCreditError;
    const NAME: &'static str = QUERY_CUSTOMERS_CREDIT;
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        let body = serde_json::to_vec(self).expect("a struct of strings and integers serializes");
        vcode_tencent::action_request(QUERY_CUSTOMERS_CREDIT, VERSION, body)
    }

    /// `Total` is required (without it a 200 is not a page); `Data` may be null.
    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<QueryCustomersCreditOutput, Failure<QueryCustomersCreditError>> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(rename = "Data", default)]
            data: Option<Vec<CustomerCredit>>,
            #[serde(rename = "Total")]
            total: u64,
        }
        let (wire, request_id) = vcode_tencent::decode_action::<Wire, _>(
            &response,
            QueryCustomersCreditError::from_code,
        )?;
        Ok(QueryCustomersCreditOutput {
            data: wire.data.unwrap_or_default(),
            total: wire.total,
            request_id,
        })
    }
}

/// Walks the pages of a [`QueryCustomersCreditInput`]. The walk stops at `Total`, at an empty
/// page, or at a page with no customer not seen before (a server ignoring `Page`); short of
/// `Total`, it ends with [`ResponseErrorKind::Incomplete`](vcode_core::ResponseErrorKind::Incomplete).
/// The pages already returned stay usable.
#[derive(Debug)]
pub struct CustomerPages {
    client: Client,
    input: QueryCustomersCreditInput,
    next_page: Option<u32>,
    seen: HashSet<u64>,
    /// Customers delivered (each once).
    received: usize,
    /// The last page's `Total` and request id, until the walk's end was judged.
    last: Option<(u32, Option<String>)>,
}

impl CustomerPages {
    /// The next page, `None` once every customer was seen; see [`CustomerPages`].
    pub async fn next_page(
        &mut self,
    ) -> Option<Result<QueryCustomersCreditOutput, SdkError<QueryCustomersCreditError>>> {
        let Some(page_number) = self.next_page.take() else {
            return vcode_core::paginate::short_listing(self.received, self.last.take());
        };
        let mut input = self.input.clone();
        input.page = Some(page_number);
        let page = match self.client.send(&input).await {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        // New customers: a UIN not seen before (one without a UIN counts as new).
        let new = page
            .data
            .iter()
            .filter(|c| c.client_uin.is_none_or(|uin| self.seen.insert(uin)))
            .count();
        let before = self.received;
        self.received += new;
        let total = u32::try_from(page.total).unwrap_or(u32::MAX);
        self.last = Some((total, page.request_id().map(str::to_owned)));
        if new == 0 && before > 0 {
            return vcode_core::paginate::short_listing(self.received, self.last.take());
        }
        let more = new > 0 && (self.received as u64) < page.total;
        self.next_page = page_number.checked_add(1).filter(|_| more);
        Some(Ok(page))
    }

    /// The pages as a `Stream` (`futures_core`'s), the short-listing error at its end
    /// included.
    pub fn into_stream(
        self,
    ) -> impl Stream<Item = Result<QueryCustomersCreditOutput, SdkError<QueryCustomersCreditError>>>
    + Send
    + Unpin {
        vcode_core::paginate::pages(self)
    }

    /// Every customer of every page, one by one, as a `Stream`; an error ends it after the
    /// customers already delivered.
    pub fn items(
        self,
    ) -> impl Stream<Item = Result<CustomerCredit, SdkError<QueryCustomersCreditError>>> + Send + Unpin
    {
        vcode_core::paginate::items(self)
    }
}

impl CustomerPages {
    /// Every customer of every page.
    ///
    /// # Errors
    /// The first page that failed, or [`Incomplete`](vcode_core::ResponseErrorKind::Incomplete)
    /// when the pages deliver fewer customers than their `Total` announced.
    pub async fn collect_all(
        mut self,
    ) -> Result<Vec<CustomerCredit>, SdkError<QueryCustomersCreditError>> {
        let mut customers = Vec::new();
        while let Some(page) = self.next_page().await {
            customers.extend(page?.data);
        }
        Ok(customers)
    }
}

impl Pages for CustomerPages {
    type Page = QueryCustomersCreditOutput;
    type Item = CustomerCredit;
    type Error = SdkError<QueryCustomersCreditError>;

    fn next_page(
        &mut self,
    ) -> impl Future<Output = Option<Result<Self::Page, Self::Error>>> + Send {
        CustomerPages::next_page(self)
    }

    fn into_items(page: Self::Page) -> Vec<CustomerCredit> {
        page.data
    }
}
