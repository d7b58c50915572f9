//! Response-body helpers the vendor decoders share.

use serde_json::{Map, Value};

/// Whether a success body carries nothing: empty, whitespace, or `{}`.
pub(crate) fn is_empty_body(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    trimmed.is_empty()
        || serde_json::from_slice::<Map<String, Value>>(trimmed).is_ok_and(|m| m.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bodies() {
        assert!(is_empty_body(b""));
        assert!(is_empty_body(b"  \n"));
        assert!(is_empty_body(b"{}"));
        assert!(is_empty_body(b" { } "));
        assert!(!is_empty_body(b"{\"a\":1}"));
        assert!(!is_empty_body(b"null"));
    }
}
