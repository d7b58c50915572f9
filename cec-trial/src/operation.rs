//! `generateverifycode`: input, wire body, output and decoding.

use std::fmt;

use serde_json::{Map, Value};
use vcode_core::validate::{InvalidInput, Shown, Validator};
use vcode_core::{Failure, HttpResponse, Operation, OperationRequest, ResponseError, ServiceError};

use crate::GenerateVerifyCodeError;

/// The operation's path.
pub const PATH: &str = "/apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode";

/// A validated `generateverifycode` request.
#[derive(Clone, PartialEq, Eq)]
pub struct GenerateVerifyCodeInput {
    phone: String,
}

impl fmt::Debug for GenerateVerifyCodeInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenerateVerifyCodeInput")
            .field("phone", &vcode_core::mask::phone(&self.phone))
            .finish()
    }
}

impl GenerateVerifyCodeInput {
    /// A builder.
    pub fn builder() -> GenerateVerifyCodeInputBuilder {
        GenerateVerifyCodeInputBuilder::default()
    }

    /// The phone number.
    pub fn phone(&self) -> &str {
        &self.phone
    }
}

/// Builds a [`GenerateVerifyCodeInput`].
#[derive(Clone, Default)]
pub struct GenerateVerifyCodeInputBuilder {
    phone: Option<String>,
}

impl fmt::Debug for GenerateVerifyCodeInputBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenerateVerifyCodeInputBuilder")
            .field("phone", &self.phone.as_deref().map(vcode_core::mask::phone))
            .finish()
    }
}

impl GenerateVerifyCodeInputBuilder {
    /// The mobile number: digits with an optional leading `+`, no spaces, at most 32
    /// characters. The vendor documents no limit; 32 is this crate's guard. Required.
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// Checks the rules and reports every violation.
    ///
    /// # Errors
    /// [`InvalidInput`] for a missing, over-long or non-numeric phone.
    pub fn build(self) -> Result<GenerateVerifyCodeInput, InvalidInput> {
        let mut v = Validator::new();
        if let Some(phone) = v.required("phone", self.phone.as_deref()) {
            v.char_len("phone", phone, 1..=32, Shown::Phone);
            v.phone_number("phone", phone);
        }
        v.finish()?;
        Ok(GenerateVerifyCodeInput {
            phone: self.phone.unwrap_or_default(),
        })
    }
}

/// The vendor sent the code (`retCode` 200).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateVerifyCodeOutput {
    ret_msg: String,
}

impl GenerateVerifyCodeOutput {
    /// The vendor's `retMsg`.
    pub fn ret_msg(&self) -> &str {
        &self.ret_msg
    }
}

impl Operation for GenerateVerifyCodeInput {
    type Output = GenerateVerifyCodeOutput;
    type Error = GenerateVerifyCodeError;
    const NAME: &'static str = "generateverifycode";

    fn request(&self) -> OperationRequest {
        let body = serde_json::to_vec(&serde_json::json!({ "phone": self.phone }))
            .expect("a JSON object of one string always serializes");
        OperationRequest::post_json(PATH, body)
    }

    fn parse(
        &self,
        response: HttpResponse,
    ) -> Result<GenerateVerifyCodeOutput, Failure<GenerateVerifyCodeError>> {
        decode(&response)
    }
}

/// A string or number field of a JSON object, as text.
fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn decode(
    response: &HttpResponse,
) -> Result<GenerateVerifyCodeOutput, Failure<GenerateVerifyCodeError>> {
    let object: Option<Map<String, Value>> = serde_json::from_slice(response.body()).ok();
    if response.status() != 200 {
        let Some(kind) = GenerateVerifyCodeError::from_http_status(response.status()) else {
            return Err(Failure::Response(ResponseError::malformed(
                response,
                "HTTP 200 or a documented error status",
            )));
        };
        let message = object
            .as_ref()
            .and_then(|o| text(o, "retMsg"))
            .unwrap_or_else(|| response.snippet());
        let code = kind.code().to_owned();
        return Err(Failure::Service(ServiceError::new(kind, code, message)));
    }
    let Some((code, message)) = object
        .as_ref()
        .and_then(|o| Some((text(o, "retCode")?, text(o, "retMsg").unwrap_or_default())))
    else {
        return Err(Failure::Response(ResponseError::malformed(
            response,
            r#"{"retCode": ..., "retMsg": ...}"#,
        )));
    };
    if code == "200" {
        return Ok(GenerateVerifyCodeOutput { ret_msg: message });
    }
    Err(Failure::Service(ServiceError::new(
        GenerateVerifyCodeError::from_ret_code(&code),
        code,
        message,
    )))
}
