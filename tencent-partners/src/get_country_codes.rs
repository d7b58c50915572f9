//! `GetCountryCodes`: the calling codes and ISO codes `CreateAccount` accepts (`CountryCode`,
//! `Area`). No input; 5 requests a second.

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::validate::InvalidInput;

use crate::{CatalogError, Client, Partners, SdkError, VERSION};

/// The action.
pub const GET_COUNTRY_CODES: &str = "GetCountryCodes";

/// The `GetCountryCodes` request (it takes no parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GetCountryCodesInput;

/// Builds a [`GetCountryCodesInput`] (the action takes no parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetCountryCodesInputBuilder;

impl GetCountryCodesInputBuilder {
    /// The input.
    ///
    /// # Errors
    /// None today: the action takes no parameters. The `Result` is every builder's.
    pub fn build(self) -> Result<GetCountryCodesInput, InvalidInput> {
        Ok(GetCountryCodesInput)
    }

    /// Builds and sends with `client`.
    ///
    /// # Errors
    /// Any error of [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<GetCountryCodesOutput, SdkError<CatalogError>> {
        client.send(&self.build()?).await
    }
}

impl GetCountryCodesInput {
    /// A builder, as every input has (this action takes no parameters).
    pub fn builder() -> GetCountryCodesInputBuilder {
        GetCountryCodesInputBuilder::default()
    }

    /// Sends with `client`.
    ///
    /// # Errors
    /// Any error of [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<GetCountryCodesOutput, SdkError<CatalogError>> {
        client.send(&self).await
    }
}

/// One country or region (`CountryCodeItem`). Serializes with the vendor's field names,
/// as received.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CountryCodeItem {
    /// `EnName`: the English name.
    #[serde(rename = "EnName")]
    pub en_name: String,
    /// `Name`: the Chinese name.
    #[serde(rename = "Name")]
    pub name: String,
    /// `IOS2` (sic): the ISO 3166 alpha-2 code, what `CreateAccount` takes as `Area`.
    #[serde(rename = "IOS2")]
    pub iso2: String,
    /// `IOS3` (sic): the ISO 3166 alpha-3 code.
    #[serde(rename = "IOS3")]
    pub iso3: String,
    /// `Code`: the calling code, what `CreateAccount` takes as `CountryCode`.
    #[serde(rename = "Code")]
    pub code: String,
}

/// The list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetCountryCodesOutput {
    data: Vec<CountryCodeItem>,
    request_id: String,
}

impl GetCountryCodesOutput {
    /// `Data`.
    pub fn countries(&self) -> &[CountryCodeItem] {
        &self.data
    }

    /// The entry with this calling code.
    pub fn by_code(&self, code: &str) -> Option<&CountryCodeItem> {
        self.data.iter().find(|c| c.code == code)
    }

    /// The entry with this ISO alpha-2 code.
    pub fn by_iso2(&self, iso2: &str) -> Option<&CountryCodeItem> {
        self.data.iter().find(|c| c.iso2 == iso2)
    }

    /// Tencent's `RequestId` (always present on a Tencent answer; an `Option` as on every
    /// operation of every vendor crate).
    pub fn request_id(&self) -> Option<&str> {
        Some(&self.request_id)
    }
}

impl Operation for GetCountryCodesInput {
    type Service = Partners;
    type Output = GetCountryCodesOutput;
    type Error = CatalogError;
    const NAME: &'static str = GET_COUNTRY_CODES;
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        vcode_tencent::action_request(GET_COUNTRY_CODES, VERSION, b"{}".to_vec())
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<GetCountryCodesOutput, Failure<CatalogError>> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(rename = "Data")]
            data: Vec<CountryCodeItem>,
        }
        let (wire, request_id) =
            vcode_tencent::decode_action::<Wire, _>(&response, CatalogError::from_code)?;
        Ok(GetCountryCodesOutput {
            data: wire.data,
            request_id,
        })
    }
}
