//! `ListHasVerifiedContacts` ("Querying Verified Lists"): the contacts already verified.
//! `GET /v2/servicerequest/verifycodes/has-verified`, every filter an optional query parameter.
//!
//! [`Client::send`](vcode_core::Client::send) fetches one page;
//! [`ListHasVerifiedContactsInput::pages`] walks every page until `count` contacts were seen.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::futures_core::Stream;
use vcode_core::paginate::Pages;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::contact::{ContactFields, ContactInputBuilder, Headers, shown_contact};
use crate::{Client, ContactWay, Osm, SdkError, VerifyCodesError};

/// Path of `ListHasVerifiedContacts`.
pub const HAS_VERIFIED_PATH: &str = "/v2/servicerequest/verifycodes/has-verified";
/// The page size the vendor uses when `limit` is not sent.
pub const DEFAULT_LIMIT: u32 = 10;
/// The largest `offset` the reference allows.
pub const MAX_OFFSET: u32 = 65_535;

/// A validated `ListHasVerifiedContacts` request.
#[derive(Clone, PartialEq, Eq)]
pub struct ListHasVerifiedContactsInput {
    contact_way: Option<ContactWay>,
    contact_value: Option<String>,
    area_code: Option<String>,
    headers: Headers,
    filters: ListFields,
}

impl fmt::Debug for ListHasVerifiedContactsInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListHasVerifiedContactsInput")
            .field("contact_way", &self.contact_way)
            .field(
                "contact_value",
                &self
                    .contact_value
                    .as_deref()
                    .map(|v| shown_contact(self.contact_way, v)),
            )
            .field("area_code", &self.area_code)
            .field("filters", &self.filters)
            .finish_non_exhaustive()
    }
}

/// The filters `ListHasVerifiedContacts` adds to the (optional) contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFields {
    customer_id: Option<String>,
    sub_customer_id: Option<String>,
    expired_time: Option<String>,
    verified_id: Option<String>,
    offset: Option<u32>,
    limit: Option<u32>,
}

/// Builds a [`ListHasVerifiedContactsInput`]. The contact setters are filters here, each
/// optional (`contact_value` up to 256 characters).
pub type ListHasVerifiedContactsInputBuilder = ContactInputBuilder<ListFields>;

impl ContactInputBuilder<ListFields> {
    /// `customer_id`, at most 64 characters.
    #[must_use]
    pub fn customer_id(mut self, id: impl Into<String>) -> Self {
        self.own.customer_id = Some(id.into());
        self
    }

    /// `sub_customer_id`, at most 64 characters.
    #[must_use]
    pub fn sub_customer_id(mut self, id: impl Into<String>) -> Self {
        self.own.sub_customer_id = Some(id.into());
        self
    }

    /// `expired_time`, at most 32 characters (`yyyy-MM-dd HH:mm:ss`).
    #[must_use]
    pub fn expired_time(mut self, time: impl Into<String>) -> Self {
        self.own.expired_time = Some(time.into());
        self
    }

    /// `verified_id`, the verification's serial number, at most 64 characters.
    #[must_use]
    pub fn verified_id(mut self, id: impl Into<String>) -> Self {
        self.own.verified_id = Some(id.into());
        self
    }

    /// `offset`, 0 to 65535 (not sent when unset; the vendor's default is 1).
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.own.offset = Some(offset);
        self
    }

    /// `limit`, contacts per page, 0 to 100 as the reference documents (vendor default 10).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.own.limit = Some(limit);
        self
    }

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<ListHasVerifiedContactsInput, InvalidInput> {
        let mut v = Validator::new();
        self.fields.validate_filter(&mut v, 256);
        let own = &self.own;
        for (field, value, max) in [
            ("customer_id", &own.customer_id, 64),
            ("sub_customer_id", &own.sub_customer_id, 64),
            ("expired_time", &own.expired_time, 32),
            ("verified_id", &own.verified_id, 64),
        ] {
            if let Some(value) = value {
                v.char_len(field, value, 0..=max, Shown::Plain);
                v.header_value(field, value, Shown::Plain);
            }
        }
        if let Some(offset) = own.offset {
            v.range("offset", i64::from(offset), 0..=i64::from(MAX_OFFSET));
        }
        if let Some(limit) = own.limit {
            v.range("limit", i64::from(limit), 0..=100);
        }
        v.finish()?;
        let ContactFields {
            way,
            value,
            area_code,
            headers,
        } = self.fields;
        Ok(ListHasVerifiedContactsInput {
            contact_way: way,
            contact_value: value,
            area_code,
            headers,
            filters: self.own,
        })
    }

    /// Validates and fetches one page with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<ListHasVerifiedContactsOutput, SdkError<VerifyCodesError>> {
        client.send(&self.build()?).await
    }
}

