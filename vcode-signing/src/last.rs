//! A value kept for the last key it was computed for: the TC3 signer's key of a day, the
//! Huawei signer's `X-Sdk-Date` text of a second.

use std::borrow::Borrow;
use std::sync::{Mutex, PoisonError};

/// The value computed for the last key asked for. A clone starts empty.
pub(crate) struct LastValue<K, V>(Mutex<Option<(K, V)>>);

impl<K, V> Default for LastValue<K, V> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<K, V> Clone for LastValue<K, V> {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<K, V: Clone> LastValue<K, V> {
    /// The value for `key`: the kept one when `key` is the last key, else `compute`'s, which
    /// is then kept (a failure keeps nothing).
    pub(crate) fn get_or_try_insert_with<Q, E>(
        &self,
        key: &Q,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: PartialEq + ToOwned<Owned = K> + ?Sized,
    {
        let mut last = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((kept, value)) = &*last
            && kept.borrow() == key
        {
            return Ok(value.clone());
        }
        let value = compute()?;
        *last = Some((key.to_owned(), value.clone()));
        Ok(value)
    }
}
