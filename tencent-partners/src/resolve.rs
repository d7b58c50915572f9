//! Resolving a `CreateAccount` whose answer was lost: `QueryCustomersCredit` by the email the
//! create registered (`Mail`, unique per account: a second create with it is refused with
//! `FailedOperation.MailIsRegistered`, so "not created" is safe to act on).

use vcode_core::resolve::{Resolution, Resolve, ResolveOptions};

use crate::{Client, CreateAccountInput, CustomerCredit, FilterType, QueryCustomersCreditInput};

impl Resolve for CreateAccountInput {
    type Found = CustomerCredit;

    /// Looks the account up by `Mail` with `QueryCustomersCredit` (filter `Email`), as often as
    /// `options` say; a customer whose `Email` equals the create's `Mail` (ignoring case) is
    /// the account, with its `ClientUin`.
    async fn resolve(
        &self,
        client: &Client,
        options: &ResolveOptions,
    ) -> Resolution<CustomerCredit> {
        let mail = self.mail();
        let input = match QueryCustomersCreditInput::builder()
            .filter(FilterType::Email, mail)
            .build()
        {
            Ok(input) => input,
            Err(e) => return Resolution::Unknown(format!("the lookup cannot be sent: {e}")),
        };
        options
            .find(
                || input.pages(client),
                |c| {
                    c.email
                        .as_deref()
                        .is_some_and(|email| email.eq_ignore_ascii_case(mail))
                },
            )
            .await
    }
}
