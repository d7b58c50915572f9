//! `CheckUserIdentity` ("Verifying Customer Registration Information"): whether an email,
//! mobile number or account name can still register, before a code is sent.
//! `POST /v2/partners/sub-customers/users/check-identity`.

use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::{InvalidInput, Rule};

use crate::{Bss, Client, QueryError, SdkError};

/// The operation's path.
pub const CHECK_IDENTITY_PATH: &str = "/v2/partners/sub-customers/users/check-identity";
/// The code BSS puts in `error_code` of a successful answer.
pub const SUCCESS_CODE: &str = "CBC.0000";

/// What is checked (`search_type`) and its value (`search_value`).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Identity {
    /// `email`: a full address.
    Email(String),
    /// `mobile`: `00XX-XXXXXXXX`, the calling code with `00`, a hyphen, the number.
    Mobile(String),
    /// `name`: a Huawei account name.
    Name(String),
}

impl Identity {
    /// The wire `search_type`.
    pub fn search_type(&self) -> &'static str {
        match self {
            Self::Email(_) => "email",
            Self::Mobile(_) => "mobile",
            Self::Name(_) => "name",
        }
    }

    /// The wire `search_value`.
    pub fn search_value(&self) -> &str {
        match self {
            Self::Email(value) | Self::Mobile(value) | Self::Name(value) => value,
        }
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = match self {
            Self::Email(value) => vcode_core::mask::email(value),
            Self::Mobile(value) => vcode_core::mask::phone(value),
            Self::Name(value) => vcode_core::mask::truncate(value),
        };
        write!(f, "{}({shown})", self.search_type())
    }
}

/// A validated `CheckUserIdentity` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckUserIdentityInput {
    identity: Identity,
}

impl CheckUserIdentityInput {
    /// A builder.
    pub fn builder() -> CheckUserIdentityInputBuilder {
        CheckUserIdentityInputBuilder::default()
    }

    /// What is checked.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }
}

/// Builds a [`CheckUserIdentityInput`]: set exactly one of `email`, `mobile` or
/// `account_name` (a later call replaces an earlier one).
#[derive(Clone, Debug, Default)]
pub struct CheckUserIdentityInputBuilder {
    identity: Option<Identity>,
}

impl CheckUserIdentityInputBuilder {
    /// Checks an email address (at most 64 characters).
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.identity = Some(Identity::Email(email.into()));
        self
    }

    /// Checks a mobile number written `00XX-XXXXXXXX` (such as `0065-91234567`), at most 64
    /// characters.
    #[must_use]
    pub fn mobile(mut self, mobile: impl Into<String>) -> Self {
        self.identity = Some(Identity::Mobile(mobile.into()));
        self
    }

    /// Checks an account name: 5 to 32 letters, digits, `_` or `-`, starting with a letter
    /// or `-`, not `op_…` or `shadow_…`.
    #[must_use]
    pub fn account_name(mut self, name: impl Into<String>) -> Self {
        self.identity = Some(Identity::Name(name.into()));
        self
    }

    /// Checks every documented rule.
    ///
    /// # Errors
    /// [`InvalidInput`] naming `search_value` (or `search_type` when nothing was set).
    pub fn build(self) -> Result<CheckUserIdentityInput, InvalidInput> {
        let mut v = Validator::new();
        match &self.identity {
            None => v.violation("search_type", Rule::Required, None),
            Some(Identity::Email(email)) => {
                if v.char_len("search_value", email, 1..=64, Shown::Email) {
                    v.email("search_value", email);
                }
            }
            Some(Identity::Mobile(mobile)) => {
                if v.char_len("search_value", mobile, 1..=64, Shown::Phone) {
                    let well_formed = mobile.split_once('-').is_some_and(|(code, number)| {
                        code.len() == 4
                            && code.starts_with("00")
                            && code.bytes().all(|b| b.is_ascii_digit())
                            && !number.is_empty()
                            && number.bytes().all(|b| b.is_ascii_digit())
                    });
                    v.ensure(
                        "search_value",
                        well_formed,
                        "must be written 00XX-XXXXXXXX (calling code with 00, a hyphen, digits)",
                        mobile,
                        Shown::Phone,
                    );
                }
            }
            Some(Identity::Name(name)) => {
                crate::account_name::check(&mut v, "search_value", name, false)
            }
        }
        v.finish()?;
        Ok(CheckUserIdentityInput {
            identity: self.identity.unwrap_or(Identity::Name(String::new())),
        })
    }

    /// Validates and sends with `client`.
    ///
    /// # Errors
    /// [`SdkError::InvalidInput`] (nothing sent) or any error of [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<CheckUserIdentityOutput, SdkError<QueryError>> {
        client.send(&self.build()?).await
    }
}

/// `check_result`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckResult {
    /// `available`: it can register.
    Available,
    /// `used_by_user`: it is taken.
    UsedByUser,
    /// A value this version does not know, kept as received.
    Other(String),
}

impl CheckResult {
    /// The value as the vendor sent it (`available`, `used_by_user`, or an unknown one).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Available => "available",
            Self::UsedByUser => "used_by_user",
            Self::Other(value) => value,
        }
    }
}

/// The answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckUserIdentityOutput {
    check_result: CheckResult,
    mobile_remain_available_num: Option<u32>,
    request_id: Option<String>,
}

impl CheckUserIdentityOutput {
    /// `check_result`.
    pub fn check_result(&self) -> &CheckResult {
        &self.check_result
    }

    /// Whether the email, number or name can register.
    pub fn is_available(&self) -> bool {
        self.check_result == CheckResult::Available
    }

    /// For a mobile number: how many more customers it can register.
    pub fn mobile_remain_available_num(&self) -> Option<u32> {
        self.mobile_remain_available_num
    }

    /// The vendor's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Operation for CheckUserIdentityInput {
    type Service = Bss;
    type Output = CheckUserIdentityOutput;
    type Error = QueryError;
    const NAME: &'static str = "CheckUserIdentity";
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        #[derive(Serialize)]
        struct Wire<'a> {
            search_type: &'a str,
            search_value: &'a str,
        }
        let body = serde_json::to_vec(&Wire {
            search_type: self.identity.search_type(),
            search_value: self.identity.search_value(),
        })
        .expect("a struct of strings always serializes");
        OperationRequest::post_json(CHECK_IDENTITY_PATH, body)
    }

    /// Success is HTTP 200 with `error_code` `CBC.0000` (or none) and a `check_result`.
    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<CheckUserIdentityOutput, Failure<QueryError>> {
        #[derive(Deserialize)]
        struct Wire {
            check_result: String,
            mobile_remain_available_num: Option<u32>,
        }
        let (wire, request_id) =
            vcode_huawei::decode_json::<Wire, _>(&response, QueryError::from_code, |code| {
                code == SUCCESS_CODE
            })?;
        let check_result = match wire.check_result.as_str() {
            "available" => CheckResult::Available,
            "used_by_user" => CheckResult::UsedByUser,
            other => CheckResult::Other(other.to_owned()),
        };
        Ok(CheckUserIdentityOutput {
            check_result,
            mobile_remain_available_num: wire.mobile_remain_available_num,
            request_id,
        })
    }
}
