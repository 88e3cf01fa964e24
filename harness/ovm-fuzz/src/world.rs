//! Worlds: the generated [`WorldParams`] (plain, shrinkable numbers), the [`Material`] they
//! expand to (signers, messages and signatures, preimages, commitment roots per block with
//! gaps, interval trees with valid and tampered proofs, stored values), and the concrete
//! [`WorldSpec`] both halves run in (decider world, chain roots, vector world).

use ovm_core::{
    Address, B256, Builder, Bytes, InclusionProof, IntervalTree, Property, Registry, U256, abi,
    abi::Range,
    keccak256,
    placeholder::placeholder,
    signing::{self, Signer},
};
use ovm_decider::World;
use proptest::prelude::*;

/// The witness-store bucket of first-level values (key [`A_KEY`]).
pub const A_BUCKET: &str = "a";
/// The key of the first-level values in [`A_BUCKET`].
pub const A_KEY: &[u8] = b"k";
/// The bucket of second-level values, keyed by a first-level value.
pub const B_BUCKET: &str = "b";
/// The bucket of signatures, keyed by the signed message.
pub const SIGS_BUCKET: &str = "sigs";
/// The bucket of inclusion proofs, keyed by the block root word.
pub const PROOFS_BUCKET: &str = "proofs";
/// The bucket of self-referential quantifiers (cycles, §7): [`cycle_quantifier`]'s two
/// properties, under [`A_KEY`], each in its own domain.
pub const CYCLES_BUCKET: &str = "cyc";
/// The bucket of range-keyed values (`RANGE` hints): each first-level value again, under the
/// key `abi(Range)` of [`Material::range_entries`].
pub const RANGES_BUCKET: &str = "ranges";

/// An account outside the registry whose code answers `true` (one word, 1) to every call:
/// a connective that called it would see a "true" predicate (§4: only registered predicates
/// are ever called). Placed in every world.
pub const ROGUE: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b, 0xad,
]);
/// `PUSH1 1 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN`: the runtime code of [`ROGUE`].
pub const ROGUE_CODE: [u8; 10] = [0x60, 0x01, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3];
/// An account outside the registry without code (a call to it succeeds with no return data).
pub const NO_CODE: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0c, 0x0d,
]);

/// The secp256k1 group order `n = 2 · MAX_LOW_S + 1` (for high-`s` twins).
fn secp256k1_n() -> U256 {
    ovm_core::signing::MAX_LOW_S * U256::from(2u8) + U256::from(1u8)
}

/// The concrete world of one case: what the decider's world, the chain and a vector's `world`
/// are made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorldSpec {
    /// Signer seeds; signer `i` is named `s{i}` in vectors.
    pub signers: Vec<u64>,
    /// The witness store: `(bucket, key, value)` in insertion order.
    pub store: Vec<(String, Bytes, Bytes)>,
    /// `CommitmentContract` roots `(Plasma block, root)`, strictly increasing blocks.
    pub roots: Vec<(u64, B256)>,
}

impl WorldSpec {
    /// The decider's world over `registry`: the store, and the roots submitted to
    /// `commitment` (the deployment's `CommitmentContract`, where the chain's roots go).
    pub fn decider_world(&self, registry: &Registry, commitment: Address) -> World {
        let mut world = World::new(registry.clone());
        for (bucket, key, value) in &self.store {
            world
                .witnesses
                .insert(bucket.clone(), key.clone(), value.clone());
        }
        for (block, root) in &self.roots {
            // A root the contract would refuse is refused here too (and skipped).
            let _ = world
                .storage
                .submit_root(commitment, U256::from(*block), *root);
        }
        world
    }

