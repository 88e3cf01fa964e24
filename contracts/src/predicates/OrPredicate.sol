// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "../lib/OvmLogic.sol";
import {ConnectiveBase} from "./ConnectiveBase.sol";

/// @title OrPredicate
/// @notice Or(p0, ..., pn) (spec §4).
contract OrPredicate is ConnectiveBase {
    constructor(address uac_) ConnectiveBase(uac_) {}

    /// @notice challengeInputs exactly []; the one valid challenge is And(Not(p0), ..., Not(pn))
    ///         exactly: no extra conjuncts, no double-negation folding.
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool)
    {
        if (challengeInputs.length != 0) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok) return false;
        if (challenge.predicateAddress != c.andPredicate || challenge.inputs.length != inputs.length) return false;
        for (uint256 i = 0; i < inputs.length; ++i) {
            if (!PropertyCodec.eq(challenge.inputs[i], PropertyCodec.encodeUnary(c.notPredicate, inputs[i]))) {
                return false;
            }
        }
        return true;
    }

    /// @notice witness.length >= 1, witness[0] 32 bytes, i = uint256(witness[0]) < inputs.length,
    ///         p_i a property whose predicate decideWithWitness(p_i.inputs, witness[1:]); false
    ///         beyond game depth (depth > 34).
    function decideWithWitness(bytes[] memory inputs, bytes[] memory witness) external view returns (bool) {
        if (witness.length == 0) return false;
        (bool isIndex, uint256 index) = PropertyCodec.decodeUint(witness[0]);
        if (!isIndex || index >= inputs.length) return false;
        (, ConnectiveSet memory c) = _connectives();
        if (OvmLogic.beyondGameDepth(inputs, c)) return false;
        return _encodedDecideWithWitness(inputs[index], _tail(witness));
    }
}
