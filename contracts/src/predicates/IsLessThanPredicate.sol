// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsLessThanPredicate
/// @notice IsLessThan(a, b), 32 bytes each: uint256(a) < uint256(b).
contract IsLessThanPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        (bool okA, uint256 a) = PropertyCodec.decodeUint(inputs[0]);
        (bool okB, uint256 b) = PropertyCodec.decodeUint(inputs[1]);
        return _of(okA && okB && a < b);
    }
}
