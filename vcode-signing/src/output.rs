//! What a signer hands back: headers to add plus every intermediate value.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::UNSIGNED_PAYLOAD;
use crate::request::{SignableBody, SignableRequest};

/// One header a signer asks the caller to add to the request.
#[derive(Clone, PartialEq, Eq)]
pub struct AddedHeader {
    name: &'static str,
    value: String,
    sensitive: bool,
}

impl AddedHeader {
    pub(crate) fn new(name: &'static str, value: String) -> Self {
        Self {
            name,
            value,
            sensitive: false,
        }
    }

    pub(crate) fn sensitive(name: &'static str, value: String) -> Self {
        Self {
            name,
            value,
            sensitive: true,
        }
    }

    /// The header name, in the vendor's usual capitalisation.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The header value to send.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Consumes the header, keeping its value.
    pub fn into_value(self) -> String {
        self.value
    }

    /// Whether the value is a credential (a session token) that must never be logged.
    /// HTTP clients should mark such headers sensitive.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }
}

impl fmt::Debug for AddedHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: &str = if self.sensitive {
            "[REDACTED]"
        } else {
            &self.value
        };
        f.debug_struct("AddedHeader")
            .field("name", &self.name)
            .field("value", &value)
            .finish()
    }
}

/// Adds what both schemes add besides the time, each unless the request already carries it:
/// the session token of temporary credentials (`token`: its header and value) and, for an
/// unsigned body, `content_sha256_header: UNSIGNED-PAYLOAD`.
pub(crate) fn add_session_headers(
    added: &mut Vec<AddedHeader>,
    request: &SignableRequest<'_>,
    (token_header, token): (&'static str, Option<&SecretString>),
    content_sha256_header: &'static str,
) {
    if let Some(token) = token
        && request.header_value(token_header).is_none()
    {
        added.push(AddedHeader::sensitive(
            token_header,
            token.expose_secret().to_owned(),
        ));
    }
    if request.body == SignableBody::Unsigned
        && request.header_value(content_sha256_header).is_none()
    {
        added.push(AddedHeader::new(
            content_sha256_header,
            UNSIGNED_PAYLOAD.to_owned(),
        ));
    }
}

/// The result of signing: the headers to add and each intermediate step, so a mismatch with
/// the vendor can be traced to the step that differs.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningOutput {
    /// The headers the signer added, then `Authorization`.
    pub(crate) headers: Vec<AddedHeader>,
    pub(crate) canonical_request: String,
    pub(crate) string_to_sign: String,
    pub(crate) signed_headers: String,
    pub(crate) signature: String,
}

impl SigningOutput {
    /// The output of a signature over `canonical_request` and `string_to_sign`: the headers
    /// the signer added, then `Authorization` with `authorization` as its value.
    pub(crate) fn new(mut headers: Vec<AddedHeader>, authorization: String, steps: Steps) -> Self {
        headers.push(AddedHeader::new("Authorization", authorization));
        Self {
            headers,
            canonical_request: steps.canonical_request,
            string_to_sign: steps.string_to_sign,
            signed_headers: steps.signed_headers,
            signature: steps.signature,
        }
    }

    /// The headers to add to the request, `Authorization` last.
    pub fn headers(&self) -> &[AddedHeader] {
        &self.headers
    }

    /// Consumes the output, keeping only the headers to add.
    pub fn into_headers(self) -> Vec<AddedHeader> {
        self.headers
    }

    /// The value of the `Authorization` header to add.
    pub fn authorization(&self) -> &str {
        // `new` puts it last.
        self.headers.last().map_or("", AddedHeader::value)
    }

    /// The canonical request that was hashed.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string that was signed.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The hex signature (the end of the `Authorization` value).
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The `;`-joined lower-case names of the signed headers (the canonical request's
    /// second-to-last line).
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// The canonical request with the values of session-token headers (`x-security-token`,
    /// `x-tc-token`, `x-auth-token`) replaced by `[REDACTED]`: safe to print or log. Its hash
    /// is not the signed one; compare it line by line.
    pub fn canonical_request_redacted(&self) -> String {
        self.canonical_request
            .split('\n')
            .map(|line| match line.split_once(':') {
                Some((name, _)) if crate::SESSION_TOKEN_HEADERS.contains(&name) => {
                    format!("{name}:[REDACTED]")
                }
                _ => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Debug for SigningOutput {
    // The canonical request holds header values (tokens) and the body hash; print the parts
    // that carry no credential.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningOutput")
            .field("headers", &self.headers)
            .field("signed_headers", &self.signed_headers())
            .field("signature", &self.signature())
            .finish_non_exhaustive()
    }
}

/// The intermediate values of one signature, in the order the vendors document them.
pub(crate) struct Steps {
    pub(crate) canonical_request: String,
    pub(crate) signed_headers: String,
    pub(crate) string_to_sign: String,
    pub(crate) signature: String,
}
