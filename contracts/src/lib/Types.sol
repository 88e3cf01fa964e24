// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

/// A claim about state: a predicate contract and its inputs. enc(P) = abi.encode(P) (spec §1).
struct Property {
    address predicateAddress;
    bytes[] inputs;
}

/// ABI values 0, 1, 2.
enum Decision {
    Undecided,
    True,
    False
}

/// A game exists iff propertyHash != 0 (propertyHash == the game id).
struct ChallengeGame {
    bytes32 propertyHash;
    bytes32[] challenges;
    Decision decision;
    uint256 createdBlock;
}

/// Half-open interval [start, end); valid iff start < end.
struct Range {
    uint256 start;
    uint256 end;
}

/// A node of the Merkle interval tree (spec §5.1).
struct IntervalTreeNode {
    bytes32 data;
    uint256 start;
}

/// Siblings are listed leaf upwards; bit i of path is 1 when the node is the right child at fold i.
struct IntervalInclusionProof {
    uint256 leafStart;
    uint256 path;
    IntervalTreeNode[] siblings;
}
