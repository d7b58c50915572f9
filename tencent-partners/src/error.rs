//! The error codes of `SendVerifyCode`: its own (`FailedOperation.*`, `InvalidParameterValue.*`)
//! and the API 3.0 common codes, which live once in `vcode_tencent::CommonError`.

use std::fmt;
use std::time::Duration;

use vcode_core::{ErrorClass, ServiceErrorKind};
use vcode_tencent::CommonError;

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

/// Code, variant and description of each code of the action's own.
const CODES: &[(&str, E, &str)] = &[
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

impl SendVerifyCodeError {
    /// Every documented code, the common ones included, for tests and tools.
    pub fn documented_codes() -> impl Iterator<Item = &'static str> {
        CODES
            .iter()
            .map(|(code, _, _)| *code)
            .chain(CommonError::documented_codes())
    }

    /// Maps a vendor code to its variant; unlisted sub-codes of a known group land in that
    /// group's `Other`.
    pub fn from_code(code: &str) -> Self {
        if let Some((_, variant, _)) = CODES.iter().find(|(c, _, _)| *c == code) {
            return variant.clone();
        }
        match code.split_once('.').map(|(group, _)| group) {
            Some("FailedOperation") => E::FailedOperation(FO::Other(code.to_owned())),
            Some("InvalidParameterValue") => E::InvalidParameterValue(IPV::Other(code.to_owned())),
            _ => {
                CommonError::from_code(code).map_or_else(|| E::Unknown(code.to_owned()), E::Common)
            }
        }
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            E::FailedOperation(FO::Other(code))
            | E::InvalidParameterValue(IPV::Other(code))
            | E::Unknown(code) => code,
            E::Common(common) => common.code(),
            known => CODES
                .iter()
                .find(|(_, v, _)| v == known)
                .map_or("", |(code, _, _)| code),
        }
    }
}

impl fmt::Display for SendVerifyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let E::Common(common) = self {
            return common.fmt(f);
        }
        match CODES.iter().find(|(_, v, _)| v == self) {
            Some((_, _, description)) => f.write_str(description),
            None => f.write_str("unrecognised error code"),
        }
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

