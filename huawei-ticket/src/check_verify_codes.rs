//! `CheckVerifyCodes` ("Verifying Contact Methods"): checks the code a contact received.
//! `POST /v2/servicerequest/verifycodes`; success means the code was accepted.

use std::fmt;

use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;

use crate::contact::{Contact, ContactInputBuilder, VerifyCodesOutput, decode};
use crate::{Client, Error, Osm, VerifyCodesError};

/// Path of `CheckVerifyCodes`.
pub const CHECK_PATH: &str = "/v2/servicerequest/verifycodes";

/// A validated `CheckVerifyCodes` request.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckVerifyCodesInput {
    contact: Contact,
    verify_code: String,
}

impl fmt::Debug for CheckVerifyCodesInput {
    // The code is a one-time secret: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckVerifyCodesInput")
            .field("contact", &self.contact)
            .field("verify_code", &"[REDACTED]")
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
}

impl fmt::Debug for CheckFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckFields")
            .field(
                "verify_code",
                &self.verify_code.as_ref().map(|_| "[REDACTED]"),
            )
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

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each field and the rule it broke.
    pub fn build(self) -> Result<CheckVerifyCodesInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(code) = v.required("verify_code", self.own.verify_code.as_deref()) {
            v.char_len("verify_code", code, 6..=6, Shown::Hidden);
        }
        self.fields.validate(&mut v);
        v.finish()?;
        Ok(CheckVerifyCodesInput {
            contact: self.fields.into_contact(),
            verify_code: self.own.verify_code.unwrap_or_default(),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`](crate::SdkError::InvalidInput) (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send); a wrong or expired code is
    /// [`VerifyCodesError::VerificationFailed`].
    pub async fn send(self, client: &Client) -> Result<VerifyCodesOutput, Error> {
        client.send(&self.build()?).await
    }
}

impl Operation for CheckVerifyCodesInput {
    type Service = Osm;
    type Output = VerifyCodesOutput;
    type Error = VerifyCodesError;
    const NAME: &'static str = "CheckVerifyCodes";

    fn request(&self) -> OperationRequest {
        self.contact.request(CHECK_PATH, Some(&self.verify_code))
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<VerifyCodesOutput, Failure<VerifyCodesError>> {
        decode(&response)
    }
}
