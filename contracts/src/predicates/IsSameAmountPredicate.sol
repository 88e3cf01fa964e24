// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Range} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsSameAmountPredicate
/// @notice IsSameAmount(abi(Range a), abi(Range b)): both valid, a.end - a.start == b.end - b.start.
contract IsSameAmountPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        (bool okA, Range memory a) = PropertyCodec.decodeRange(inputs[0]);
        (bool okB, Range memory b) = PropertyCodec.decodeRange(inputs[1]);
        if (!okA || !okB) return Truth.False;
        return _of(a.end - a.start == b.end - b.start); // valid ranges: no underflow
    }
}
