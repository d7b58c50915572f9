//! `CreateAccount`: creates a customer account with the SMS code `SendVerifyCode` sent, bound
//! to the partner. Allow-listed partners only; 5 requests a second; at most five accounts per
//! phone number.
//!
//! Never retried once it may have been sent: a second request could create a second account
//! (the first one then answers `FailedOperation.MailIsRegistered` to the second). After a
//! "may have been sent" error, check the partner's customer list before trying again.

use std::fmt;

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::service::{Shown, Validator};
use vcode_core::validate::{InvalidInput, Rule};
use vcode_core::{Password, REDACTED};

use crate::send_verify_code::check_country_code;
use crate::{
    Client, CreateAccountError, GetCountryCodesOutput, GetTradeConfigListOutput, Partners,
    SdkError, VERSION,
};

/// The action.
pub const CREATE_ACCOUNT: &str = "CreateAccount";
/// Requests per second `CreateAccount` allows.
pub const CREATE_ACCOUNT_RATE_LIMIT: u32 = 5;
/// Accounts one phone number may hold (`FailedOperation.PhoneBindUpper` beyond).
pub const ACCOUNTS_PER_PHONE: u32 = 5;
/// The symbols a password may (and must) use.
pub const PASSWORD_SYMBOLS: &str = "!@#$%^&*()";

/// `AccountType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountType {
    /// `personal`.
    Personal,
    /// `company`.
    Company,
}

impl AccountType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Company => "company",
        }
    }
}

/// The most characters of `Extended` this client sends: the vendor documents no limit for the
/// extension field, and an unbounded one would let any amount of text into the vendor's records.
pub const EXTENDED_MAX_CHARS: usize = 1024;

/// A validated `CreateAccount` request. `Debug` never shows the passwords or the code.
#[derive(Clone)]
pub struct CreateAccountInput {
    account_type: AccountType,
    mail: String,
    password: Password,
    confirm_password: Password,
    phone_num: String,
    country_code: String,
    area: String,
    verify_code: String,
    trade_one: String,
    trade_two: String,
    extended: Option<String>,
    customer_name: Option<String>,
}

impl fmt::Debug for CreateAccountInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateAccountInput")
            .field("account_type", &self.account_type)
            .field("mail", &vcode_core::mask::email(&self.mail))
            .field("password", &self.password)
            .field("confirm_password", &self.confirm_password)
            .field("phone_num", &vcode_core::mask::phone(&self.phone_num))
            .field("country_code", &self.country_code)
            .field("area", &self.area)
            .field("verify_code", &REDACTED)
            .field("trade_one", &self.trade_one)
            .field("trade_two", &self.trade_two)
            .field(
                "customer_name",
                &self.customer_name.as_deref().map(vcode_core::mask::other),
            )
            .finish_non_exhaustive()
    }
}

impl CreateAccountInput {
    /// A builder.
    pub fn builder() -> CreateAccountInputBuilder {
        CreateAccountInputBuilder::default()
    }

    /// `Mail`: the account's email, the key [`resolve`](vcode_core::resolve::Resolve::resolve)
    /// looks the account up by.
    pub fn mail(&self) -> &str {
        &self.mail
    }

    /// Checks `CountryCode`/`Area` against [`GetCountryCodes`](crate::GetCountryCodesInput)
    /// and `TradeOne`/`TradeTwo` against [`GetTradeConfigList`](crate::GetTradeConfigListInput),
    /// before anything is sent.
    ///
    /// # Errors
    /// [`InvalidInput`] naming `CountryCode`, `Area` or `TradeTwo`.
    pub fn check_choices(
        &self,
        countries: &GetCountryCodesOutput,
        trades: &GetTradeConfigListOutput,
    ) -> Result<(), InvalidInput> {
        let mut v = Validator::new();
        match countries.by_code(&self.country_code) {
            None => v.violation(
                "CountryCode",
                Rule::NotAllowed("is not in GetCountryCodes"),
                Some(self.country_code.clone()),
            ),
            Some(country) if country.iso2 != self.area => v.violation(
                "Area",
                Rule::NotAllowed("is not the ISO code GetCountryCodes gives for CountryCode"),
                Some(self.area.clone()),
            ),
            Some(_) => {}
        }
        if !trades.contains(&self.trade_one, &self.trade_two) {
            v.violation(
                "TradeTwo",
                Rule::NotAllowed("is not a layer-2 industry of TradeOne in GetTradeConfigList"),
                Some(vcode_core::mask::truncate(&self.trade_two)),
            );
        }
        v.finish()
    }