    /// The vector form: the signers, store and roots, and the accounts [`ROGUE`] (with its
    /// code) and [`NO_CODE`] as `rogue` and `nocode`.
    pub fn to_vector(&self) -> ovm_vectors::World {
        let mut world = ovm_vectors::World::default();
        for (name, address) in [("rogue", ROGUE), ("nocode", NO_CODE)] {
            if let Ok(name) = ovm_vectors::Name::parse(name) {
                world
                    .accounts
                    .insert(name, ovm_vectors::HexAddress(address));
            }
        }
        if let Ok(name) = ovm_vectors::Name::parse("rogue") {
            world.code.insert(name, ovm_vectors::Input::hex(ROGUE_CODE));
        }
        for (i, seed) in self.signers.iter().enumerate() {
            if let Ok(name) = ovm_vectors::Name::parse(&signer_name(i)) {
                world.signers.insert(name, *seed);
            }
        }
        for (bucket, key, value) in &self.store {
            world
                .store
                .entry(bucket.clone())
                .or_default()
                .push(ovm_vectors::StoreEntry {
                    key: ovm_vectors::Input::hex(key),
                    value: ovm_vectors::Input::hex(value),
                });
        }
        world.roots = self
            .roots
            .iter()
            .map(|(block, root)| ovm_vectors::RootEntry {
                block: *block,
                root: ovm_vectors::Input::hex(root),
            })
            .collect();
        world
    }
}

/// The vector name of signer `i`.
pub fn signer_name(i: usize) -> String {
    format!("s{i}")
}

/// The signature by `Signer::from_seed(seed)` over `keccak256(message)` (remembered per
/// thread by `Signer::sign`).
pub fn sign(seed: u64, message: &[u8]) -> [u8; 65] {
    Signer::from_seed(seed).sign(message)
}

/// The variants of a signature the generators draw from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigVariant {
    /// Valid, by the intended signer.
    Valid,
    /// Valid, by another signer.
    WrongSigner,
    /// `v - 27` (0 or 1): must be rejected (no normalisation).
    VZeroOne,
    /// The high-`s` twin (`n − s`, `v` flipped): must be rejected.
    HighS,
    /// 64 bytes (no `v`).
    Truncated,
    /// `v = 29`.
    BadV,
}

impl SigVariant {
    /// Every variant.
    pub const ALL: [Self; 6] = [
        Self::Valid,
        Self::WrongSigner,
        Self::VZeroOne,
        Self::HighS,
        Self::Truncated,
        Self::BadV,
    ];
}

/// The bytes of a signature variant over `message` by `seed` (`other` signs WrongSigner).
pub fn signature_variant(variant: SigVariant, seed: u64, other: u64, message: &[u8]) -> Bytes {
    if variant == SigVariant::WrongSigner {
        return Bytes::copy_from_slice(&sign(other, message));
    }
    let sig = sign(seed, message);
    let mut out = sig.to_vec();
    match variant {
        SigVariant::Valid | SigVariant::WrongSigner => {}
        SigVariant::VZeroOne => out[64] = sig[64].wrapping_sub(27),
        SigVariant::HighS => {
            let s = U256::from_be_slice(&sig[32..64]);
            out[32..64].copy_from_slice(&(secp256k1_n() - s).to_be_bytes::<32>());
            out[64] = if sig[64] == 27 { 28 } else { 27 };
        }
        SigVariant::Truncated => out.truncate(64),
        SigVariant::BadV => out[64] = 29,
    }
    out.into()
}

/// Generated parameters of a world: small numbers and byte strings that shrink well; the
/// [`Material`] is derived from them deterministically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldParams {
    /// Signer seeds (1..=3 of them).
    pub seeds: Vec<u64>,
    /// First-level values: `(form, n)`; form 0 = `abi(uint n)`, 1 = raw bytes, 2 = keccak word.
    pub a_values: Vec<(u8, u8)>,
    /// How many second-level values each first-level value has.
    pub b_counts: Vec<u8>,
    /// Messages (spend transactions) signers sign: up to 3 bytes from `0..3`, so that the 40
    /// messages by the 40 signers fit the signature memo (signing is what a world costs; what
    /// is signed does not matter, since the rules check `keccak256(message)`, §5).
    pub messages: Vec<Vec<u8>>,
    /// Interval trees: leaves `(bytes, width)`.
    pub trees: Vec<Vec<(Vec<u8>, u8)>>,
    /// The first Plasma block with a root.
    pub first_block: u64,
    /// Gaps between the blocks with roots (one root per entry).
    pub gaps: Vec<u8>,
    /// A salt for derived bytes.
    pub salt: u8,
}

