//! The error codes of `SendVerifyCode`: its own (`FailedOperation.*`, `InvalidParameterValue.*`)
//! and the API 3.0 common codes, which live once in `vcode_tencent::CommonError`.

use std::fmt;
use std::time::Duration;

use vcode_core::{ErrorClass, ServiceErrorKind, VendorCode};
use vcode_tencent::{AuthFailure, CommonError};

/// The minimum wait between two codes to one phone (`FailedOperation.SendVerifyCodeLimit60`).
pub const RESEND_INTERVAL: Duration = Duration::from_secs(60);

/// `FailedOperation` and its sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailedOperation {
    /// `FailedOperation`: the operation failed.
    General,
    /// `FailedOperation.PhoneBindUpper`: the number reached its account limit.
    PhoneBindUpper,
    /// `FailedOperation.SendVerifyCodeLimit`: codes were sent too often.
    SendVerifyCodeLimit,
    /// `FailedOperation.SendVerifyCodeLimit60`: at least 60 s must pass between codes.
    SendVerifyCodeLimit60,
    /// `FailedOperation.ExceedMaxBindCount`: the partner cannot bind more sub-accounts.
    ExceedMaxBindCount,
    /// `FailedOperation.MailIsRegistered`: the email is already registered.
    MailIsRegistered,
    /// `FailedOperation.TradeInfoIncorrect`: `TradeTwo` does not belong to `TradeOne`.
    TradeInfoIncorrect,
    /// `FailedOperation.VerificationCodeIllegal`: the verification code is wrong.
    VerificationCodeIllegal,
    /// Another `FailedOperation.*` code, kept as received.
    Other(String),
}

/// `InvalidParameterValue` and its sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidParameterValue {
    /// `InvalidParameterValue`: a parameter value is wrong.
    General,
    /// `InvalidParameterValue.UnSupportArea`: the country or region is not supported.
    UnsupportedArea,
    /// `InvalidParameterValue.<Field>Empty`: a required field is empty.
    Empty(AccountField),
    /// `InvalidParameterValue.TradeInfoEmpty`: `TradeOne` or `TradeTwo` is empty.
    TradeInfoEmpty,
    /// Another `InvalidParameterValue.*` code, kept as received.
    Other(String),
}

/// Every code `SendVerifyCode` can answer. Unknown codes keep their text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendVerifyCodeError {
    /// `FailedOperation*`.
    FailedOperation(FailedOperation),
    /// `InvalidParameterValue*`.
    InvalidParameterValue(InvalidParameterValue),
    /// An API 3.0 common code (`AuthFailure.*`, `RequestLimitExceeded*`, `InternalError`, ...).
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use FailedOperation as FO;
use InvalidParameterValue as IPV;
use SendVerifyCodeError as E;

/// A code that is not a table's: a sub-code of a known group in that group's `Other`, else a
/// common code, else `None`.
fn grouped<T>(
    code: &str,
    failed: impl FnOnce(FailedOperation) -> T,
    value: impl FnOnce(InvalidParameterValue) -> T,
    common: impl FnOnce(CommonError) -> T,
) -> Option<T> {
    match code.split_once('.').map(|(group, _)| group) {
        Some("FailedOperation") => Some(failed(FO::Other(code.to_owned()))),
        Some("InvalidParameterValue") => Some(value(IPV::Other(code.to_owned()))),
        _ => CommonError::from_code(code).map(common),
    }
}

impl VendorCode for SendVerifyCodeError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "FailedOperation",
            E::FailedOperation(FO::General),
            "the operation failed",
        ),
        (
            "FailedOperation.PhoneBindUpper",
            E::FailedOperation(FO::PhoneBindUpper),
            "the phone number reached its account limit",
        ),
        (
            "FailedOperation.SendVerifyCodeLimit",
            E::FailedOperation(FO::SendVerifyCodeLimit),
            "codes were sent to this number too often",
        ),
        (
            "FailedOperation.SendVerifyCodeLimit60",
            E::FailedOperation(FO::SendVerifyCodeLimit60),
            "at least 60 s must pass between codes to one number",
        ),
        (
            "InvalidParameterValue",
            E::InvalidParameterValue(IPV::General),
            "a parameter value is invalid",
        ),
        (
            "InvalidParameterValue.UnSupportArea",
            E::InvalidParameterValue(IPV::UnsupportedArea),
            "the country or region is not supported",
        ),
    ];

    fn undocumented(code: &str) -> Self {
        grouped(
            code,
            E::FailedOperation,
            E::InvalidParameterValue,
            E::Common,
        )
        .unwrap_or_else(|| E::Unknown(code.to_owned()))
    }

    fn undocumented_code(&self) -> &str {
        match self {
            E::FailedOperation(FO::Other(code))
            | E::InvalidParameterValue(IPV::Other(code))
            | E::Unknown(code) => code,
            E::Common(common) => common.code(),
            _ => "",
        }
    }

    /// The action's own codes, then the common ones.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }
}

