//! The `Idempotency-Key` header (IETF draft "The Idempotency-Key HTTP Header
//! Field"): the key's syntax, and the keys whose first request is still
//! being processed.
//!
//! What a key answers once processed is stored with the registration (see
//! [`crate::writer`]) and kept for the configured expiry; this module only
//! knows about requests in flight in this process, which get 409 `in-flight`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;

use crate::error::ApiError;

/// The `Idempotency-Key` header: a quoted (RFC 8941 string) or bare key of 1
/// to 255 visible ASCII characters.
pub fn from_headers(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(ApiError::BadKey);
    }
    parse(value.to_str().map_err(|_| ApiError::BadKey)?).map(Some)
}

pub fn parse(text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let key = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    if key.is_empty() || key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadKey);
    }
    Ok(key.to_string())
}

/// Keys whose first request has not been answered yet.
#[derive(Clone, Default)]
pub struct InFlight(Arc<Mutex<HashSet<String>>>);

/// Holds a key as in flight until dropped.
pub struct Claim {
    set: InFlight,
    key: String,
}

impl InFlight {
    /// Claims `key`, or answers 409 `in-flight` if a request holds it.
    pub fn claim(&self, key: &str) -> Result<Claim, ApiError> {
        let mut set = self
            .0
            .lock()
            .map_err(|_| ApiError::Internal("in-flight set poisoned".into()))?;
        if !set.insert(key.to_string()) {
            return Err(ApiError::InFlight);
        }
        Ok(Claim {
            set: self.clone(),
            key: key.to_string(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut set) = self.set.0.lock() {
            set.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_and_bare_keys_and_refuses_others() {
        assert_eq!(parse("\"abc-123\"").unwrap(), "abc-123");
        assert_eq!(parse(" abc ").unwrap(), "abc");
        for bad in ["", "\"\"", "a b", "é", &"k".repeat(256)] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_key_is_held_until_its_claim_is_dropped() {
        let set = InFlight::default();
        let claim = set.claim("k").unwrap();
        assert!(matches!(set.claim("k"), Err(ApiError::InFlight)));
        assert!(set.claim("other").is_ok());
        drop(claim);
        assert!(set.claim("k").is_ok());
    }
}