impl ListHasVerifiedContactsInput {
    /// A builder.
    pub fn builder() -> ListHasVerifiedContactsInputBuilder {
        ListHasVerifiedContactsInputBuilder::default()
    }

    /// Every page, from this input's `offset` (or the first), counting `offset` in
    /// [`OffsetUnit::Items`]; see [`pages_by`](Self::pages_by).
    pub fn pages(&self, client: &Client) -> VerifiedContactPages {
        self.pages_by(client, OffsetUnit::Items)
    }

    /// Every page, counting `offset` in `unit`. The reference gives `offset` a range of
    /// 0..=65535 but a default of 1, so whether it counts contacts or pages is unconfirmed;
    /// either way the walk stops at `count`, at an empty page, or at a page with no new
    /// `verified_id`, so a wrong guess cannot loop.
    pub fn pages_by(&self, client: &Client, unit: OffsetUnit) -> VerifiedContactPages {
        let first = self.filters.offset.unwrap_or(match unit {
            OffsetUnit::Items => 0,
            OffsetUnit::Pages => 1,
        });
        VerifiedContactPages {
            client: client.clone(),
            input: self.clone(),
            unit,
            next_offset: Some(first),
            seen: HashSet::new(),
            last: None,
        }
    }

    fn with_offset(&self, offset: u32) -> Self {
        let mut input = self.clone();
        input.filters.offset = Some(offset);
        input
    }
}

/// How `offset` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OffsetUnit {
    /// Contacts to skip, from 0 (how Huawei's other list operations count).
    #[default]
    Items,
    /// Page numbers, from 1.
    Pages,
}

/// Walks the pages of a [`ListHasVerifiedContactsInput`]: call
/// [`next_page`](Self::next_page) until it answers `None`, or [`collect_all`](Self::collect_all).
#[derive(Debug)]
pub struct VerifiedContactPages {
    client: Client,
    input: ListHasVerifiedContactsInput,
    unit: OffsetUnit,
    next_offset: Option<u32>,
    seen: HashSet<String>,
    /// The last page's `count`, request id and status, until the walk's end was judged.
    last: Option<(u32, Option<String>)>,
}

impl VerifiedContactPages {
    /// The next page, or `None` once every contact was seen. A walk that stops short of the
    /// `count` the pages announced (a page repeats contacts already seen, or comes back empty)
    /// ends with [`ResponseErrorKind::Incomplete`](vcode_core::ResponseErrorKind::Incomplete),
    /// saying how many arrived of how many; the pages already returned stay usable. Any other
    /// error ends the walk too.
    pub async fn next_page(
        &mut self,
    ) -> Option<Result<ListHasVerifiedContactsOutput, SdkError<VerifyCodesError>>> {
        let Some(offset) = self.next_offset.take() else {
            return self.end();
        };
        let page = match self.client.send(&self.input.with_offset(offset)).await {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        let before = self.seen.len();
        self.seen
            .extend(page.contacts.iter().map(|c| c.verified_id.clone()));
        let new = self.seen.len() - before;
        self.last = Some((page.count, page.request_id.clone()));
        if new == 0 && before > 0 {
            // The same contacts again: the server ignores `offset`, or counts it differently.
            return self.end();
        }
        let step = match self.unit {
            OffsetUnit::Items => u32::try_from(page.contacts.len()).unwrap_or(u32::MAX),
            OffsetUnit::Pages => 1,
        };
        let more = new > 0 && self.seen.len() < page.count as usize;
        self.next_offset = offset
            .checked_add(step)
            .filter(|next| more && *next <= MAX_OFFSET);
        Some(Ok(page))
    }

    /// The walk's end, judged once: short of the last page's `count`, the incomplete error.
    fn end(&mut self) -> Option<Result<ListHasVerifiedContactsOutput, SdkError<VerifyCodesError>>> {
        vcode_core::paginate::short_listing(self.seen.len(), self.last.take())
    }

    /// The pages as a `Stream` (`futures_core`'s, the ecosystem's): the same walk as
    /// [`next_page`](Self::next_page), the short-listing error at its end included.
    pub fn into_stream(
        self,
    ) -> impl Stream<Item = Result<ListHasVerifiedContactsOutput, SdkError<VerifyCodesError>>>
    + Send
    + Unpin {
        vcode_core::paginate::pages(self)
    }

    /// Every contact of every page, one by one, as a `Stream`; an error (a page that failed,
    /// or the short-listing error) ends it after the contacts already delivered.
    pub fn items(
        self,
    ) -> impl Stream<Item = Result<VerifiedContact, SdkError<VerifyCodesError>>> + Send + Unpin
    {
        vcode_core::paginate::items(self)
    }

    /// Every contact of every page.
    ///
    /// # Errors
    /// The first page that failed, or [`Incomplete`](vcode_core::ResponseErrorKind::Incomplete)
    /// when the pages deliver fewer contacts than their `count` announced.
    pub async fn collect_all(mut self) -> Result<Vec<VerifiedContact>, SdkError<VerifyCodesError>> {
        let mut contacts = Vec::new();
        while let Some(page) = self.next_page().await {
            contacts.extend(page?.contacts);
        }
        Ok(contacts)
    }
}

impl Pages for VerifiedContactPages {
    type Page = ListHasVerifiedContactsOutput;
    type Item = VerifiedContact;
    type Error = SdkError<VerifyCodesError>;