/// The strategy of [`WorldParams`].
pub fn world_params() -> impl Strategy<Value = WorldParams> {
    (
        prop::collection::vec(1u64..=40, 1..=3),
        prop::collection::vec((0u8..3, 0u8..8), 1..=3),
        prop::collection::vec(0u8..=2, 3),
        prop::collection::vec(
            prop::collection::vec(any::<u8>(), 0..6)
                .prop_map(|m| m.iter().take(3).map(|b| b % 3).collect()),
            1..=2,
        ),
        prop::collection::vec(
            prop::collection::vec((prop::collection::vec(any::<u8>(), 1..4), 1u8..4), 1..=4),
            0..=2,
        ),
        0u64..3,
        prop::collection::vec(1u8..=3, 1..=4),
        any::<u8>(),
    )
        .prop_map(
            |(seeds, a_values, b_counts, messages, trees, first_block, gaps, salt)| WorldParams {
                seeds,
                a_values,
                b_counts,
                messages,
                trees,
                first_block,
                gaps,
                salt,
            },
        )
}

/// `ForAll` (or `ThereExists`) `x` over [`CYCLES_BUCKET`] of `V x`: the bound value is itself
/// the property to evaluate, and the bucket holds this very quantifier.
pub fn cycle_quantifier(b: &Builder, exists: bool) -> Property {
    let hint = format!(
        "{CYCLES_BUCKET},KEY,{}",
        ovm_core::hex::encode_prefixed(A_KEY)
    );
    let body = placeholder("x");
    if exists {
        b.there_exists(hint, "x", body)
    } else {
        b.for_all(hint, "x", body)
    }
}

/// One leaf of a generated interval tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeafInfo {
    /// The leaf bytes.
    pub leaf: Bytes,
    /// The leaf's range (`[start, next start)`, or a width for the last leaf).
    pub range: Range,
    /// Its valid proof, encoded.
    pub proof: Bytes,
    /// A tampered proof of the same leaf (a sibling hash flipped, or a stray path bit).
    pub tampered: Bytes,
}

/// One generated interval tree, committed as a block root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeInfo {
    /// The Plasma block whose root it is.
    pub block: u64,
    /// The root.
    pub root: B256,
    /// The leaves.
    pub leaves: Vec<LeafInfo>,
}

/// Everything the property generators draw from, and the world it lives in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Material {
    /// The concrete world.
    pub world: WorldSpec,
    /// The registered storage contract the roots are submitted to.
    pub commitment: Address,
    /// Signer seeds (deduplicated).
    pub seeds: Vec<u64>,
    /// First-level values (in [`A_BUCKET`] under [`A_KEY`]).
    pub a_values: Vec<Bytes>,
    /// Second-level entries `(first-level value, value)` (in [`B_BUCKET`]).
    pub b_entries: Vec<(Bytes, Bytes)>,
    /// Range-keyed entries `(key, value)` (in [`RANGES_BUCKET`], ascending starts): the i-th
    /// first-level value under `[3i, 3i + w)`, `w` in 1..=3, so neighbours may touch but never
    /// overlap.
    pub range_entries: Vec<(Range, Bytes)>,
    /// Messages; each has signature variants in [`SIGS_BUCKET`].
    pub messages: Vec<Bytes>,
    /// `(message index, signature)` entries of [`SIGS_BUCKET`].
    pub sigs: Vec<(usize, Bytes)>,
    /// Interval trees committed as roots.
    pub trees: Vec<TreeInfo>,
    /// `(root word, proof)` entries of [`PROOFS_BUCKET`].
    pub proof_entries: Vec<(Bytes, Bytes)>,
    /// Blocks with a root.
    pub written: Vec<u64>,
    /// Blocks without one (gaps, and the next block after the last).
    pub unwritten: Vec<u64>,
    /// Whether [`CYCLES_BUCKET`] holds the cycle quantifiers ([`Material::with_cycles`]).
    pub cycles: bool,
}

