//! Resolving a `CreateSubCustomer` whose answer was lost: `ListSubCustomers` by the account
//! name the create asked for (`domain_name`, unique per account: a second create with it is
//! refused, so "not created" is safe to act on). A create that left the name to the vendor
//! cannot be looked up: its resolution is unknown (set a name, or
//! [`unique_domain_name`](crate::CreateSubCustomerInputBuilder::unique_domain_name)).

use vcode_core::resolve::{Resolution, Resolve, ResolveOptions};

use crate::{Client, CreateSubCustomerInput, ListSubCustomersInput, SubCustomer};

impl Resolve for CreateSubCustomerInput {
    type Found = SubCustomer;

    /// Looks the customer up by `domain_name` with `ListSubCustomers` (`account_name`, which
    /// the vendor matches fuzzily), as often as `options` say; the customer whose
    /// `account_name` equals the name is the account, with its `customer_id`.
    async fn resolve(&self, client: &Client, options: &ResolveOptions) -> Resolution<SubCustomer> {
        let Some(name) = self.domain_name().filter(|n| !n.is_empty()) else {
            return Resolution::Unknown(
                "the vendor picked the account name, so nothing identifies the account; \
                 set domain_name (or unique_domain_name) on the create"
                    .to_owned(),
            );
        };
        let input = match ListSubCustomersInput::builder().account_name(name).build() {
            Ok(input) => input,
            Err(e) => return Resolution::Unknown(format!("the lookup cannot be sent: {e}")),
        };
        options
            .find(|| input.pages(client), |c| c.account_name == name)
            .await
    }
}
