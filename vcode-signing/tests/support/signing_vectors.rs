//! The schema of `signing.json` (known-answer vectors computed with the vendors' official
//! signing code), shared by the vcode-signing and vcode tests, and the percent-encoding a client
//! uses to put paths and queries on the wire.

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

/// RFC 3986 unreserved characters stay; everything else is `%XX`.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[derive(Deserialize)]
pub struct Vectors {
    pub huawei: Vec<HuaweiVector>,
    pub tencent: Vec<TencentVector>,
}

/// Every step is required: a vector cannot silently skip one.
#[derive(Deserialize)]
pub struct HuaweiVector {
    pub name: String,
    pub ak: String,
    pub sk: String,
    pub method: String,
    /// `None` for a request signed without a `Host` header (the published examples).
    pub host: Option<String>,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers_in: BTreeMap<String, String>,
    pub x_sdk_date: String,
    pub body: String,
    pub headers_out: BTreeMap<String, String>,
    pub canonical_request: String,
    pub canonical_request_sha256: String,
    pub string_to_sign: String,
    pub signature: String,
    pub signed_headers: String,
    pub authorization: String,
}

#[derive(Deserialize)]
pub struct TencentVector {
    pub name: String,
    pub secret_id: String,
    pub secret_key: String,
    pub host: String,
    pub service: String,
    pub content_type: String,
    pub timestamp: u64,
    pub body: String,
    pub payload_sha256: String,
    pub canonical_request: String,
    pub canonical_request_sha256: String,
    pub credential_scope: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

/// Every vector, from the copy in `vcode-signing/tests/data`.
pub fn load() -> Vectors {
    serde_json::from_str(include_str!("../data/signing.json")).expect("signing.json parses")
}

/// The vector's query pairs as a query string, each part percent-encoded.
pub fn encoded_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, UNRESERVED),
                utf8_percent_encode(v, UNRESERVED)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}
