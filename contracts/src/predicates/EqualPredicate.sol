// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title EqualPredicate
/// @notice Equal(a, b): a == b byte for byte.
contract EqualPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        return _of(PropertyCodec.eq(inputs[0], inputs[1]));
    }
}