    fn next_page(
        &mut self,
    ) -> impl Future<Output = Option<Result<Self::Page, Self::Error>>> + Send {
        VerifiedContactPages::next_page(self)
    }

    fn into_items(page: Self::Page) -> Vec<VerifiedContact> {
        page.contacts
    }
}

/// A verified contact (`ContactV2`). Serializes with the vendor's field names, as received.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct VerifiedContact {
    /// `contact_way`: 0 SMS, 1 email.
    pub contact_way: u8,
    /// `contact_value`: the number or address (personal data: masked in `Debug`).
    pub contact_value: String,
    /// `area_code`.
    #[serde(default)]
    pub area_code: Option<String>,
    /// `verified_id`, the verification's serial number.
    pub verified_id: String,
}

impl fmt::Debug for VerifiedContact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let way = match self.contact_way {
            0 => Some(ContactWay::Sms),
            1 => Some(ContactWay::Email),
            _ => None,
        };
        f.debug_struct("VerifiedContact")
            .field("contact_way", &self.contact_way)
            .field("contact_value", &shown_contact(way, &self.contact_value))
            .field("area_code", &self.area_code)
            .field("verified_id", &self.verified_id)
            .finish()
    }
}

/// One page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHasVerifiedContactsOutput {
    contacts: Vec<VerifiedContact>,
    count: u32,
    request_id: Option<String>,
}

impl ListHasVerifiedContactsOutput {
    /// `contact_list`.
    pub fn contacts(&self) -> &[VerifiedContact] {
        &self.contacts
    }

    /// `count`: how many contacts match in total.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for ListHasVerifiedContactsInput {
    type Service = Osm;
    type Output = ListHasVerifiedContactsOutput;
    type Error = VerifyCodesError;
    const NAME: &'static str = "ListHasVerifiedContacts";
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        let f = &self.filters;
        let text = |name: &'static str, value: &Option<String>| value.clone().map(|v| (name, v));
        let number = |name: &'static str, value: Option<u32>| value.map(|v| (name, v.to_string()));
        // The reference's order.
        let query = [
            number(
                "contact_way",
                self.contact_way.map(|w| u32::from(w.wire_value())),
            ),
            text("customer_id", &f.customer_id),
            text("sub_customer_id", &f.sub_customer_id),
            text("expired_time", &f.expired_time),
            text("verified_id", &f.verified_id),
            text("contact_value", &self.contact_value),
            text("area_code", &self.area_code),
            number("offset", f.offset),
            number("limit", f.limit),
        ];
        self.headers.apply(OperationRequest::get(
            HAS_VERIFIED_PATH,
            query.into_iter().flatten().collect(),
        ))
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<ListHasVerifiedContactsOutput, Failure<VerifyCodesError>> {
        // `count` must be there: a 200 without it (`{"unexpected": true}`) is not an empty
        // page, and must not read as "nothing verified". An empty page may leave the list out.
        #[derive(Deserialize)]
        struct Wire {
            count: u32,
            #[serde(default)]
            contact_list: Vec<VerifiedContact>,
        }
        let (wire, request_id) =
            vcode_huawei::decode_json::<Wire, _>(&response, VerifyCodesError::from_code, |_| {
                false
            })?;
        Ok(ListHasVerifiedContactsOutput {
            contacts: wire.contact_list,
            count: wire.count,
            request_id,
        })
    }
}
