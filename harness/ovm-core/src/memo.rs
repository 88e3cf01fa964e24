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

#[cfg(test)]
mod tests {
    use super::{MEMO_BYTES, MEMO_CAPACITY, Memo, remembered};

    thread_local! {
        static WEIGHED: Memo<u32, u32> = Memo::default();
        static COUNTED: Memo<u32, u32> = Memo::default();
    }

    #[test]
    fn starts_over_past_its_byte_weight() {
        let half = MEMO_BYTES / 2 + 1;
        assert_eq!(remembered(&WEIGHED, &1, half, || 10), 10);
        assert_eq!(remembered(&WEIGHED, &1, half, || 99), 10, "remembered");
        // Two halves weigh more than the memo holds: it starts over, keeping only the new one.
        assert_eq!(remembered(&WEIGHED, &2, half, || 20), 20);
        assert_eq!(remembered(&WEIGHED, &2, half, || 99), 20, "remembered");
        assert_eq!(remembered(&WEIGHED, &1, half, || 11), 11, "forgotten");
    }

    #[test]
    fn starts_over_past_its_capacity() {
        let full = u32::try_from(MEMO_CAPACITY).expect("small");
        for key in 0..full {
            remembered(&COUNTED, &key, 1, || key);
        }
        assert_eq!(remembered(&COUNTED, &0, 1, || 99), 0, "remembered");
        // One more starts it over.
        assert_eq!(remembered(&COUNTED, &full, 1, || full), full);
        assert_eq!(remembered(&COUNTED, &1, 1, || 99), 99, "forgotten");
    }
}
