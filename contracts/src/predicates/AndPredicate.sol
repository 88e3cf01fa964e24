// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, Decision} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "../lib/OvmLogic.sol";
import {ConnectiveBase} from "./ConnectiveBase.sol";

/// @title AndPredicate
/// @notice And(p0, ..., pn) (spec §4).
contract AndPredicate is ConnectiveBase {
    error ChildNotTrue(uint256 index);

    constructor(address uac_) ConnectiveBase(uac_) {}

    /// @notice challengeInputs exactly [c], c 32 bytes, uint256(c) < inputs.length; the one valid
    ///         challenge is Not(p_c): the Not address with exactly one input, equal to p_c.
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool)
    {
        if (challengeInputs.length != 1) return false;
        (bool isIndex, uint256 index) = PropertyCodec.decodeUint(challengeInputs[0]);
        if (!isIndex || index >= inputs.length) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok) return false;
        if (challenge.predicateAddress != c.notPredicate || challenge.inputs.length != 1) return false;
        return PropertyCodec.eq(challenge.inputs[0], inputs[index]);
    }

    /// @notice witness.length == inputs.length, each witness[i] a canonical abi.encode(bytes[]),
    ///         each p_i a property whose predicate decideWithWitness(p_i.inputs, decode(witness[i]));
    ///         false beyond game depth (depth > 34).
    function decideWithWitness(bytes[] memory inputs, bytes[] memory witness) external view returns (bool) {
        if (witness.length != inputs.length) return false;
        (, ConnectiveSet memory c) = _connectives();
        if (OvmLogic.beyondGameDepth(inputs, c)) return false;
        for (uint256 i = 0; i < inputs.length; ++i) {
            (bool ok, bytes[] memory wi) = PropertyCodec.tryDecodeBytesArray(witness[i]);
            if (!ok) return false;
            if (!_encodedDecideWithWitness(inputs[i], wi)) return false;
        }
        return true;
    }

    /// @notice Decides And(children) True once every child's game is decided True.
    function decideTrue(Property[] memory children) external {
        bytes[] memory inputs = new bytes[](children.length);
        for (uint256 i = 0; i < children.length; ++i) {
            inputs[i] = abi.encode(children[i]);
            if (uac.getGameDecision(keccak256(inputs[i])) != Decision.True) revert ChildNotTrue(i);
        }
        uac.setPredicateDecision(Property(address(this), inputs), true);
    }
}
