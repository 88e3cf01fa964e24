//! Per-thread memos of pure functions (signing, recovery, property ids): bounded, so
//! remembering changes nothing but time and memory stays small.

use alloy_primitives::map::HashMap;
use std::{borrow::Borrow, cell::RefCell, hash::Hash, thread::LocalKey};

/// How many entries a [`Memo`] holds before it starts over.
pub(crate) const MEMO_CAPACITY: usize = 4096;

/// How many bytes of keys a [`Memo`] holds before it starts over (the weights its callers
/// give), 16 MiB.
pub(crate) const MEMO_BYTES: usize = 16 << 20;

/// The entries of a per-thread memo and the bytes their keys weigh.
#[derive(Debug)]
pub(crate) struct Entries<K, V> {
    map: HashMap<K, V>,
    bytes: usize,
}

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Self {
            map: HashMap::default(),
            bytes: 0,
        }
    }
}

/// A per-thread memo of a pure function: at most [`MEMO_CAPACITY`] entries and
/// [`MEMO_BYTES`] bytes of keys (it starts over beyond). Keys are hashed with foldhash
/// (alloy's map hasher), not SipHash: a property's id is looked up far more often than it is
/// computed.
pub(crate) type Memo<K, V> = RefCell<Entries<K, V>>;

/// `compute()`, remembered in `memo` by `key` (owned only when it is new), which weighs
/// `bytes`.
pub(crate) fn remembered<K, Q, V>(
    memo: &'static LocalKey<Memo<K, V>>,
    key: &Q,
    bytes: usize,
    compute: impl FnOnce() -> V,
) -> V
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(known) = memo.with(|memo| memo.borrow().map.get(key).cloned()) {
        return known;
    }
    let value = compute();
    memo.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.map.len() >= MEMO_CAPACITY || memo.bytes + bytes > MEMO_BYTES {
            memo.map.clear();
            memo.bytes = 0;
        }
        memo.bytes += bytes;
        memo.map.insert(key.to_owned(), value.clone());
    });
    value
}
