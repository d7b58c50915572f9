//! `GetTradeConfigList`: the industries `CreateAccount` takes as `TradeOne` (layer 1) and
//! `TradeTwo` (layer 2). No input; 20 requests a second.

use serde::{Deserialize, Serialize};
use vcode_core::VendorCode;
use vcode_core::service::{Failure, HttpResponse, Operation, OperationRequest};
use vcode_core::validate::InvalidInput;

use crate::{CatalogError, Client, Partners, SdkError, VERSION};

/// The action.
pub const GET_TRADE_CONFIG_LIST: &str = "GetTradeConfigList";

/// The `GetTradeConfigList` request (it takes no parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GetTradeConfigListInput;

/// Builds a [`GetTradeConfigListInput`] (the action takes no parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetTradeConfigListInputBuilder;

impl GetTradeConfigListInputBuilder {
    /// The input.
    ///
    /// # Errors
    /// None today: the action takes no parameters. The `Result` is every builder's.
    pub fn build(self) -> Result<GetTradeConfigListInput, InvalidInput> {
        Ok(GetTradeConfigListInput)
    }

    /// Builds and sends with `client`.
    ///
    /// # Errors
    /// Any error of [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<GetTradeConfigListOutput, SdkError<CatalogError>> {
        client.send(&self.build()?).await
    }
}

impl GetTradeConfigListInput {
    /// A builder, as every input has (this action takes no parameters).
    pub fn builder() -> GetTradeConfigListInputBuilder {
        GetTradeConfigListInputBuilder::default()
    }

    /// Sends with `client`.
    ///
    /// # Errors
    /// Any error of [`Client::send`](vcode_core::Client::send).
    pub async fn send(
        self,
        client: &Client,
    ) -> Result<GetTradeConfigListOutput, SdkError<CatalogError>> {
        client.send(&self).await
    }
}

/// A layer-1 industry (`TradeOneNode`); every member is optional on the wire. Serializes
/// with the vendor's field names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
#[non_exhaustive]
pub struct TradeOne {
    /// `Id`, what `CreateAccount` takes as `TradeOne`.
    pub id: String,
    /// `Name`.
    pub name: String,
    /// `Children`: its layer-2 industries.
    pub children: Vec<TradeTwo>,
}

/// A layer-2 industry (`TradeTwoNode`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
#[non_exhaustive]
pub struct TradeTwo {
    /// `Id`, what `CreateAccount` takes as `TradeTwo`.
    pub id: String,
    /// `Name`.
    pub name: String,
    /// `TradeInfo`.
    pub trade_info: String,
}

/// The industry tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetTradeConfigListOutput {
    trades: Vec<TradeOne>,
    request_id: String,
}

impl GetTradeConfigListOutput {
    /// `TradeList`.
    pub fn trades(&self) -> &[TradeOne] {
        &self.trades
    }

    /// Whether `trade_two` is a layer-2 industry of `trade_one`.
    pub fn contains(&self, trade_one: &str, trade_two: &str) -> bool {
        self.trades
            .iter()
            .filter(|one| one.id == trade_one)
            .any(|one| one.children.iter().any(|two| two.id == trade_two))
    }

    /// Tencent's `RequestId` (always present on a Tencent answer; an `Option` as on every
    /// operation of every vendor crate).
    pub fn request_id(&self) -> Option<&str> {
        Some(&self.request_id)
    }
}

impl Operation for GetTradeConfigListInput {
    type Service = Partners;
    type Output = GetTradeConfigListOutput;
    type Error = CatalogError;
    const NAME: &'static str = GET_TRADE_CONFIG_LIST;
    /// A read: retried after a timeout, a 5xx or a lost connection too.
    const READ: bool = true;

    fn request(&self) -> OperationRequest {
        vcode_tencent::action_request(GET_TRADE_CONFIG_LIST, VERSION, b"{}".to_vec())
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<GetTradeConfigListOutput, Failure<CatalogError>> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(rename = "TradeList", default)]
            trade_list: Vec<TradeOne>,
        }
        let (wire, request_id) =
            vcode_tencent::decode_action::<Wire, _>(&response, CatalogError::from_code)?;
        Ok(GetTradeConfigListOutput {
            trades: wire.trade_list,
            request_id,
        })
    }
}
