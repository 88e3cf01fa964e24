// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "../lib/OvmLogic.sol";
import {ConnectiveBase} from "./ConnectiveBase.sol";

/// @title ForAllSuchThatQuantifier
/// @notice ForAll(hint, name, body) (spec §4). No domain check: claims guard it in the body.
contract ForAllSuchThatQuantifier is ConnectiveBase {
    constructor(address uac_) ConnectiveBase(uac_) {}

    /// @notice challengeInputs exactly [t], t admissible (§2); the one valid challenge is
    ///         Not(subst(body, name, t)), compared by canonical encoding.
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool)
    {
        if (inputs.length != 3 || challengeInputs.length != 1) return false;
        (bool ok, ConnectiveSet memory c) = _connectives();
        if (!ok) return false;
        (bool admissible, bytes memory s) = OvmLogic.admissible(inputs[2], inputs[1], challengeInputs[0], 1, c);
        if (!admissible) return false;
        return keccak256(abi.encode(challenge)) == keccak256(PropertyCodec.encodeUnary(c.notPredicate, s));
    }

    /// @notice subst(x, name, v) of spec §2 in this deployment (the one implementation both
    ///         quantifiers use) for `x` within game depth (depth <= 34, the only `x` a game ever
    ///         substitutes); empty bytes beyond it (never the subst of a property). Not in the
    ///         spec's ABI.
    function subst(bytes memory x, bytes memory name, bytes memory v) external view returns (bytes memory) {
        (, ConnectiveSet memory c) = _connectives();
        if (OvmLogic.depth(x, c) > OvmLogic.MAX_CHALLENGE_DEPTH) return "";
        return OvmLogic.subst(x, name, v, c);
    }

    /// @notice Whether `t` is admissible (§2) for body `body` and variable `name`, the challenge
    ///         being Not^nots(subst(body, name, t)) (1: ForAll challenge, 2: ThereExists witness).
    ///         Not in the spec's ABI.
    function isAdmissible(bytes memory body, bytes memory name, bytes memory t, uint256 nots)
        external
        view
        returns (bool ok)
    {
        (, ConnectiveSet memory c) = _connectives();
        (ok,) = OvmLogic.admissible(body, name, t, nots, c);
    }

    /// @notice A ForAll is never decided by a witness.
    function decideWithWitness(bytes[] memory, bytes[] memory) external pure returns (bool) {
        return false;
    }
}
