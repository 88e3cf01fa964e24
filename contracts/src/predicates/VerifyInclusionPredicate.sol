// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Range, IntervalTreeNode, IntervalInclusionProof} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title VerifyInclusionPredicate
/// @notice VerifyInclusion(leaf, abi(Range range), abi(IntervalInclusionProof proof), abi(bytes32 root))
///         against a Merkle interval tree (spec §5.1).
contract VerifyInclusionPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 4) return Truth.False;
        (bool okRange, Range memory range) = PropertyCodec.decodeRange(inputs[1]);
        if (!okRange) return Truth.False;
        (bool okProof, IntervalInclusionProof memory proof) = PropertyCodec.decodeProof(inputs[2]);
        if (!okProof) return Truth.False;
        (bool okRoot, bytes32 root) = PropertyCodec.decodeBytes32(inputs[3]);
        if (!okRoot) return Truth.False;
        (bool folded, bytes32 computedRoot, uint256 implicitEnd) = computeRoot(keccak256(inputs[0]), proof);
        return _of(folded && computedRoot == root && range.start >= proof.leafStart && range.end <= implicitEnd);
    }

    /// @notice Folds the proof's siblings from (leafHash, proof.leafStart) upwards.
    /// @return ok  every ordering check held and no path bit is set at or above siblings.length
    /// @return root  the folded hash
    /// @return implicitEnd  the start of the first right sibling met (2**256 - 1 if none)
    function computeRoot(bytes32 leafHash, IntervalInclusionProof memory proof)
        public
        pure
        returns (bool ok, bytes32 root, uint256 implicitEnd)
    {
        uint256 n = proof.siblings.length;
        if (n > PropertyCodec.MAX_SIBLINGS) return (false, bytes32(0), 0);
        if (n < 256 && (proof.path >> n) != 0) return (false, bytes32(0), 0);
        root = leafHash;
        uint256 start = proof.leafStart;
        implicitEnd = type(uint256).max;
        bool seenRight = false;
        for (uint256 i = 0; i < n; ++i) {
            IntervalTreeNode memory sibling = proof.siblings[i];
            if ((proof.path >> i) & 1 == 1) {
                // the node is the right child: the sibling is on its left
                if (sibling.start >= start) return (false, bytes32(0), 0);
                root = keccak256(abi.encodePacked(sibling.data, sibling.start, root, start));
                start = sibling.start;
            } else {
                // the node is the left child: the sibling is on its right
                if (sibling.start <= start) return (false, bytes32(0), 0);
                if (!seenRight) {
                    implicitEnd = sibling.start;
                    seenRight = true;
                }
                root = keccak256(abi.encodePacked(root, start, sibling.data, sibling.start));
            }
        }
        return (true, root, implicitEnd);
    }
}
