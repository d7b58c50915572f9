//! `CreateSubCustomer` ("Creating a Customer"): registers the customer with the code
//! [`SendVerificationCodeInput`](crate::SendVerificationCodeInput) mailed.
//! `POST /v2/partners/sub-customers`.
//!
//! Never retried once it may have been sent: a second request could create a second customer.
//! After a "may have been sent" error (a timeout, a lost connection, an unreadable answer),
//! look the customer up with [`ListSubCustomersInput`](crate::ListSubCustomersInput) by
//! account name before trying again.

use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::InvalidInput;
use vcode_core::{Password, REDACTED};

use crate::{Bss, Client, CreateSubCustomerError, SdkError};

/// The operation's path.
pub const CREATE_PATH: &str = "/v2/partners/sub-customers";
/// The code of "created, but the partner association timed out": not an error.
pub const ASSOCIATION_TIMED_OUT: &str = "CBC.99000050";

/// A validated `CreateSubCustomer` request. `Debug` never shows the password or the code.
#[derive(Clone)]
pub struct CreateSubCustomerInput {
    domain_name: Option<String>,
    email: Option<String>,
    verification_code: Option<String>,
    domain_area: String,
    xaccount_id: String,
    xaccount_type: String,
    password: Option<Password>,
    is_close_market_ms: Option<bool>,
    indirect_partner_id: Option<String>,
    include_association_result: Option<bool>,
}

impl fmt::Debug for CreateSubCustomerInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateSubCustomerInput")
            .field("domain_name", &self.domain_name)
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .field(
                "verification_code",
                &self.verification_code.as_ref().map(|_| REDACTED),
            )
            .field("domain_area", &self.domain_area)
            .field("xaccount_id", &self.xaccount_id)
            .field("xaccount_type", &self.xaccount_type)
            .field("password", &self.password)
            .field("is_close_market_ms", &self.is_close_market_ms)
            .field("indirect_partner_id", &self.indirect_partner_id)
            .field(
                "include_association_result",
                &self.include_association_result,
            )
            .finish()
    }
}

impl CreateSubCustomerInput {
    /// A builder.
    pub fn builder() -> CreateSubCustomerInputBuilder {
        CreateSubCustomerInputBuilder::default()
    }

    /// The account name asked for, if any (unset: the vendor generates one).
    pub fn domain_name(&self) -> Option<&str> {
        self.domain_name.as_deref()
    }

    /// The partner-side user id.
    pub fn xaccount_id(&self) -> &str {
        &self.xaccount_id
    }

    /// The JSON body, password included.
    fn body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Wire<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            domain_name: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            email: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            verification_code: Option<&'a str>,
            domain_area: &'a str,
            xaccount_id: &'a str,
            xaccount_type: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            password: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            is_close_market_ms: Option<&'static str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            indirect_partner_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            include_association_result: Option<bool>,
        }
        serde_json::to_vec(&Wire {
            domain_name: self.domain_name.as_deref(),
            email: self.email.as_deref(),
            verification_code: self.verification_code.as_deref(),
            domain_area: &self.domain_area,
            xaccount_id: &self.xaccount_id,
            xaccount_type: &self.xaccount_type,
            password: self.password.as_ref().map(Password::expose),
            // A string on the wire, not a boolean.
            is_close_market_ms: self
                .is_close_market_ms
                .map(|close| if close { "true" } else { "false" }),
            indirect_partner_id: self.indirect_partner_id.as_deref(),
            include_association_result: self.include_association_result,
        })
        .expect("a struct of strings and booleans always serializes")
    }
}

/// Builds a [`CreateSubCustomerInput`].
#[derive(Clone, Default)]
pub struct CreateSubCustomerInputBuilder {
    domain_name: Option<String>,
    email: Option<String>,
    verification_code: Option<String>,
    domain_area: Option<String>,
    xaccount_id: Option<String>,
    xaccount_type: Option<String>,
    password: Option<Password>,
    is_close_market_ms: Option<bool>,
    indirect_partner_id: Option<String>,
    include_association_result: Option<bool>,
}

impl fmt::Debug for CreateSubCustomerInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateSubCustomerInputBuilder")
            .field("domain_name", &self.domain_name)
            .field("email", &self.email.as_deref().map(vcode_core::mask::email))
            .field(
                "verification_code",
                &self.verification_code.as_ref().map(|_| REDACTED),
            )
            .field("domain_area", &self.domain_area)
            .field("xaccount_id", &self.xaccount_id)
            .field("password", &self.password)
            .finish_non_exhaustive()
    }
}