const FIELDS: [AccountField; 7] = [
    AccountField::AccountType,
    AccountField::Area,
    AccountField::ConfirmPassword,
    AccountField::CountryCode,
    AccountField::Mail,
    AccountField::Password,
    AccountField::PhoneNum,
];

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

    fn from_wire_name(name: &str) -> Option<Self> {
        FIELDS.into_iter().find(|f| f.wire_name() == name)
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

impl FieldProblem {
    fn suffix(self) -> &'static str {
        match self {
            Self::ContentIncorrect => "ContentIncorrect",
            Self::FormatIncorrect => "FormatIncorrect",
        }
    }
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

/// The field-specific codes `CreateAccount` documents.
const FIELD_CODES: [(AccountField, FieldProblem); 10] = [
    (AccountField::AccountType, FieldProblem::ContentIncorrect),
    (AccountField::Area, FieldProblem::ContentIncorrect),
    (AccountField::Area, FieldProblem::FormatIncorrect),
    (
        AccountField::ConfirmPassword,
        FieldProblem::ContentIncorrect,
    ),
    (AccountField::CountryCode, FieldProblem::ContentIncorrect),
    (AccountField::CountryCode, FieldProblem::FormatIncorrect),
    (AccountField::Mail, FieldProblem::FormatIncorrect),
    (AccountField::Password, FieldProblem::ContentIncorrect),
    (AccountField::Password, FieldProblem::FormatIncorrect),
    (AccountField::PhoneNum, FieldProblem::FormatIncorrect),
];

/// The fields whose `InvalidParameterValue.<Field>Empty` `CreateAccount` documents.
const EMPTY_FIELDS: [AccountField; 6] = [
    AccountField::AccountType,
    AccountField::Area,
    AccountField::CountryCode,
    AccountField::Mail,
    AccountField::Password,
    AccountField::PhoneNum,
];

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

const CREATE_FAILURES: [(&str, FailedOperation, &str); 5] = [
    (
        "FailedOperation.ExceedMaxBindCount",
        FO::ExceedMaxBindCount,
        "the partner cannot bind more accounts",
    ),
    (
        "FailedOperation.MailIsRegistered",
        FO::MailIsRegistered,
        "the email is already registered",
    ),
    (
        "FailedOperation.PhoneBindUpper",
        FO::PhoneBindUpper,
        "the phone number reached its account limit (five)",
    ),
    (
        "FailedOperation.TradeInfoIncorrect",
        FO::TradeInfoIncorrect,
        "TradeTwo does not belong to TradeOne",
    ),
    (
        "FailedOperation.VerificationCodeIllegal",
        FO::VerificationCodeIllegal,
        "the verification code is wrong",
    ),
];

impl CreateAccountError {
    /// Every code `CreateAccount` documents, the common ones it lists included.
    pub fn documented_codes() -> Vec<String> {
        let mut codes: Vec<String> = CREATE_FAILURES
            .iter()
            .map(|(code, _, _)| (*code).to_owned())
            .collect();
        codes.extend(FIELD_CODES.iter().map(|(field, problem)| {
            format!("InvalidParameter.{}{}", field.wire_name(), problem.suffix())
        }));
        codes.extend(
            EMPTY_FIELDS
                .iter()
                .map(|field| format!("InvalidParameterValue.{}Empty", field.wire_name())),
        );
        codes.extend(
            [
                "InvalidParameterValue.TradeInfoEmpty",
                "InvalidParameterValue.UnSupportArea",
                "AuthFailure",
                "InternalError",
                "UnauthorizedOperation",
            ]
            .map(str::to_owned),
        );
        codes
    }

    /// Maps a vendor code to its variant.
    pub fn from_code(code: &str) -> Self {
        if let Some((_, failure, _)) = CREATE_FAILURES.iter().find(|(c, _, _)| *c == code) {
            return Self::FailedOperation(failure.clone());
        }
        if let Some(rest) = code.strip_prefix("InvalidParameter.") {
            let field = FIELD_CODES.iter().find(|(field, problem)| {
                rest.strip_suffix(problem.suffix()) == Some(field.wire_name())
            });
            return Self::InvalidParameter(match field {
                Some((field, problem)) => InvalidParameter::Field(*field, *problem),
                None => InvalidParameter::Other(code.to_owned()),
            });
        }
        if let Some(rest) = code.strip_prefix("InvalidParameterValue.") {
            let empty = rest
                .strip_suffix("Empty")
                .and_then(AccountField::from_wire_name)
                .filter(|field| EMPTY_FIELDS.contains(field));
            return Self::InvalidParameterValue(match (empty, rest) {
                (Some(field), _) => IPV::Empty(field),
                (None, "TradeInfoEmpty") => IPV::TradeInfoEmpty,
                (None, "UnSupportArea") => IPV::UnsupportedArea,
                (None, _) => IPV::Other(code.to_owned()),
            });
        }
        match code {
            // `AuthFailure` alone is listed for this action; the common table has its sub-codes.
            "AuthFailure" => Self::Common(CommonError::AuthFailure(
                vcode_tencent::AuthFailure::Other(code.to_owned()),
            )),
            "InvalidParameterValue" => Self::InvalidParameterValue(IPV::General),
            "FailedOperation" => Self::FailedOperation(FO::General),
            _ if code.starts_with("FailedOperation.") => {
                Self::FailedOperation(FO::Other(code.to_owned()))
            }
            _ => CommonError::from_code(code)
                .map_or_else(|| Self::Unknown(code.to_owned()), Self::Common),
        }
    }

    /// The field the error names, if any.
    pub fn field(&self) -> Option<AccountField> {
        match self {
            Self::InvalidParameter(InvalidParameter::Field(field, _))
            | Self::InvalidParameterValue(IPV::Empty(field)) => Some(*field),
            _ => None,
        }
    }

    /// The vendor code.
    pub fn code(&self) -> String {
        match self {
            Self::FailedOperation(FO::General) => "FailedOperation".to_owned(),
            Self::FailedOperation(FO::Other(code))
            | Self::InvalidParameter(InvalidParameter::Other(code))
            | Self::InvalidParameterValue(IPV::Other(code))
            | Self::Unknown(code) => code.clone(),
            Self::FailedOperation(failure) => CREATE_FAILURES
                .iter()
                .find(|(_, f, _)| f == failure)
                .map_or_else(|| "FailedOperation".to_owned(), |(c, _, _)| (*c).to_owned()),
            Self::InvalidParameter(InvalidParameter::Field(field, problem)) => {
                format!("InvalidParameter.{}{}", field.wire_name(), problem.suffix())
            }
            Self::InvalidParameterValue(IPV::Empty(field)) => {
                format!("InvalidParameterValue.{}Empty", field.wire_name())
            }
            Self::InvalidParameterValue(IPV::TradeInfoEmpty) => {
                "InvalidParameterValue.TradeInfoEmpty".to_owned()
            }
            Self::InvalidParameterValue(IPV::UnsupportedArea) => {
                "InvalidParameterValue.UnSupportArea".to_owned()
            }
            Self::InvalidParameterValue(IPV::General) => "InvalidParameterValue".to_owned(),
            Self::Common(common) => common.code().to_owned(),
        }
    }
}

impl fmt::Display for CreateAccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FailedOperation(failure) => {
                match CREATE_FAILURES.iter().find(|(_, v, _)| v == failure) {
                    Some((_, _, description)) => f.write_str(description),
                    None => f.write_str("the operation failed"),
                }
            }
            Self::InvalidParameter(InvalidParameter::Field(
                field,
                FieldProblem::ContentIncorrect,
            )) => {
                write!(
                    f,
                    "{} holds a value that is not accepted",
                    field.wire_name()
                )
            }
            Self::InvalidParameter(InvalidParameter::Field(
                field,
                FieldProblem::FormatIncorrect,
            )) => {
                write!(f, "{} is malformed", field.wire_name())
            }
            Self::InvalidParameterValue(IPV::Empty(field)) => {
                write!(f, "{} is empty", field.wire_name())
            }
            Self::InvalidParameterValue(IPV::TradeInfoEmpty) => {
                f.write_str("TradeOne or TradeTwo is empty")
            }
            Self::InvalidParameterValue(IPV::UnsupportedArea) => {
                f.write_str("the country or region is not supported")
            }
            Self::Common(common) => common.fmt(f),
            _ => f.write_str("unrecognised error code"),
        }
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

impl CatalogError {
    /// Maps a vendor code to its variant.
    pub fn from_code(code: &str) -> Self {
        match code {
            "OperationDenied.ServiceBusy" => Self::ServiceBusy,
            _ => CommonError::from_code(code)
                .map_or_else(|| Self::Unknown(code.to_owned()), Self::Common),
        }
    }

    /// The vendor code.
    pub fn code(&self) -> &str {
        match self {
            Self::ServiceBusy => "OperationDenied.ServiceBusy",
            Self::Common(common) => common.code(),
            Self::Unknown(code) => code,
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ServiceBusy => f.write_str("the service is busy"),
            Self::Common(common) => common.fmt(f),
            Self::Unknown(_) => f.write_str("unrecognised error code"),
        }
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
