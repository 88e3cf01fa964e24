//! The Plasma Merkle interval tree (spec §5.1): build, prove and verify.

use crate::{B256, Bytes, U256, abi::Range, keccak256};
use alloy_sol_types::SolValue;

mod sol {
    alloy_sol_types::sol! {
        struct IntervalTreeNode { bytes32 data; uint256 start; }
        struct IntervalInclusionProof { uint256 leafStart; uint256 path; IntervalTreeNode[] siblings; }
    }
}

/// A proof lists at most this many siblings.
pub const MAX_SIBLINGS: usize = 256;

/// A node of the tree: a hash and the start of the leftmost leaf below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TreeNode {
    /// The node hash.
    pub hash: B256,
    /// The start of its leftmost leaf.
    pub start: U256,
}

impl TreeNode {
    /// The leaf node of `leaf` starting at `start`: `(keccak256(leaf), start)`.
    pub fn leaf(leaf: &[u8], start: U256) -> Self {
        Self {
            hash: keccak256(leaf),
            start,
        }
    }

    /// `parent(L, R) = (keccak256(abi.encodePacked(L.hash, L.start, R.hash, R.start)), L.start)`.
    pub fn parent(left: &Self, right: &Self) -> Self {
        let mut packed = [0u8; 128];
        packed[..32].copy_from_slice(left.hash.as_slice());
        packed[32..64].copy_from_slice(&left.start.to_be_bytes::<32>());
        packed[64..96].copy_from_slice(right.hash.as_slice());
        packed[96..].copy_from_slice(&right.start.to_be_bytes::<32>());
        Self {
            hash: keccak256(packed),
            start: left.start,
        }
    }
}

/// `IntervalInclusionProof = (leafStart, path, siblings)`; bit `i` of `path` is 1 when the node
/// is the right child at the `i`-th fold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InclusionProof {
    /// The start of the proven leaf.
    pub leaf_start: U256,
    /// The side bits, leaf upwards.
    pub path: U256,
    /// The real siblings, leaf upwards.
    pub siblings: Vec<TreeNode>,
}

impl InclusionProof {
    /// `abi.encode(proof)`.
    pub fn encode(&self) -> Bytes {
        sol::IntervalInclusionProof {
            leafStart: self.leaf_start,
            path: self.path,
            siblings: self
                .siblings
                .iter()
                .map(|node| sol::IntervalTreeNode {
                    data: node.hash,
                    start: node.start,
                })
                .collect(),
        }
        .abi_encode()
        .into()
    }

    /// The proof of a canonical encoding (`abi.encode(abi.decode(x)) == x`), never panicking.
    pub fn decode_canonical(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < 128 || !bytes.len().is_multiple_of(32) {
            return None;
        }
        let decoded = sol::IntervalInclusionProof::abi_decode(bytes).ok()?;
        let proof = Self {
            leaf_start: decoded.leafStart,
            path: decoded.path,
            siblings: decoded
                .siblings
                .into_iter()
                .map(|node| TreeNode {
                    hash: node.data,
                    start: node.start,
                })
                .collect(),
        };
        (proof.encode().as_ref() == bytes).then_some(proof)
    }

    /// Folds the proof from `leaf` (§5.1): the root hash and the implicit end, or `None` when a
    /// sibling is out of order, a stray `path` bit is set, or there are too many siblings.
    pub fn fold(&self, leaf: &[u8]) -> Option<(B256, U256)> {
        if self.siblings.len() > MAX_SIBLINGS {
            return None;
        }
        if self.siblings.len() < MAX_SIBLINGS && self.path >> self.siblings.len() != U256::ZERO {
            return None;
        }
        let mut node = TreeNode::leaf(leaf, self.leaf_start);
        let mut implicit_end = None;
        for (i, sibling) in self.siblings.iter().enumerate() {
            if self.path.bit(i) {
                if sibling.start >= node.start {
                    return None;
                }
                node = TreeNode::parent(sibling, &node);
            } else {
                if sibling.start <= node.start {
                    return None;
                }
                implicit_end.get_or_insert(sibling.start);
                node = TreeNode::parent(&node, sibling);
            }
        }
        Some((node.hash, implicit_end.unwrap_or(U256::MAX)))
    }

    /// `VerifyInclusion` (§5.1): every fold check holds, the folded hash is `root`,
    /// `range.start ≥ leafStart` and `range.end ≤ implicitEnd`. `range` must be valid.
    pub fn verifies(&self, leaf: &[u8], range: &Range, root: B256) -> bool {
        if !range.is_valid() {
            return false;
        }
        self.fold(leaf).is_some_and(|(hash, implicit_end)| {
            hash == root && range.start >= self.leaf_start && range.end <= implicit_end
        })
    }
}

/// Errors building a tree.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// A tree needs at least one leaf.
    #[error("an interval tree needs at least one leaf")]
    Empty,
    /// Leaf starts must strictly increase.
    #[error("leaf {index} starts at {start}, not after the previous leaf")]
    StartNotIncreasing {
        /// Index of the offending leaf.
        index: usize,
        /// Its start.
        start: U256,
    },
}

