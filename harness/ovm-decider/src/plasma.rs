//! The Plasma exit family (the brief's worked example), as builders the tests, the vector
//! suite and the fuzzer share.
//!
//! With `CC` the commitment contract, an exit of `leaf` over `range` in block `B` by `owner`,
//! whose later spend would be `spendTx`:
//!
//! - `Own  := ThereExists("sigs,KEY,<hex spendTx>", "sig", IsValidSignature(spendTx, V"sig", abi(owner), "secp256k1"))`
//! - `Incl := ThereExists("<CC>,STORED,<hex abi(B)>", "root", And(IsStored(abi(CC), abi(B), V"root"),
//!   ThereExists("proofs,KEY,${root}", "proof", VerifyInclusion(leaf, abi(range), V"proof", V"root"))))`
//! - `Hist := ForAll("range,NUMBER,<abi(0)>-<abi(B)>", "b", Or(Not(IsLessThan(V"b", abi(B))),
//!   ThereExists("<CC>,STORED,${b}", "r", IsStored(abi(CC), V"b", V"r"))))`
//! - `Exit := And(Incl, Not(Own), Hist)`.

use crate::World;
use ovm_core::{
    Address, B256, Builder, Bytes, IntervalTree, Property, Registry, U256, abi, abi::Range,
    keccak256, placeholder::placeholder, signing::Signer,
};

/// The witness-store bucket of spend signatures (keyed by the spend transaction).
pub const SIGS_BUCKET: &str = "sigs";

/// The witness-store bucket of inclusion proofs (keyed by the block root word).
pub const PROOFS_BUCKET: &str = "proofs";

/// `0x` + lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("0x{digits}")
}

/// One exit's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlasmaExit {
    /// The commitment contract `CC` (a registered storage contract).
    pub commitment: Address,
    /// The exited leaf (a state object's bytes).
    pub leaf: Bytes,
    /// The exited range.
    pub range: Range,
    /// The block `B` the leaf is in.
    pub block: U256,
    /// The owner of the leaf.
    pub owner: Address,
    /// The transaction that would spend the leaf.
    pub spend_tx: Bytes,
}

impl PlasmaExit {
    /// `<CC>` as written in hints: `0x` + 40 lowercase hex.
    pub fn commitment_hex(&self) -> String {
        hex(self.commitment.as_slice())
    }

    /// `Own`: the owner signed the spend.
    pub fn own(&self, b: &Builder) -> Property {
        b.there_exists(
            format!("{SIGS_BUCKET},KEY,{}", hex(&self.spend_tx)),
            "sig",
            b.is_valid_signature(
                self.spend_tx.clone(),
                placeholder("sig"),
                abi::encode_address(self.owner),
            ),
        )
    }

    /// `Incl`: the leaf is in block `B`'s tree.
    pub fn incl(&self, b: &Builder) -> Property {
        let block = abi::encode_u256(self.block);
        b.there_exists(
            format!("{},STORED,{}", self.commitment_hex(), hex(&block)),
            "root",
            b.and([
                b.is_stored(self.commitment, block.clone(), placeholder("root")),
                b.there_exists(
                    format!("{PROOFS_BUCKET},KEY,${{root}}"),
                    "proof",
                    b.verify_inclusion(
                        self.leaf.clone(),
                        self.range.encode(),
                        placeholder("proof"),
                        placeholder("root"),
                    ),
                ),
            ]),
        )
    }

    /// `Hist`: every block before `B` has a root.
    pub fn hist(&self, b: &Builder) -> Property {
        let block = abi::encode_u256(self.block);
        b.for_all(
            format!("range,NUMBER,{}-{}", hex(&abi::encode_uint(0)), hex(&block)),
            "b",
            b.or([
                b.not(b.is_less_than(placeholder("b"), block.clone())),
                b.there_exists(
                    format!("{},STORED,${{b}}", self.commitment_hex()),
                    "r",
                    b.is_stored(self.commitment, placeholder("b"), placeholder("r")),
                ),
            ]),
        )
    }

    /// `Exit := And(Incl, Not(Own), Hist)`.
    pub fn exit(&self, b: &Builder) -> Property {
        b.and([self.incl(b), b.not(self.own(b)), self.hist(b)])
    }

    /// The three children of `Exit`, encoded.
    pub fn exit_children(&self, b: &Builder) -> [Bytes; 3] {
        [
            self.incl(b).encode(),
            b.not(self.own(b)).encode(),
            self.hist(b).encode(),
        ]
    }
}

/// The worlds of the example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Included, unspent, every earlier root present: True, settled by the period.
    Honest,
    /// The owner's signature on the spend is in the store: False at index 1 (`Not(Not(Own))`).
    Spent,
    /// No inclusion proof in the store: False at index 0.
    NotIncluded,
    /// The stored proof has a tampered sibling: False at index 0.
    TamperedProof,
    /// Block `missing < B` has no root: Unknown with a pin (at index 2).
    MissingRoot {
        /// The block without a root.
        missing: u64,
    },
    /// The owner is the zero address and a garbage signature is stored: `Own` is False, so
    /// the exit is True.
    ZeroSignerGarbage,
    /// Child `index` of `Exit` is encoded non-canonically (32 trailing zero bytes): it is raw,
    /// so the exit is False at that index.
    NonCanonicalChild {
        /// The child made raw (0, 1 or 2).
        index: usize,
    },
}