fn derived(salt: u8, tag: &[u8], i: usize) -> B256 {
    keccak256([&[salt], tag, &(i as u64).to_be_bytes()[..]].concat())
}

impl Material {
    /// Expands `params` for a deployment whose storage contract is `commitment`. The messages'
    /// signatures (the [`SIGS_BUCKET`] entries and [`Material::sigs`]) are made only when
    /// `signatures` is set: signing is most of the cost of a world, and only a case that reads
    /// them (a quantifier over signatures, [`Shape::reads_signatures`]) can tell.
    ///
    /// [`Shape::reads_signatures`]: crate::generate::Shape::reads_signatures
    pub fn build(params: &WorldParams, commitment: Address, signatures: bool) -> Self {
        let mut seeds = params.seeds.clone();
        seeds.dedup();
        let mut store = Vec::new();
        let a_values: Vec<Bytes> = params
            .a_values
            .iter()
            .enumerate()
            .map(|(i, &(form, n))| match form {
                0 => abi::encode_uint(u64::from(n)),
                1 => Bytes::from(vec![n; 1 + (n as usize % 3)]),
                _ => abi::encode_b256(derived(params.salt, b"a", i)),
            })
            .collect();
        for v in &a_values {
            store.push((A_BUCKET.to_owned(), Bytes::from_static(A_KEY), v.clone()));
        }
        let range_entries: Vec<(Range, Bytes)> = a_values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let start = 3 * i as u64;
                let width = 1 + (usize::from(params.salt) + i) as u64 % 3;
                (Range::from_u64(start, start + width), v.clone())
            })
            .collect();
        for (key, v) in &range_entries {
            store.push((RANGES_BUCKET.to_owned(), key.encode(), v.clone()));
        }
        let mut b_entries = Vec::new();
        for (i, a) in a_values.iter().enumerate() {
            let count = params.b_counts.get(i).copied().unwrap_or(0);
            for j in 0..count as usize {
                let value = if (i + j) % 2 == 0 {
                    abi::encode_uint((10 * i + j) as u64)
                } else {
                    Bytes::copy_from_slice(&derived(params.salt, b"b", 8 * i + j)[..3])
                };
                store.push((B_BUCKET.to_owned(), a.clone(), value.clone()));
                b_entries.push((a.clone(), value));
            }
        }
        let messages: Vec<Bytes> = params
            .messages
            .iter()
            .map(|m| Bytes::copy_from_slice(m))
            .collect();
        let first = seeds.first().copied().unwrap_or(1);
        let other = seeds.get(1).copied().unwrap_or(first + 1);
        let mut sigs = Vec::new();
        for (i, m) in messages.iter().enumerate().filter(|_| signatures) {
            for variant in [
                SigVariant::Valid,
                SigVariant::WrongSigner,
                SigVariant::VZeroOne,
                SigVariant::HighS,
            ] {
                let sig = signature_variant(variant, first, other, m);
                store.push((SIGS_BUCKET.to_owned(), m.clone(), sig.clone()));
                sigs.push((i, sig));
            }
        }
        // Blocks with roots.
        let mut written = Vec::new();
        let mut block = params.first_block;
        for (i, gap) in params.gaps.iter().enumerate() {
            if i > 0 {
                block += u64::from(*gap);
            }
            written.push(block);
        }
        let last = written.last().copied().unwrap_or(0);
        let unwritten: Vec<u64> = (0..=last + 1).filter(|b| !written.contains(b)).collect();
        let mut trees = Vec::new();
        let mut proof_entries = Vec::new();
        for (t, leaves) in params.trees.iter().enumerate() {
            let Some(&block) = written.get(t) else { break };
            let mut start = 0u64;
            let mut entries = Vec::new();
            for (bytes, width) in leaves {
                entries.push((bytes.clone(), start, u64::from(*width)));
                start += u64::from(*width);
            }
            let Ok(tree) = IntervalTree::new(
                entries
                    .iter()
                    .map(|(bytes, start, _)| (bytes.clone(), U256::from(*start))),
            ) else {
                continue;
            };
            let root = tree.root();
            let root_word = abi::encode_b256(root);
            let mut infos = Vec::new();
            for (i, (bytes, start, width)) in entries.iter().enumerate() {
                let Some(proof) = tree.proof(i) else { continue };
                let mut tampered = proof.clone();
                match tampered.siblings.first_mut() {
                    Some(sibling) => sibling.hash = keccak256(sibling.hash),
                    None => tampered.path.set_bit(0, true),
                }
                let end = entries.get(i + 1).map_or(start + width, |next| next.1);
                let info = LeafInfo {
                    leaf: Bytes::copy_from_slice(bytes),
                    range: Range::from_u64(*start, end),
                    proof: proof.encode(),
                    tampered: tampered.encode(),
                };
                proof_entries.push((root_word.clone(), info.proof.clone()));
                if i == 0 {
                    proof_entries.push((root_word.clone(), info.tampered.clone()));
                }
                infos.push(info);
            }
            trees.push(TreeInfo {
                block,
                root,
                leaves: infos,
            });
        }
        for (key, proof) in &proof_entries {
            store.push((PROOFS_BUCKET.to_owned(), key.clone(), proof.clone()));
        }
        let roots = written
            .iter()
            .enumerate()
            .map(|(i, &block)| {
                let root = trees
                    .iter()
                    .find(|t| t.block == block)
                    .map_or_else(|| derived(params.salt, b"root", i), |t| t.root);
                (block, root)
            })
            .collect();
        let material = Self {
            world: WorldSpec {
                signers: seeds.clone(),
                store,
                roots,
            },
            commitment,
            seeds,
            a_values,
            b_entries,
            range_entries,
            messages,
            sigs,
            trees,
            proof_entries,
            written,
            unwritten,
            cycles: false,
        };
        // The proofs are checked in every build (a few hashes per leaf; the vectors hold
        // literal proofs, so only this check judges the tree's proof builder). The signatures
        // are checked in debug builds (every `cargo test` of the fuzz layers) only: in a
        // release campaign their recoveries would double the cost of a case.
        let checked = if cfg!(debug_assertions) {
            material.check(first, other, signatures)
        } else {
            material.check_proofs()
        };
        if let Err(why) = checked {
            panic!("the fuzzer's world builder made inconsistent material: {why}");
        }
        material
    }

    /// The generated material is what it claims to be (spec §5.1, §5): every valid proof
    /// verifies against its tree's root and no tampered one does; each message's `Valid` and
    /// `WrongSigner` signatures recover to their signers (`first`, `other`), its `v − 27` and
    /// high-`s` twins to nobody (when `signatures` were made, none otherwise). A broken
    /// builder would make the fuzz cases test nothing.
    fn check(&self, first: u64, other: u64, signatures: bool) -> Result<(), String> {
        self.check_proofs()?;
        self.check_signatures(first, other, signatures)
    }

    /// Every valid proof verifies against its tree's root and no tampered one does (§5.1).
    fn check_proofs(&self) -> Result<(), String> {
        for tree in &self.trees {
            for (i, leaf) in tree.leaves.iter().enumerate() {
                let verifies = |proof: &Bytes| {
                    InclusionProof::decode_canonical(proof)
                        .is_some_and(|p| p.verifies(&leaf.leaf, &leaf.range, tree.root))
                };
                if !verifies(&leaf.proof) {
                    return Err(format!(
                        "the proof of leaf {i} of block {} fails",
                        tree.block
                    ));
                }
                if verifies(&leaf.tampered) {
                    return Err(format!(
                        "the tampered proof of leaf {i} of block {} verifies",
                        tree.block
                    ));
                }
            }
        }
        Ok(())
    }

    /// Each message's `Valid` and `WrongSigner` signatures recover to their signers (`first`,
    /// `other`), its `v − 27` and high-`s` twins to nobody; none were made unless `signatures`.
    fn check_signatures(&self, first: u64, other: u64, signatures: bool) -> Result<(), String> {
        if !signatures {
            return match self.sigs.len() {
                0 => Ok(()),
                n => Err(format!("{n} signatures were made unasked")),
            };
        }
        let word = |seed: u64| Signer::from_seed(seed).address_word();
        for (i, m) in self.messages.iter().enumerate() {
            let variants: Vec<&Bytes> = self
                .sigs
                .iter()
                .filter(|(at, _)| *at == i)
                .map(|(_, sig)| sig)
                .collect();
            let [valid, wrong_signer, v_zero_one, high_s] = variants[..] else {
                return Err(format!(
                    "message {i} has {} signatures, not 4",
                    variants.len()
                ));
            };
            let expected = [
                (valid, first, true),
                (wrong_signer, other, true),
                (v_zero_one, first, false),
                (high_s, first, false),
            ];
            for (sig, seed, valid) in expected {
                if signing::is_valid_signature(m, sig, &word(seed)) != valid {
                    return Err(format!(
                        "a signature of message {i} by signer seed {seed} is {}valid",
                        if valid { "in" } else { "" }
                    ));
                }
            }
        }
        Ok(())
    }

    /// The root word stored for `block`, if written.
    pub fn root_word(&self, block: u64) -> Option<Bytes> {
        self.world
            .roots
            .iter()
            .find(|(b, _)| *b == block)
            .map(|(_, root)| abi::encode_b256(*root))
    }

    /// Adds the two [`cycle_quantifier`]s to [`CYCLES_BUCKET`]: each is among its own
    /// candidates, so deciding it meets itself (a cycle, §7).
    pub fn with_cycles(mut self, b: &Builder) -> Self {
        for exists in [false, true] {
            self.world.store.push((
                CYCLES_BUCKET.to_owned(),
                Bytes::from_static(A_KEY),
                cycle_quantifier(b, exists).encode(),
            ));
        }
        self.cycles = true;
        self
    }

    /// The candidates of a `RANGE` hint over `window` (§7): the values of
    /// [`Material::range_entries`] whose key intersects it, by key start.
    pub fn range_candidates(&self, window: &Range) -> Vec<Bytes> {
        self.range_entries
            .iter()
            .filter(|(key, _)| key.intersects(window))
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every value of the world's buckets and messages, plus a few fixed values: the pool
    /// `Equal` draws from.
    pub fn value_pool(&self) -> Vec<Bytes> {
        let mut pool: Vec<Bytes> = self.a_values.clone();
        pool.extend(self.b_entries.iter().map(|(_, v)| v.clone()));
        pool.extend(self.messages.iter().cloned());
        pool.extend((0..3).map(abi::encode_uint));
        pool.push(Bytes::new());
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> WorldParams {
        WorldParams {
            seeds: vec![3, 5],
            a_values: vec![(0, 1)],
            b_counts: vec![0, 0, 0],
            messages: vec![vec![1, 2, 3], vec![]],
            trees: vec![vec![(vec![1], 2), (vec![2, 2], 1), (vec![3], 3)]],
            first_block: 0,
            gaps: vec![1],
            salt: 0,
        }
    }

    /// The self-check passes on what the builder makes and fails on a broken proof or a
    /// signature by the wrong key.
    #[test]
    fn the_self_check_catches_broken_material() {
        let built = Material::build(&params(), Address::ZERO, true);
        assert_eq!(built.check(3, 5, true), Ok(()));
        let unsigned = Material::build(&params(), Address::ZERO, false);
        assert_eq!(unsigned.check(3, 5, false), Ok(()));
        assert!(built.check(3, 5, false).unwrap_err().contains("unasked"));
        assert_eq!(unsigned.world.store.len() + 8, built.world.store.len());
        let mut bad_proof = built.clone();
        bad_proof.trees[0].leaves[1].proof = bad_proof.trees[0].leaves[1].tampered.clone();
        assert!(
            bad_proof
                .check(3, 5, true)
                .unwrap_err()
                .contains("proof of leaf 1")
        );
        let mut bad_signature = built.clone();
        bad_signature.sigs[0].1 = signature_variant(SigVariant::Valid, 4, 5, &built.messages[0]);
        assert!(
            bad_signature
                .check(3, 5, true)
                .unwrap_err()
                .contains("message 0")
        );
    }
}