    /// The JSON body, passwords included.
    fn body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Wire<'a> {
            account_type: &'a str,
            mail: &'a str,
            password: &'a str,
            confirm_password: &'a str,
            phone_num: &'a str,
            country_code: &'a str,
            area: &'a str,
            verify_code: &'a str,
            trade_one: &'a str,
            trade_two: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            extended: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            customer_name: Option<&'a str>,
        }
        serde_json::to_vec(&Wire {
            account_type: self.account_type.as_str(),
            mail: &self.mail,
            password: self.password.expose(),
            confirm_password: self.confirm_password.expose(),
            phone_num: &self.phone_num,
            country_code: &self.country_code,
            area: &self.area,
            verify_code: &self.verify_code,
            trade_one: &self.trade_one,
            trade_two: &self.trade_two,
            extended: self.extended.as_deref(),
            customer_name: self.customer_name.as_deref(),
        })
        .expect("a struct of strings always serializes")
    }
}

/// Builds a [`CreateAccountInput`].
#[derive(Clone, Default)]
pub struct CreateAccountInputBuilder {
    account_type: Option<AccountType>,
    mail: Option<String>,
    password: Option<Password>,
    confirm_password: Option<Password>,
    phone_num: Option<String>,
    country_code: Option<String>,
    area: Option<String>,
    verify_code: Option<String>,
    trade_one: Option<String>,
    trade_two: Option<String>,
    extended: Option<String>,
    customer_name: Option<String>,
}

impl fmt::Debug for CreateAccountInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateAccountInputBuilder")
            .field("account_type", &self.account_type)
            .field("mail", &self.mail.as_deref().map(vcode_core::mask::email))
            .field("password", &self.password)
            .field("confirm_password", &self.confirm_password)
            .field(
                "phone_num",
                &self.phone_num.as_deref().map(vcode_core::mask::phone),
            )
            .field("verify_code", &self.verify_code.as_ref().map(|_| REDACTED))
            .finish_non_exhaustive()
    }
}

impl CreateAccountInputBuilder {
    /// `AccountType`. Required.
    #[must_use]
    pub fn account_type(mut self, account_type: AccountType) -> Self {
        self.account_type = Some(account_type);
        self
    }

    /// `Mail`, the account's email. Required.
    #[must_use]
    pub fn mail(mut self, mail: impl Into<String>) -> Self {
        self.mail = Some(mail.into());
        self
    }

