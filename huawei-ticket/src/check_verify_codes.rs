//! `CheckVerifyCodes` ("Verifying Contact Methods"): checks the code a contact received.
//! `POST /v2/servicerequest/verifycodes`; success means the code was accepted.

use std::fmt;

use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::contact::{CheckBody, Contact, ContactInputBuilder, VerifyCodesOutput, decode};
use crate::{Client, Osm, SdkError, VerifyCodesError};

/// Path of `CheckVerifyCodes`.
pub const CHECK_PATH: &str = "/v2/servicerequest/verifycodes";

/// A validated `CheckVerifyCodes` request.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckVerifyCodesInput {
    contact: Contact,
    verify_code: String,
    x_customer_id: Option<String>,
    customer_id: Option<String>,
}

impl fmt::Debug for CheckVerifyCodesInput {
    // The code is a one-time secret: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckVerifyCodesInput")
            .field("contact", &self.contact)
            .field("verify_code", &"[REDACTED]")
            .field("x_customer_id", &self.x_customer_id)
            .field("customer_id", &self.customer_id)
            .finish()
    }
}

impl CheckVerifyCodesInput {
    /// A builder.
    pub fn builder() -> CheckVerifyCodesInputBuilder {
        CheckVerifyCodesInputBuilder::default()
    }
}

/// The fields `CheckVerifyCodes` adds to the contact.
#[derive(Clone, Default)]
pub struct CheckFields {
    verify_code: Option<String>,
    x_customer_id: Option<String>,
    customer_id: Option<String>,
}

impl fmt::Debug for CheckFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckFields")
            .field(
                "verify_code",
                &self.verify_code.as_ref().map(|_| "[REDACTED]"),
            )
            .field("x_customer_id", &self.x_customer_id)
            .field("customer_id", &self.customer_id)
            .finish()
    }
}

/// Builds a [`CheckVerifyCodesInput`]: the contact and the code.
pub type CheckVerifyCodesInputBuilder = ContactInputBuilder<CheckFields>;

impl ContactInputBuilder<CheckFields> {
    /// The code the person typed: exactly 6 characters. Required.
    #[must_use]
    pub fn verify_code(mut self, code: impl Into<String>) -> Self {
        self.own.verify_code = Some(code.into());
        self
    }

    /// `x_customer_id`: the IAM user (sub-user) id the check is for, at most 64 characters.
    /// Not sent when unset.
    #[must_use]
    pub fn x_customer_id(mut self, id: impl Into<String>) -> Self {
        self.own.x_customer_id = Some(id.into());
        self
    }

    /// `customer_id`: the customer (account) id the check is for, at most 64 characters. Not
    /// sent when unset.
    #[must_use]
    pub fn customer_id(mut self, id: impl Into<String>) -> Self {
        self.own.customer_id = Some(id.into());
        self
    }

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<CheckVerifyCodesInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(code) = v.required("verify_code", self.own.verify_code.as_deref()) {
            v.char_len("verify_code", code, 6..=6, Shown::Hidden);
        }
        for (field, id) in [
            ("x_customer_id", &self.own.x_customer_id),
            ("customer_id", &self.own.customer_id),
        ] {
            if let Some(id) = id {
                v.char_len(field, id, 0..=64, Shown::Plain);
            }
        }
        self.fields
            .validate(&mut v, crate::contact::AreaCode::Optional);
        v.finish()?;
        Ok(CheckVerifyCodesInput {
            contact: self.fields.into_contact(),
            verify_code: self.own.verify_code.unwrap_or_default(),
            x_customer_id: self.own.x_customer_id,
            customer_id: self.own.customer_id,
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send); a wrong or expired code is
    /// [`VerifyCodesError::VerificationFailed`].
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<VerifyCodesOutput, SdkError<VerifyCodesError>> {
        client.send(&self.build()?).await
    }
}

impl Operation for CheckVerifyCodesInput {
    type Service = Osm;
    type Output = VerifyCodesOutput;
    type Error = VerifyCodesError;
    const NAME: &'static str = "CheckVerifyCodes";

    fn request(&self) -> OperationRequest {
        let check = CheckBody {
            verify_code: Some(&self.verify_code),
            x_customer_id: self.x_customer_id.as_deref(),
            customer_id: self.customer_id.as_deref(),
        };
        self.contact.post(CHECK_PATH, check)
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<VerifyCodesOutput, Failure<VerifyCodesError>> {
        decode(&response)
    }
}