impl CreateSubCustomerInputBuilder {
    /// `domain_name`, the Huawei account name: 5 to 32 letters, digits, `_` or `-`, not
    /// starting with a digit, `op_` or `shadow_`. Unset or `""` (the reference: "if this
    /// parameter is left empty, a random name is generated"), the vendor generates one.
    #[must_use]
    pub fn domain_name(mut self, name: impl Into<String>) -> Self {
        self.domain_name = Some(name.into());
        self
    }

    /// Sets `domain_name` to a name picked here: `vc-` and 20 random lowercase letters and
    /// digits (a 103-bit space), instead of leaving it to the vendor. A create with a name of
    /// its own can be [resolved](vcode_core::resolve::Resolve) when its answer is lost; one
    /// whose name the vendor picks cannot (nothing else identifies it).
    #[must_use]
    pub fn unique_domain_name(mut self) -> Self {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let picked: String = (0..20)
            .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
            .collect();
        self.domain_name = Some(format!("vc-{picked}"));
        self
    }

    /// The customer's email, at most 64 characters. With an email, the
    /// [`verification_code`](Self::verification_code) mailed to it is required.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// The code mailed to [`email`](Self::email): 6 digits (the length the vendor documents
    /// on the China site; the international pages say only "the code").
    #[must_use]
    pub fn verification_code(mut self, code: impl Into<String>) -> Self {
        self.verification_code = Some(code.into());
        self
    }

    /// `domain_area`, the customer's country or region as an ISO 3166 alpha-2 code (`MX`).
    /// Required here: the international reference marks it mandatory (the SDKs make it
    /// optional), and sending it satisfies both.
    #[must_use]
    pub fn domain_area(mut self, area: impl Into<String>) -> Self {
        self.domain_area = Some(area.into());
        self
    }

    /// `xaccount_id`, the customer's id on the partner's platform (unique, used for SSO),
    /// 1 to 128 characters. Required.
    #[must_use]
    pub fn xaccount_id(mut self, id: impl Into<String>) -> Self {
        self.xaccount_id = Some(id.into());
        self
    }

    /// `xaccount_type`, the platform id Huawei assigned to the partner, 1 to 64 characters.
    /// Required.
    #[must_use]
    pub fn xaccount_type(mut self, platform: impl Into<String>) -> Self {
        self.xaccount_type = Some(platform.into());
        self
    }