impl fmt::Display for SendVerifyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            E::Common(common) => Some(common),
            _ => None,
        };
        self.describe(f, fallback)
    }
}

impl ServiceErrorKind for SendVerifyCodeError {
    fn class(&self) -> ErrorClass {
        match self {
            E::Common(common) => common.class(),
            E::FailedOperation(
                FO::SendVerifyCodeLimit | FO::SendVerifyCodeLimit60 | FO::PhoneBindUpper,
            ) => ErrorClass::BusinessLimit,
            _ => ErrorClass::Other,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        matches!(self, E::FailedOperation(FO::SendVerifyCodeLimit60)).then_some(RESEND_INTERVAL)
    }
}

/// A `CreateAccount` field an error code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountField {
    /// `AccountType`.
    AccountType,
    /// `Area`.
    Area,
    /// `ConfirmPassword`.
    ConfirmPassword,
    /// `CountryCode`.
    CountryCode,
    /// `Mail`.
    Mail,
    /// `Password`.
    Password,
    /// `PhoneNum`.
    PhoneNum,
}

impl AccountField {
    /// The wire name.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::AccountType => "AccountType",
            Self::Area => "Area",
            Self::ConfirmPassword => "ConfirmPassword",
            Self::CountryCode => "CountryCode",
            Self::Mail => "Mail",
            Self::Password => "Password",
            Self::PhoneNum => "PhoneNum",
        }
    }
}

/// What `InvalidParameter.<Field><Problem>` says is wrong with the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldProblem {
    /// `…ContentIncorrect`: the value is not an accepted one.
    ContentIncorrect,
    /// `…FormatIncorrect`: the value is malformed.
    FormatIncorrect,
}

/// `InvalidParameter` and its field-specific sub-codes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidParameter {
    /// `InvalidParameter.<Field><Problem>`, such as `InvalidParameter.MailFormatIncorrect`.
    Field(AccountField, FieldProblem),
    /// Another `InvalidParameter.*` code, kept as received.
    Other(String),
}

/// Every code `CreateAccount` documents besides the common ones.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CreateAccountError {
    /// `FailedOperation*`: [`FailedOperation::VerificationCodeIllegal`] for a wrong code,
    /// [`FailedOperation::MailIsRegistered`], [`FailedOperation::PhoneBindUpper`] (five
    /// accounts per number), [`FailedOperation::TradeInfoIncorrect`],
    /// [`FailedOperation::ExceedMaxBindCount`].
    FailedOperation(FailedOperation),
    /// `InvalidParameter.*`: a field the vendor refused, named.
    InvalidParameter(InvalidParameter),
    /// `InvalidParameterValue.*`: an empty field, missing industry, or unsupported area.
    InvalidParameterValue(InvalidParameterValue),
    /// An API 3.0 common code (`AuthFailure.*`, `InternalError`, `UnauthorizedOperation` for a
    /// partner not on the allow-list, ...).
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

use CreateAccountError as C;
use InvalidParameter as IP;

