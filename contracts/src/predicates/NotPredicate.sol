// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, Decision} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "../lib/OvmLogic.sol";
import {ConnectiveBase} from "./ConnectiveBase.sol";

/// @title NotPredicate
/// @notice Not(p), exactly one input p (spec §4).
contract NotPredicate is ConnectiveBase {
    error InnerNotFalse(bytes32 innerGameId);

    constructor(address uac_) ConnectiveBase(uac_) {}

    /// @notice The one valid challenge is Q with enc(Q) == p; challengeInputs are ignored.
    function isValidChallenge(bytes[] memory inputs, bytes[] memory, Property memory challenge)
        external
        pure
        returns (bool)
    {
        if (inputs.length != 1) return false;
        return PropertyCodec.eq(abi.encode(challenge), inputs[0]);
    }

    /// @notice True iff p decodes to Not(q) (1 input), q is a property and q's predicate
    ///         decideWithWitness(q.inputs, witness); false beyond game depth (depth > 34).
    function decideWithWitness(bytes[] memory inputs, bytes[] memory witness) external view returns (bool) {
        if (inputs.length != 1) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok || OvmLogic.beyondGameDepth(inputs, c)) return false;
        (bool isProp, Property memory p) = PropertyCodec.tryDecode(inputs[0]);
        if (!isProp || p.predicateAddress != c.notPredicate || p.inputs.length != 1) return false;
        return _encodedDecideWithWitness(p.inputs[0], witness);
    }

    /// @notice Decides Not(inner) True once inner's game is decided False.
    function decideTrue(Property memory inner) external {
        bytes memory encodedInner = abi.encode(inner);
        bytes32 innerId = keccak256(encodedInner);
        if (uac.getGameDecision(innerId) != Decision.False) revert InnerNotFalse(innerId);
        bytes[] memory inputs = new bytes[](1);
        inputs[0] = encodedInner;
        uac.setPredicateDecision(Property(address(this), inputs), true);
    }
}
