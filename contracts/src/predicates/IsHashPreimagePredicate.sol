// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsHashPreimagePredicate
/// @notice IsHashPreimage(abi(bytes32 h), preimage): keccak256(preimage) == h.
contract IsHashPreimagePredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        (bool ok, bytes32 h) = PropertyCodec.decodeBytes32(inputs[0]);
        return _of(ok && keccak256(inputs[1]) == h);
    }
}