/// A Merkle interval tree over leaves with strictly increasing starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntervalTree {
    levels: Vec<Vec<TreeNode>>,
}

impl IntervalTree {
    /// Builds the tree of `(leaf bytes, start)` pairs, levels left to right, an odd last node
    /// promoted unchanged.
    pub fn new<L: AsRef<[u8]>>(
        leaves: impl IntoIterator<Item = (L, U256)>,
    ) -> Result<Self, TreeError> {
        let mut level = Vec::new();
        for (index, (leaf, start)) in leaves.into_iter().enumerate() {
            if level
                .last()
                .is_some_and(|prev: &TreeNode| prev.start >= start)
            {
                return Err(TreeError::StartNotIncreasing { index, start });
            }
            level.push(TreeNode::leaf(leaf.as_ref(), start));
        }
        if level.is_empty() {
            return Err(TreeError::Empty);
        }
        let mut levels = vec![level];
        while levels.last().is_some_and(|top| top.len() > 1) {
            let next = levels[levels.len() - 1]
                .chunks(2)
                .map(|pair| match pair {
                    [left, right] => TreeNode::parent(left, right),
                    [single] => *single,
                    _ => unreachable!("chunks(2) yields one or two nodes"),
                })
                .collect();
            levels.push(next);
        }
        Ok(Self { levels })
    }

    /// The number of leaves.
    pub fn len(&self) -> usize {
        self.levels[0].len()
    }

    /// Always false: a tree has at least one leaf.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The root hash.
    pub fn root(&self) -> B256 {
        self.levels[self.levels.len() - 1][0].hash
    }

    /// The inclusion proof of leaf `index`, or `None` if out of range.
    pub fn proof(&self, index: usize) -> Option<InclusionProof> {
        let leaf_start = self.levels[0].get(index)?.start;
        let mut siblings = Vec::new();
        let mut path = U256::ZERO;
        let mut position = index;
        for level in &self.levels[..self.levels.len() - 1] {
            let is_right = position % 2 == 1;
            let sibling = if is_right {
                level.get(position - 1)
            } else {
                level.get(position + 1)
            };
            if let Some(sibling) = sibling {
                if is_right {
                    path.set_bit(siblings.len(), true);
                }
                siblings.push(*sibling);
            }
            position /= 2;
        }
        Some(InclusionProof {
            leaf_start,
            path,
            siblings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(n: u64) -> IntervalTree {
        IntervalTree::new((0..n).map(|i| (vec![i as u8; 3], U256::from(i * 10)))).unwrap()
    }

    #[test]
    fn every_leaf_of_every_shape_verifies() {
        for n in 1..=9u64 {
            let t = tree(n);
            for i in 0..n as usize {
                let proof = t.proof(i).unwrap();
                let start = U256::from(i as u64 * 10);
                let (root, end) = proof.fold(&[i as u8; 3]).unwrap();
                assert_eq!(root, t.root(), "n={n} i={i}");
                let expected_end = if i + 1 < n as usize {
                    start + U256::from(10)
                } else {
                    U256::MAX
                };
                assert_eq!(end, expected_end, "n={n} i={i}");
                assert!(proof.verifies(
                    &[i as u8; 3],
                    &Range {
                        start,
                        end: start + U256::from(1)
                    },
                    t.root()
                ));
                assert_eq!(
                    InclusionProof::decode_canonical(&proof.encode()),
                    Some(proof)
                );
            }
        }
    }

    #[test]
    fn single_leaf_root_is_its_hash() {
        let t = tree(1);
        assert_eq!(t.root(), keccak256([0u8; 3]));
        assert!(t.proof(0).unwrap().siblings.is_empty());
    }

    #[test]
    fn stray_path_bits_and_ranges_beyond_the_end_fail() {
        let t = tree(4);
        let mut proof = t.proof(1).unwrap();
        let leaf = [1u8; 3];
        assert!(!proof.verifies(&leaf, &Range::from_u64(10, 21), t.root()));
        assert!(!proof.verifies(&leaf, &Range::from_u64(9, 20), t.root()));
        assert!(proof.verifies(&leaf, &Range::from_u64(10, 20), t.root()));
        proof.path.set_bit(proof.siblings.len(), true);
        assert!(!proof.verifies(&leaf, &Range::from_u64(10, 20), t.root()));
    }

    #[test]
    fn starts_must_increase() {
        let err = IntervalTree::new([(b"a", U256::from(5)), (b"b", U256::from(5))]).unwrap_err();
        assert_eq!(
            err,
            TreeError::StartNotIncreasing {
                index: 1,
                start: U256::from(5)
            }
        );
        assert_eq!(
            IntervalTree::new(Vec::<(&[u8], U256)>::new()).unwrap_err(),
            TreeError::Empty
        );
    }
}
