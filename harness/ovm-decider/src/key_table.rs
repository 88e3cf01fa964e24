//! [`KeyTable`]: the fast path's memo, 128-bit structural keys (already uniform digests) to
//! values, by open addressing with linear probing and each key stored beside its value. A new
//! entry touches one cache line, where a general hash map with separate control bytes touches
//! two; a decide near the work bound holds 2^24 entries, far beyond any cache, so that line is
//! most of the cost of a sub-decision there.

/// One slot: its key (`[0, 0]` when empty) and value.
#[derive(Clone, Default)]
struct Slot<V> {
    key: [u64; 2],
    value: V,
}

/// A map from nonzero-or-zero 128-bit digests to `V`; at most three quarters full.
pub(crate) struct KeyTable<V> {
    /// A power of two in length (or empty).
    slots: Vec<Slot<V>>,
    /// Occupied slots.
    len: usize,
    /// The value of key 0, which marks empty slots and so is kept aside.
    zero: Option<V>,
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            len: 0,
            zero: None,
        }
    }
}

fn split(key: u128) -> [u64; 2] {
    [key as u64, (key >> 64) as u64]
}

impl<V: Default> KeyTable<V> {
    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: u128) -> Option<&V> {
        if key == 0 {
            return self.zero.as_ref();
        }
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.find(split(key))];
        (slot.key != [0, 0]).then_some(&slot.value)
    }

    /// Sets the value of `key`.
    pub(crate) fn insert(&mut self, key: u128, value: V) {
        if key == 0 {
            self.zero = Some(value);
            return;
        }
        self.reserve(1);
        let key = split(key);
        let at = self.find(key);
        let slot = &mut self.slots[at];
        if slot.key == [0, 0] {
            slot.key = key;
            self.len += 1;
        }
        slot.value = value;
    }

    /// Room for `additional` more keys without growing.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let needed = self.len.saturating_add(additional);
        if needed.saturating_mul(4) <= self.slots.len().saturating_mul(3) {
            return;
        }
        let mut capacity = self.slots.len().max(16);
        while needed.saturating_mul(4) > capacity.saturating_mul(3) {
            capacity = capacity.saturating_mul(2);
        }
        let old = std::mem::replace(
            &mut self.slots,
            std::iter::repeat_with(Slot::default)
                .take(capacity)
                .collect(),
        );
        for slot in old.into_iter().filter(|s| s.key != [0, 0]) {
            let at = self.find(slot.key);
            self.slots[at] = slot;
        }
    }

    /// The slot holding `key`, or the empty slot where it belongs (the table is never full).
    fn find(&self, key: [u64; 2]) -> usize {
        let mask = self.slots.len() - 1;
        // The low word of a digest is as uniform as any hash of it.
        let mut at = (key[0] as usize) & mask;
        loop {
            let slot = &self.slots[at];
            if slot.key == key || slot.key == [0, 0] {
                return at;
            }
            at = (at + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KeyTable;
    use std::collections::HashMap;

    #[test]
    fn agrees_with_a_hash_map_through_growth_and_overwrites() {
        let mut table = KeyTable::<Option<u32>>::default();
        let mut map = HashMap::new();
        // Keys colliding in their low word (linear probing), key 0, and overwrites.
        let keys = (0..5000u128)
            .map(|i| (i % 7) | ((i / 7) << 64))
            .chain([0, 0, 3]);
        for (n, key) in keys.enumerate() {
            let value = (n % 3 != 0).then_some(n as u32);
            table.insert(key, value);
            map.insert(key, value);
        }
        for key in (0..6000u128).map(|i| (i % 7) | ((i / 7) << 64)) {
            assert_eq!(table.get(key), map.get(&key), "key {key:#x}");
        }
        assert_eq!(table.len + 1, map.len());
    }
}
