//! Seeded, reproducible sampling: the same seed and the same candidate list give the same
//! order, on every machine.

/// splitmix64: a small, well-mixed generator whose stream is fixed by its seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound > 0`), without modulo bias.
    fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let x = self.next();
            if x < zone {
                return x % bound;
            }
        }
    }
}

/// The indices `0..len` in the order the gate tries them: a Fisher–Yates shuffle driven by
/// `seed`. The gate walks this order until it has as many viable mutants as asked for.
pub fn order(len: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64(seed);
    let mut indices: Vec<usize> = (0..len).collect();
    for i in (1..len).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        indices.swap(i, j);
    }
    indices
}

#[cfg(test)]
mod tests {
    use super::order;

    #[test]
    fn same_seed_same_order_and_every_index_once() {
        let a = order(100, 7);
        assert_eq!(a, order(100, 7));
        assert_ne!(a, order(100, 8));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn the_order_of_a_seed_is_fixed() {
        // Pinned so that a documented seed names the same sample in every version.
        assert_eq!(order(6, 1), vec![0, 1, 3, 2, 4, 5]);
    }
}
