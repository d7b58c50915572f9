//! `ListSubCustomers` ("Querying Customers"): the partner's customers, filtered. Used here to
//! confirm that a create which timed out, or answered `CBC.99000050`, exists.
//! `POST /v2/partners/sub-customers/query`.

use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::{Bss, Client, QueryError, SdkError};

/// The operation's path.
pub const LIST_PATH: &str = "/v2/partners/sub-customers/query";

/// A validated `ListSubCustomers` request. Every filter is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ListSubCustomersInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    account_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indirect_partner_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
}

impl ListSubCustomersInput {
    /// A builder.
    pub fn builder() -> ListSubCustomersInputBuilder {
        ListSubCustomersInputBuilder::default()
    }
}

/// Builds a [`ListSubCustomersInput`].
#[derive(Clone, Debug, Default)]
pub struct ListSubCustomersInputBuilder {
    input: ListSubCustomersInput,
}

impl ListSubCustomersInputBuilder {
    /// `account_name`: the customer's account name (the vendor matches it fuzzily), 1 to 64
    /// characters.
    #[must_use]
    pub fn account_name(mut self, name: impl Into<String>) -> Self {
        self.input.account_name = Some(name.into());
        self
    }

    /// `customer_id`: the customer's account id (`domain_id`), 1 to 64 characters.
    #[must_use]
    pub fn customer_id(mut self, id: impl Into<String>) -> Self {
        self.input.customer_id = Some(id.into());
        self
    }

    /// `indirect_partner_id`: a reseller's customers only, 1 to 64 characters.
    #[must_use]
    pub fn indirect_partner_id(mut self, id: impl Into<String>) -> Self {
        self.input.indirect_partner_id = Some(id.into());
        self
    }

    /// `label` (matched fuzzily), 1 to 64 characters.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.input.label = Some(label.into());
        self
    }

    /// `offset`: customers to skip, from 0 (the vendor's default).
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.input.offset = Some(offset);
        self
    }

    /// `limit`: customers per answer, 1 to 100 (vendor default 10).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.input.limit = Some(limit);
        self
    }

    /// Checks every rule.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<ListSubCustomersInput, InvalidInput> {
        let mut v = Validator::new();
        let input = &self.input;
        for (field, value) in [
            ("account_name", &input.account_name),
            ("customer_id", &input.customer_id),
            ("indirect_partner_id", &input.indirect_partner_id),
            ("label", &input.label),
        ] {
            if let Some(value) = value {
                v.char_len(field, value, 1..=64, Shown::Plain);
            }
        }
        if let Some(limit) = input.limit {
            v.range("limit", i64::from(limit), 1..=100);
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

/// One customer (`CustomerInformation`), as far as confirming a registration needs.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SubCustomer {
    /// `account_name`.
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
    /// `xaccount_id`: the partner-side user id.
    #[serde(default)]
    pub xaccount_id: Option<String>,
    /// `xaccount_type`: the partner platform id.
    #[serde(default)]
    pub xaccount_type: Option<String>,
    /// `is_frozen`: `1` when frozen.
    #[serde(default)]
    pub is_frozen: Option<i32>,
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
            .field("xaccount_id", &self.xaccount_id)
            .field("is_frozen", &self.is_frozen)
            .finish_non_exhaustive()
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
