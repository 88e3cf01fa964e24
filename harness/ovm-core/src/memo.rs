//! Per-thread memos of pure functions (signing, recovery, property ids): bounded, so
//! remembering changes nothing but time and memory stays small.

use std::{borrow::Borrow, cell::RefCell, collections::HashMap, hash::Hash, thread::LocalKey};

/// A per-thread memo of a pure function: at most [`MEMO_CAPACITY`] entries (it starts over
/// beyond).
pub(crate) type Memo<K, V> = RefCell<HashMap<K, V>>;

/// How many entries a [`Memo`] holds before it starts over.
pub(crate) const MEMO_CAPACITY: usize = 4096;

/// `compute()`, remembered in `memo` by `key` (owned only when it is new).
pub(crate) fn remembered<K, Q, V>(
    memo: &'static LocalKey<Memo<K, V>>,
    key: &Q,
    compute: impl FnOnce() -> V,
) -> V
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(known) = memo.with(|memo| memo.borrow().get(key).cloned()) {
        return known;
    }
    let value = compute();
    memo.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_CAPACITY {
            memo.clear();
        }
        memo.insert(key.to_owned(), value.clone());
    });
    value
}