impl VendorCode for CreateAccountError {
    /// The codes `CreateAccount` documents besides the common ones it lists (`AuthFailure`,
    /// `InternalError`, `UnauthorizedOperation`: [`CommonError`]).
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "FailedOperation.ExceedMaxBindCount",
            C::FailedOperation(FO::ExceedMaxBindCount),
            "the partner cannot bind more accounts",
        ),
        (
            "FailedOperation.MailIsRegistered",
            C::FailedOperation(FO::MailIsRegistered),
            "the email is already registered",
        ),
        (
            "FailedOperation.PhoneBindUpper",
            C::FailedOperation(FO::PhoneBindUpper),
            "the phone number reached its account limit (five)",
        ),
        (
            "FailedOperation.TradeInfoIncorrect",
            C::FailedOperation(FO::TradeInfoIncorrect),
            "TradeTwo does not belong to TradeOne",
        ),
        (
            "FailedOperation.VerificationCodeIllegal",
            C::FailedOperation(FO::VerificationCodeIllegal),
            "the verification code is wrong",
        ),
        (
            "InvalidParameter.AccountTypeContentIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::AccountType,
                FieldProblem::ContentIncorrect,
            )),
            "AccountType holds a value that is not accepted",
        ),
        (
            "InvalidParameter.AreaContentIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::Area,
                FieldProblem::ContentIncorrect,
            )),
            "Area holds a value that is not accepted",
        ),
        (
            "InvalidParameter.AreaFormatIncorrect",
            C::InvalidParameter(IP::Field(AccountField::Area, FieldProblem::FormatIncorrect)),
            "Area is malformed",
        ),
        (
            "InvalidParameter.ConfirmPasswordContentIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::ConfirmPassword,
                FieldProblem::ContentIncorrect,
            )),
            "ConfirmPassword holds a value that is not accepted",
        ),
        (
            "InvalidParameter.CountryCodeContentIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::CountryCode,
                FieldProblem::ContentIncorrect,
            )),
            "CountryCode holds a value that is not accepted",
        ),
        (
            "InvalidParameter.CountryCodeFormatIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::CountryCode,
                FieldProblem::FormatIncorrect,
            )),
            "CountryCode is malformed",
        ),
        (
            "InvalidParameter.MailFormatIncorrect",
            C::InvalidParameter(IP::Field(AccountField::Mail, FieldProblem::FormatIncorrect)),
            "Mail is malformed",
        ),
        (
            "InvalidParameter.PasswordContentIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::Password,
                FieldProblem::ContentIncorrect,
            )),
            "Password holds a value that is not accepted",
        ),
        (
            "InvalidParameter.PasswordFormatIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::Password,
                FieldProblem::FormatIncorrect,
            )),
            "Password is malformed",
        ),
        (
            "InvalidParameter.PhoneNumFormatIncorrect",
            C::InvalidParameter(IP::Field(
                AccountField::PhoneNum,
                FieldProblem::FormatIncorrect,
            )),
            "PhoneNum is malformed",
        ),
        (
            "InvalidParameterValue.AccountTypeEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::AccountType)),
            "AccountType is empty",
        ),
        (
            "InvalidParameterValue.AreaEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::Area)),
            "Area is empty",
        ),
        (
            "InvalidParameterValue.CountryCodeEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::CountryCode)),
            "CountryCode is empty",
        ),
        (
            "InvalidParameterValue.MailEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::Mail)),
            "Mail is empty",
        ),
        (
            "InvalidParameterValue.PasswordEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::Password)),
            "Password is empty",
        ),
        (
            "InvalidParameterValue.PhoneNumEmpty",
            C::InvalidParameterValue(IPV::Empty(AccountField::PhoneNum)),
            "PhoneNum is empty",
        ),
        (
            "InvalidParameterValue.TradeInfoEmpty",
            C::InvalidParameterValue(IPV::TradeInfoEmpty),
            "TradeOne or TradeTwo is empty",
        ),
        (
            "InvalidParameterValue.UnSupportArea",
            C::InvalidParameterValue(IPV::UnsupportedArea),
            "the country or region is not supported",
        ),
    ];

    fn undocumented(code: &str) -> Self {
        match code {
            // `AuthFailure` alone is listed for this action; the common table has its sub-codes.
            "AuthFailure" => C::Common(CommonError::AuthFailure(AuthFailure::Other(
                code.to_owned(),
            ))),
            "InvalidParameterValue" => C::InvalidParameterValue(IPV::General),
            "FailedOperation" => C::FailedOperation(FO::General),
            _ if code.starts_with("InvalidParameter.") => {
                C::InvalidParameter(IP::Other(code.to_owned()))
            }
            _ => grouped(
                code,
                C::FailedOperation,
                C::InvalidParameterValue,
                C::Common,
            )
            .unwrap_or_else(|| C::Unknown(code.to_owned())),
        }
    }

    fn undocumented_code(&self) -> &str {
        match self {
            C::FailedOperation(FO::General) => "FailedOperation",
            C::InvalidParameterValue(IPV::General) => "InvalidParameterValue",
            C::FailedOperation(FO::Other(code))
            | C::InvalidParameter(IP::Other(code))
            | C::InvalidParameterValue(IPV::Other(code))
            | C::Unknown(code) => code,
            C::Common(common) => common.code(),
            _ => "",
        }
    }

    /// The action's own codes, then the common ones it lists.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED.iter().map(|(code, _, _)| *code).chain([
            "AuthFailure",
            "InternalError",
            "UnauthorizedOperation",
        ])
    }
}