    /// `Password`: 8 to 20 characters of letters, digits and the symbols `!@#$%^&*()`, with at
    /// least one of each kind; no spaces. Required.
    #[must_use]
    pub fn password(mut self, password: impl Into<Password>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// `ConfirmPassword`: the same password again. Required.
    #[must_use]
    pub fn confirm_password(mut self, password: impl Into<Password>) -> Self {
        self.confirm_password = Some(password.into());
        self
    }

    /// `PhoneNum`: the number the code was sent to, 1 to 32 digits. Required.
    #[must_use]
    pub fn phone_num(mut self, phone: impl Into<String>) -> Self {
        self.phone_num = Some(phone.into());
        self
    }

    /// `CountryCode`: the calling code from `GetCountryCodes` (not 7, 380 or 86). Required.
    #[must_use]
    pub fn country_code(mut self, code: impl Into<String>) -> Self {
        self.country_code = Some(code.into());
        self
    }

    /// `Area`: the ISO 3166 alpha-2 code matching `CountryCode` (`HK`). Required.
    #[must_use]
    pub fn area(mut self, area: impl Into<String>) -> Self {
        self.area = Some(area.into());
        self
    }

    /// `VerifyCode`: the 6-digit code `SendVerifyCode` texted to `PhoneNum`. Required.
    #[must_use]
    pub fn verify_code(mut self, code: impl Into<String>) -> Self {
        self.verify_code = Some(code.into());
        self
    }

    /// `TradeOne`: the layer-1 industry id from `GetTradeConfigList` (`kghy_01`). Required.
    #[must_use]
    pub fn trade_one(mut self, id: impl Into<String>) -> Self {
        self.trade_one = Some(id.into());
        self
    }

    /// `TradeTwo`: a layer-2 industry id under `TradeOne` (`kghy_0101`). Required.
    #[must_use]
    pub fn trade_two(mut self, id: impl Into<String>) -> Self {
        self.trade_two = Some(id.into());
        self
    }

    /// `Extended`: the extension field (empty by default). The vendor documents no limit;
    /// this client takes at most [`EXTENDED_MAX_CHARS`] characters of plain text.
    #[must_use]
    pub fn extended(mut self, extended: impl Into<String>) -> Self {
        self.extended = Some(extended.into());
        self
    }

    /// `CustomerName`: the person's name or the company's full name, 2 to 200 characters, not
    /// all digits.
    #[must_use]
    pub fn customer_name(mut self, name: impl Into<String>) -> Self {
        self.customer_name = Some(name.into());
        self
    }

    /// Checks every documented rule and reports all violations together (a password is never
    /// shown).
    ///
    /// # Errors
    /// [`InvalidInput`] naming each wire field and the rule it broke.
    pub fn build(self) -> Result<CreateAccountInput, InvalidInput> {
        let mut v = Validator::new();
        v.required("AccountType", self.account_type.as_ref());
        if let Some(mail) = v.required("Mail", self.mail.as_deref())
            && v.char_len("Mail", mail, 1..=254, Shown::Email)
        {
            v.email("Mail", mail);
        }
        if let Some(password) = v.required("Password", self.password.as_ref()) {
            check_password(&mut v, password.expose());
        }
        if let (Some(password), Some(confirm)) = (
            &self.password,
            v.required("ConfirmPassword", self.confirm_password.as_ref()),
        ) {
            v.ensure(
                "ConfirmPassword",
                password.expose() == confirm.expose(),
                "must equal Password",
                "",
                Shown::Hidden,
            );
        }
        if let Some(phone) = v.required("PhoneNum", self.phone_num.as_deref()) {
            v.char_len("PhoneNum", phone, 1..=32, Shown::Phone);
            v.digits("PhoneNum", phone, Shown::Phone);
        }
        let country_code =
            check_country_code(&mut v, self.country_code.as_deref()).map(str::to_owned);
        if let Some(area) = v.required("Area", self.area.as_deref()) {
            v.ensure(
                "Area",
                area.len() == 2 && area.bytes().all(|b| b.is_ascii_uppercase()),
                "must be an ISO 3166 alpha-2 code in capitals (such as HK)",
                area,
                Shown::Plain,
            );
        }
        if let Some(code) = v.required("VerifyCode", self.verify_code.as_deref())
            && v.char_len("VerifyCode", code, 6..=6, Shown::Hidden)
        {
            v.digits("VerifyCode", code, Shown::Hidden);
        }
        for (field, id) in [("TradeOne", &self.trade_one), ("TradeTwo", &self.trade_two)] {
            if let Some(id) = v.required(field, id.as_deref())
                && v.char_len(field, id, 1..=64, Shown::Plain)
            {
                v.header_value(field, id, Shown::Plain);
            }
        }
        if let Some(extended) = &self.extended {
            v.char_len("Extended", extended, 0..=EXTENDED_MAX_CHARS, Shown::Hidden);
        }
        if let Some(name) = &self.customer_name
            && v.char_len("CustomerName", name, 2..=200, Shown::Hidden)
        {
            v.ensure(
                "CustomerName",
                !name.chars().all(|c| c.is_ascii_digit()),
                "must not be all digits",
                name,
                Shown::Hidden,
            );
        }
        v.finish()?;
        Ok(CreateAccountInput {
            account_type: self.account_type.unwrap_or(AccountType::Personal),
            mail: self.mail.unwrap_or_default(),
            password: self.password.unwrap_or_else(|| Password::new("")),
            confirm_password: self.confirm_password.unwrap_or_else(|| Password::new("")),
            phone_num: self.phone_num.unwrap_or_default(),
            country_code: country_code.unwrap_or_default(),
            area: self.area.unwrap_or_default(),
            verify_code: self.verify_code.unwrap_or_default(),
            trade_one: self.trade_one.unwrap_or_default(),
            trade_two: self.trade_two.unwrap_or_default(),
            extended: self.extended,
            customer_name: self.customer_name,
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
    ) -> Result<CreateAccountOutput, SdkError<CreateAccountError>> {
        client.send(&self.build()?).await
    }
}

/// The documented password policy; the password never appears in a violation.
fn check_password(v: &mut Validator, password: &str) {
    if !v.char_len("Password", password, 8..=20, Shown::Hidden) {
        return;
    }
    let symbol = |c: char| PASSWORD_SYMBOLS.contains(c);
    v.ensure(
        "Password",
        password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || symbol(c)),
        "may hold only letters, digits and !@#$%^&*() (no spaces)",
        password,
        Shown::Hidden,
    );
    v.ensure(
        "Password",
        password.chars().any(|c| c.is_ascii_alphabetic())
            && password.chars().any(|c| c.is_ascii_digit())
            && password.chars().any(symbol),
        "needs letters, digits and at least one of !@#$%^&*()",
        password,
        Shown::Hidden,
    );
}

/// The account exists and is bound to the partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateAccountOutput {
    uin: String,
    reason: Option<String>,
    request_id: String,
}

impl CreateAccountOutput {
    /// `Uin`, the new account's id.
    pub fn uin(&self) -> &str {
        &self.uin
    }

