//! The request as a signer or verifier sees it: borrowed, so signing never copies a body.

use crate::SigningError;

/// The payload of a request to sign or verify.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SignableBody<'a> {
    /// The exact bytes that are (or were) sent; their SHA-256 is signed.
    Bytes(&'a [u8]),
    /// Leave the payload out of the signature (`UNSIGNED-PAYLOAD`). The signer adds the
    /// scheme's content-hash header (`X-Sdk-Content-Sha256` / `X-TC-Content-SHA256`).
    Unsigned,
}

impl std::fmt::Debug for SignableBody<'_> {
    // Bodies hold personal data (emails, phone numbers): print only their size.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Unsigned => f.write_str("Unsigned"),
        }
    }
}

/// A request to sign (client side) or to verify (server side).
///
/// The path and query are taken as they appear on the wire (percent-encoded); each scheme
/// canonicalizes them itself. Header names are matched case-insensitively. Nothing is copied:
/// the request borrows its parts, including the body.
#[derive(Clone, Debug)]
pub struct SignableRequest<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a str,
    pub(crate) headers: Vec<(&'a str, &'a str)>,
    pub(crate) body: SignableBody<'a>,
}

impl<'a> SignableRequest<'a> {
    /// A request with the given method, path (optionally followed by `?query`) and body.
    ///
    /// Add headers with [`header`](Self::header) or [`headers`](Self::headers). The `Host` header
    /// is not inferred here; use [`from_http_parts`](Self::from_http_parts) or add it.
    pub fn new(method: &'a str, path_and_query: &'a str, body: SignableBody<'a>) -> Self {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        Self {
            method,
            path,
            query,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds one header as it is (or will be) sent.
    #[must_use]
    pub fn header(mut self, name: &'a str, value: &'a str) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Adds every header of an iterator of `(name, value)` pairs.
    #[must_use]
    pub fn headers<I>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        self.headers.extend(headers);
        self
    }

    /// Adds every header of an `http` header map, as a server receives them.
    ///
    /// # Errors
    /// [`SigningError::InvalidHeaderValue`] when a header value is not visible ASCII/UTF-8 text.
    pub fn header_map(mut self, headers: &'a http::HeaderMap) -> Result<Self, SigningError> {
        for (name, value) in headers {
            let value = value
                .to_str()
                .map_err(|_| SigningError::InvalidHeaderValue {
                    name: name.as_str().to_owned(),
                })?;
            self.headers.push((name.as_str(), value));
        }
        Ok(self)
    }

    /// Builds a signable request from `http` request parts and the body bytes.
    ///
    /// When the parts carry no `Host` header, the URI's authority is used (as HTTP clients send
    /// it: the port only when the URI names one).
    ///
    /// # Errors
    /// [`SigningError::InvalidHeaderValue`] when a header value is not visible ASCII/UTF-8 text.
    pub fn from_http_parts(
        parts: &'a http::request::Parts,
        body: SignableBody<'a>,
    ) -> Result<Self, SigningError> {
        let path_and_query = parts
            .uri
            .path_and_query()
            .map_or("/", http::uri::PathAndQuery::as_str);
        let mut request =
            Self::new(parts.method.as_str(), path_and_query, body).header_map(&parts.headers)?;
        if request.header_value("host").is_none()
            && let Some(authority) = parts.uri.authority()
        {
            request.headers.push(("host", authority.as_str()));
        }
        Ok(request)
    }

    /// The HTTP method.
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The path as sent (percent-encoded).
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The raw query string, without the leading `?` (empty when there is none).
    pub fn query(&self) -> &'a str {
        self.query
    }

    /// The body.
    pub fn body(&self) -> SignableBody<'a> {
        self.body
    }

    /// The value of the first header with this name (case-insensitive).
    pub fn header_value(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    /// Every header, in the order given.
    pub fn header_pairs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.headers.iter().copied()
    }
}
