// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "../lib/OvmLogic.sol";
import {ConnectiveBase} from "./ConnectiveBase.sol";

/// @title ThereExistsSuchThatQuantifier
/// @notice ThereExists(hint, name, body) (spec §4).
contract ThereExistsSuchThatQuantifier is ConnectiveBase {
    constructor(address uac_) ConnectiveBase(uac_) {}

    /// @notice challengeInputs exactly []; the one valid challenge is ForAll(hint, name, enc(Not(body)))
    ///         with the same hint.
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool)
    {
        if (inputs.length != 3 || challengeInputs.length != 0) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok) return false;
        bytes[] memory expected = new bytes[](3);
        expected[0] = inputs[0];
        expected[1] = inputs[1];
        expected[2] = PropertyCodec.encodeUnary(c.notPredicate, inputs[2]);
        return keccak256(abi.encode(challenge)) == keccak256(abi.encode(Property(c.forAllPredicate, expected)));
    }

    /// @notice witness.length >= 1, witness[0] admissible (§2), subst(body, name, witness[0]) a
    ///         property q whose predicate decideWithWitness(q.inputs, witness[1:]).
    function decideWithWitness(bytes[] memory inputs, bytes[] memory witness) external view returns (bool) {
        if (inputs.length != 3 || witness.length == 0) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok) return false;
        (bool isAdmissible, bytes memory s) = OvmLogic.admissible(inputs[2], inputs[1], witness[0], 2, c);
        if (!isAdmissible) return false;
        return _encodedDecideWithWitness(s, _tail(witness));
    }
}