    /// The customer's password: 8 to 32 characters with at least two of upper-case letters,
    /// lower-case letters, digits and other characters; not the account name nor its
    /// reverse; not containing the email. Unset, the customer signs in only through the
    /// partner's SSO.
    #[must_use]
    pub fn password(mut self, password: impl Into<Password>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// `is_close_market_ms`: whether to stop marketing messages (sent as `"true"`/`"false"`).
    #[must_use]
    pub fn close_marketing_messages(mut self, close: bool) -> Self {
        self.is_close_market_ms = Some(close);
        self
    }

    /// `indirect_partner_id`: the reseller the customer belongs to, at most 64 characters;
    /// required when creating a reseller's customer.
    #[must_use]
    pub fn indirect_partner_id(mut self, id: impl Into<String>) -> Self {
        self.indirect_partner_id = Some(id.into());
        self
    }

    /// `include_association_result`: whether the vendor waits for the partner association.
    #[must_use]
    pub fn include_association_result(mut self, include: bool) -> Self {
        self.include_association_result = Some(include);
        self
    }

    /// Checks every documented rule and reports all violations together.
    ///
    /// # Errors
    /// [`InvalidInput`] naming each wire field and the rule it broke (a password is never
    /// shown).
    pub fn build(self) -> Result<CreateSubCustomerInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(name) = self.domain_name.as_deref().filter(|n| !n.is_empty()) {
            crate::account_name::check(&mut v, "domain_name", name, true);
            v.ensure(
                "domain_name",
                !name.bytes().all(|b| b.is_ascii_digit()),
                "must not be all digits",
                name,
                Shown::Plain,
            );
        }
        if let Some(email) = &self.email
            && v.char_len("email", email, 1..=64, Shown::Email)
        {
            v.email("email", email);
        }
        match (&self.email, &self.verification_code) {
            (_, Some(code)) => {
                if v.char_len("verification_code", code, 6..=6, Shown::Hidden) {
                    v.digits("verification_code", code, Shown::Hidden);
                }
            }
            (Some(email), None) => {
                v.ensure(
                    "verification_code",
                    false,
                    "is required with an email (the code mailed to it)",
                    email,
                    Shown::Hidden,
                );
            }
            (None, None) => {}
        }
        if let Some(area) = v.required("domain_area", self.domain_area.as_deref()) {
            v.ensure(
                "domain_area",
                area.len() == 2 && area.bytes().all(|b| b.is_ascii_uppercase()),
                "must be an ISO 3166 alpha-2 code in capitals (such as MX)",
                area,
                Shown::Plain,
            );
        }
        if let Some(id) = v.required("xaccount_id", self.xaccount_id.as_deref()) {
            v.char_len("xaccount_id", id, 1..=128, Shown::Plain);
        }
        if let Some(platform) = v.required("xaccount_type", self.xaccount_type.as_deref()) {
            v.char_len("xaccount_type", platform, 1..=64, Shown::Plain);
        }
        if let Some(password) = &self.password {
            check_password(
                &mut v,
                password.expose(),
                self.domain_name.as_deref(),
                self.email.as_deref(),
            );
        }
        if let Some(id) = &self.indirect_partner_id {
            v.char_len("indirect_partner_id", id, 1..=64, Shown::Plain);
        }
        v.finish()?;
        Ok(CreateSubCustomerInput {
            domain_name: self.domain_name,
            email: self.email,
            verification_code: self.verification_code,
            domain_area: self.domain_area.unwrap_or_default(),
            xaccount_id: self.xaccount_id.unwrap_or_default(),
            xaccount_type: self.xaccount_type.unwrap_or_default(),
            password: self.password,
            is_close_market_ms: self.is_close_market_ms,
            indirect_partner_id: self.indirect_partner_id,
            include_association_result: self.include_association_result,
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of
    /// [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<CreateSubCustomerOutput, SdkError<CreateSubCustomerError>> {
        client.send(&self.build()?).await
    }
}

/// The documented password policy; the password itself never appears in a violation.
fn check_password(v: &mut Validator, password: &str, name: Option<&str>, email: Option<&str>) {
    const FIELD: &str = "password";
    if !v.char_len(FIELD, password, 8..=32, Shown::Hidden) {
        return;
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    v.ensure(
        FIELD,
        classes.iter().filter(|held| **held).count() >= 2,
        "needs at least two of: upper-case letters, lower-case letters, digits, other characters",
        password,
        Shown::Hidden,
    );
    if let Some(name) = name {
        let reversed: String = name.chars().rev().collect();
        v.ensure(
            FIELD,
            password != name && password != reversed,
            "must not be the account name or its reverse",
            password,
            Shown::Hidden,
        );
    }
    if let Some(email) = email {
        v.ensure(
            FIELD,
            !password.contains(email),
            "must not contain the email",
            password,
            Shown::Hidden,
        );
    }
}

/// Whether the new customer is associated with the partner yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Association {
    /// HTTP 200: created (the association itself proceeds asynchronously).
    Requested,
    /// `CBC.99000050` (HTTP 500): **created**, but querying the association timed out.
    /// Confirm with [`ListSubCustomersInput`](crate::ListSubCustomersInput); never create again.
    Pending,
}

/// The customer exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateSubCustomerOutput {
    domain_id: String,
    domain_name: String,
    association: Association,
    request_id: Option<String>,
}

impl CreateSubCustomerOutput {
    /// `domain_id`, the customer's account id.
    pub fn domain_id(&self) -> &str {
        &self.domain_id
    }

    /// `domain_name`, the account name (the one asked for, or the generated one).
    pub fn domain_name(&self) -> &str {
        &self.domain_name
    }

    /// Whether the association answer came back ([`Association::Pending`] after
    /// `CBC.99000050`).
    pub fn association(&self) -> Association {
        self.association
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for CreateSubCustomerInput {
    type Service = Bss;
    type Output = CreateSubCustomerOutput;
    type Error = CreateSubCustomerError;
    const NAME: &'static str = "CreateSubCustomer";

    fn request(&self) -> OperationRequest {
        OperationRequest::post_secret_json(
            CREATE_PATH,
            self.body(),
            self.password.iter().cloned().collect(),
        )
    }

    /// HTTP 200 with `domain_id`/`domain_name`, or `CBC.99000050` with both: the customer
    /// exists either way.
    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<CreateSubCustomerOutput, Failure<CreateSubCustomerError>> {
        #[derive(Deserialize)]
        struct Wire {
            domain_id: String,
            domain_name: String,
            error_code: Option<String>,
        }
        let (wire, request_id) = vcode_huawei::decode_json::<Wire, _>(
            &response,
            CreateSubCustomerError::from_code,
            |code| code == ASSOCIATION_TIMED_OUT,
        )?;
        if wire.domain_id.is_empty() {
            return Err(Failure::Response(vcode_core::ResponseError::malformed(
                &response,
                "a domain_id",
            )));
        }
        Ok(CreateSubCustomerOutput {
            domain_id: wire.domain_id,
            domain_name: wire.domain_name,
            association: if wire.error_code.as_deref() == Some(ASSOCIATION_TIMED_OUT) {
                Association::Pending
            } else {
                Association::Requested
            },
            request_id,
        })
    }
}