impl Variant {
    /// One of each variant (`MissingRoot` at block 1, every `NonCanonicalChild` index).
    pub const ALL: [Self; 9] = [
        Self::Honest,
        Self::Spent,
        Self::NotIncluded,
        Self::TamperedProof,
        Self::MissingRoot { missing: 1 },
        Self::ZeroSignerGarbage,
        Self::NonCanonicalChild { index: 0 },
        Self::NonCanonicalChild { index: 1 },
        Self::NonCanonicalChild { index: 2 },
    ];
}

/// What the decider must answer for a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// True, not witness-decidable.
    TrueByPeriod,
    /// False with the And challenge at this index.
    FalseAt(usize),
    /// Unknown with a pin (the And challenge at this index).
    UnknownPinnedAt(usize),
}

/// A world, the exit claim in it, and the expected outcome.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The variant built.
    pub variant: Variant,
    /// The exit's parameters.
    pub exit: PlasmaExit,
    /// The builder over the world's registry.
    pub builder: Builder,
    /// The world.
    pub world: World,
    /// The claim (`Exit`, or its non-canonical-child variant).
    pub property: Property,
    /// The expected outcome.
    pub expected: Expected,
}

/// The block `B` of every scenario.
pub const EXIT_BLOCK: u64 = 3;

/// The root submitted for a block other than `B`.
pub fn filler_root(block: u64) -> B256 {
    keccak256([b"ovm-filler-root".as_slice(), &block.to_be_bytes()].concat())
}

/// Builds `variant` over [`Registry::with_test_addresses`].
pub fn scenario(variant: Variant) -> Scenario {
    scenario_in(Registry::with_test_addresses(), variant)
}

/// Builds `variant` over `registry` (which must register at least one storage contract; the
/// first is `CC`).
///
/// # Panics
///
/// If `registry` has no storage contract.
pub fn scenario_in(registry: Registry, variant: Variant) -> Scenario {
    let commitment = registry
        .storages()
        .next()
        .expect("the registry needs a storage contract");
    let builder = Builder::new(registry.clone());
    let signer = Signer::from_seed(1);
    let owner = match variant {
        Variant::ZeroSignerGarbage => Address::ZERO,
        _ => signer.address(),
    };
    let leaf = Bytes::from_static(b"ovm-plasma-leaf: 10..20 owned by the exiter");
    let exit = PlasmaExit {
        commitment,
        leaf: leaf.clone(),
        range: Range::from_u64(10, 20),
        block: U256::from(EXIT_BLOCK),
        owner,
        spend_tx: Bytes::from_static(b"ovm-plasma-spend-tx: 10..20 to someone else"),
    };
    let tree = IntervalTree::new([
        (Bytes::from_static(b"other leaf 0"), U256::from(0)),
        (leaf, U256::from(10)),
        (Bytes::from_static(b"other leaf 2"), U256::from(20)),
    ])
    .expect("starts increase");
    let mut world = World::new(registry);
    for block in 0..=EXIT_BLOCK {
        if variant == (Variant::MissingRoot { missing: block }) {
            continue;
        }
        let root = if block == EXIT_BLOCK {
            tree.root()
        } else {
            filler_root(block)
        };
        world
            .storage
            .submit_root(commitment, U256::from(block), root)
            .expect("increasing, non-zero");
    }
    let root_word = abi::encode_b256(tree.root());
    let mut proof = tree.proof(1).expect("leaf 1 exists");
    if variant == Variant::TamperedProof {
        proof.siblings[0].hash = keccak256(b"tampered");
    }
    if variant != Variant::NotIncluded {
        world
            .witnesses
            .insert(PROOFS_BUCKET, root_word, proof.encode());
    }
    let mut garbage = [0x11u8; 65];
    garbage[64] = 27;
    world.witnesses.insert(
        SIGS_BUCKET,
        exit.spend_tx.clone(),
        Bytes::copy_from_slice(&garbage),
    );
    if variant == Variant::Spent {
        world.witnesses.insert(
            SIGS_BUCKET,
            exit.spend_tx.clone(),
            Bytes::copy_from_slice(&signer.sign(&exit.spend_tx)),
        );
    }
    let (property, expected) = match variant {
        Variant::Honest | Variant::ZeroSignerGarbage => {
            (exit.exit(&builder), Expected::TrueByPeriod)
        }
        Variant::Spent => (exit.exit(&builder), Expected::FalseAt(1)),
        Variant::NotIncluded | Variant::TamperedProof => {
            (exit.exit(&builder), Expected::FalseAt(0))
        }
        Variant::MissingRoot { .. } => (exit.exit(&builder), Expected::UnknownPinnedAt(2)),
        Variant::NonCanonicalChild { index } => {
            let mut children = exit.exit_children(&builder).map(|c| c.to_vec());
            if let Some(child) = children.get_mut(index) {
                child.extend([0u8; 32]);
            }
            (
                builder.and(children.map(Bytes::from)),
                Expected::FalseAt(index.min(2)),
            )
        }
    };
    Scenario {
        variant,
        exit,
        builder,
        world,
        property,
        expected,
    }
}