impl CreateAccountError {
    /// The field the error names, if any.
    pub fn field(&self) -> Option<AccountField> {
        match self {
            C::InvalidParameter(IP::Field(field, _))
            | C::InvalidParameterValue(IPV::Empty(field)) => Some(*field),
            _ => None,
        }
    }
}

impl fmt::Display for CreateAccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            C::Common(common) => Some(common),
            C::FailedOperation(_) => Some(&"the operation failed"),
            _ => None,
        };
        self.describe(f, fallback)
    }
}

impl ServiceErrorKind for CreateAccountError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Common(common) => common.class(),
            Self::FailedOperation(FO::PhoneBindUpper | FO::ExceedMaxBindCount) => {
                ErrorClass::BusinessLimit
            }
            _ => ErrorClass::Other,
        }
    }
}

/// The codes of the read-only catalogue actions (`GetCountryCodes`, `GetTradeConfigList`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogError {
    /// `OperationDenied.ServiceBusy`: the service is busy; try later.
    ServiceBusy,
    /// An API 3.0 common code (`InternalError`, `AuthFailure.*`, ...).
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

impl VendorCode for CatalogError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[(
        "OperationDenied.ServiceBusy",
        CatalogError::ServiceBusy,
        "the service is busy",
    )];

    fn undocumented(code: &str) -> Self {
        CommonError::from_code(code).map_or_else(|| Self::Unknown(code.to_owned()), Self::Common)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            Self::Common(common) => common.code(),
            Self::Unknown(code) => code,
            Self::ServiceBusy => "",
        }
    }

    /// The action's own code, then the common ones.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            Self::Common(common) => Some(common),
            _ => None,
        };
        self.describe(f, fallback)
    }
}

impl ServiceErrorKind for CatalogError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Common(common) => common.class(),
            _ => ErrorClass::Other,
        }
    }
}

/// The codes of `QueryCustomersCredit`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryCustomersCreditError {
    /// `FailedOperation`: the query failed.
    FailedOperation,
    /// `OperationDenied.ServiceBusy`: the service is busy; try later.
    ServiceBusy,
    /// `UnauthorizedOperation.UinNoAuth`: this account may not query customers.
    UinNoAuth,
    /// An API 3.0 common code (`InternalError`, `AuthFailure.*`, ...).
    Common(CommonError),
    /// A code this version does not know, kept as received.
    Unknown(String),
}

impl VendorCode for QueryCustomersCreditError {
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)] = &[
        (
            "FailedOperation",
            QueryCustomersCreditError::FailedOperation,
            "the query failed",
        ),
        (
            "OperationDenied.ServiceBusy",
            QueryCustomersCreditError::ServiceBusy,
            "the service is busy",
        ),
        (
            "UnauthorizedOperation.UinNoAuth",
            QueryCustomersCreditError::UinNoAuth,
            "this account may not query customers",
        ),
    ];

    fn undocumented(code: &str) -> Self {
        CommonError::from_code(code).map_or_else(|| Self::Unknown(code.to_owned()), Self::Common)
    }

    fn undocumented_code(&self) -> &str {
        match self {
            Self::Common(common) => common.code(),
            Self::Unknown(code) => code,
            Self::FailedOperation | Self::ServiceBusy | Self::UinNoAuth => "",
        }
    }

    /// The action's own codes, then the common ones.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }
}

impl fmt::Display for QueryCustomersCreditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fallback: Option<&dyn fmt::Display> = match self {
            Self::Common(common) => Some(common),
            _ => None,
        };
        self.describe(f, fallback)
    }
}

impl ServiceErrorKind for QueryCustomersCreditError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Common(common) => common.class(),
            Self::UinNoAuth => ErrorClass::Authentication,
            _ => ErrorClass::Other,
        }
    }
}
