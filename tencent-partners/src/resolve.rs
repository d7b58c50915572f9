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
    fn resolve<'a>(
        &'a self,
        client: &'a Client,
        options: &'a ResolveOptions,
    ) -> impl Future<Output = Resolution<CustomerCredit>> + Send + 'a {
        let mail = self.mail();
        options.look_up(move || async move {
            let input = QueryCustomersCreditInput::builder()
                .filter(FilterType::Email, mail)
                .build()
                .map_err(|e| e.to_string())?;
            let customers = input
                .pages(client)
                .collect_all()
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(customers.into_iter().find(|c| {
                c.email
                    .as_deref()
                    .is_some_and(|email| email.eq_ignore_ascii_case(mail))
            }))
        })
    }
}
