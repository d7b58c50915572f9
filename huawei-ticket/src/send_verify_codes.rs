//! `SendVerifyCodes` ("Obtaining a Verification Code"): sends a code to a contact phone or
//! email. `POST /v2/servicerequest/verifycodes/send`; one code per contact per minute.

use vcode_core::guard::{GuardKey, RecipientRule, normalize_email, normalize_phone};
use vcode_core::service::Validator;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::validate::InvalidInput;

use crate::contact::{CheckBody, Contact, ContactInputBuilder, VerifyCodesOutput, decode};
use crate::{Client, Osm, SdkError, VerifyCodesError};

/// Path of `SendVerifyCodes`.
pub const SEND_PATH: &str = "/v2/servicerequest/verifycodes/send";

/// A validated `SendVerifyCodes` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendVerifyCodesInput {
    contact: Contact,
}

impl SendVerifyCodesInput {
    /// A builder.
    pub fn builder() -> SendVerifyCodesInputBuilder {
        SendVerifyCodesInputBuilder::default()
    }

    /// The contact way.
    pub fn contact_way(&self) -> crate::ContactWay {
        self.contact.way
    }

    /// The contact value.
    pub fn contact_value(&self) -> &str {
        &self.contact.value
    }
}

/// Builds a [`SendVerifyCodesInput`]: the contact, nothing else.
pub type SendVerifyCodesInputBuilder = ContactInputBuilder<()>;

impl ContactInputBuilder<()> {
    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<SendVerifyCodesInput, InvalidInput> {
        let mut v = Validator::new();
        self.fields
            .validate(&mut v, crate::contact::AreaCode::RequiredForSms);
        v.finish()?;
        Ok(SendVerifyCodesInput {
            contact: self.fields.into_contact(),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<VerifyCodesOutput, SdkError<VerifyCodesError>> {
        client.send(&self.build()?).await
    }
}

impl Operation for SendVerifyCodesInput {
    type Service = Osm;
    type Output = VerifyCodesOutput;
    type Error = VerifyCodesError;
    const NAME: &'static str = "SendVerifyCodes";

    fn request(&self) -> OperationRequest {
        self.contact.post(SEND_PATH, CheckBody::default())
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<VerifyCodesOutput, Failure<VerifyCodesError>> {
        decode(&response)
    }

    /// One code per contact per [`RESEND_INTERVAL`](crate::RESEND_INTERVAL).
    fn guard_key(&self) -> Option<GuardKey> {
        const RULES: [RecipientRule; 1] = [RecipientRule::cooldown(crate::RESEND_INTERVAL)];
        let recipient = match self.contact.way {
            crate::ContactWay::Email => normalize_email(&self.contact.value),
            _ => normalize_phone(
                self.contact.area_code.as_deref().unwrap_or_default(),
                &self.contact.value,
            ),
        };
        Some(GuardKey::recipient(
            "huawei-ticket",
            Self::NAME,
            &recipient,
            &RULES,
        ))
    }
}