    /// `Reason`, the binding result (`success`).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// Tencent's `RequestId` (always present on a Tencent answer; an `Option` as on every
    /// operation of every vendor crate).
    pub fn request_id(&self) -> Option<&str> {
        Some(&self.request_id)
    }
}

impl Operation for CreateAccountInput {
    type Service = Partners;
    type Output = CreateAccountOutput;
    type Error = CreateAccountError;
    const NAME: &'static str = CREATE_ACCOUNT;

    fn request(&self) -> OperationRequest {
        vcode_tencent::secret_action_request(
            CREATE_ACCOUNT,
            VERSION,
            self.body(),
            vec![self.password.clone(), self.confirm_password.clone()],
        )
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<CreateAccountOutput, Failure<CreateAccountError>> {
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Wire {
            uin: String,
            reason: Option<String>,
        }
        let (wire, request_id) =
            vcode_tencent::decode_action::<Wire, _>(&response, CreateAccountError::from_code)?;
        Ok(CreateAccountOutput {
            uin: wire.uin,
            reason: wire.reason,
            request_id,
        })
    }

    /// [`CREATE_ACCOUNT_RATE_LIMIT`] requests a second per account.
    fn guard_key(&self) -> Option<vcode_core::guard::GuardKey> {
        Some(vcode_core::guard::GuardKey::rate_only(
            "tencent-partners",
            Self::NAME,
            CREATE_ACCOUNT_RATE_LIMIT,
        ))
    }
}
