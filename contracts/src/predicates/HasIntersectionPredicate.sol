// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Range} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title HasIntersectionPredicate
/// @notice HasIntersection(abi(Range a), abi(Range b)): both valid, a.start < b.end && b.start < a.end.
contract HasIntersectionPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        (bool okA, Range memory a) = PropertyCodec.decodeRange(inputs[0]);
        (bool okB, Range memory b) = PropertyCodec.decodeRange(inputs[1]);
        return _of(okA && okB && a.start < b.end && b.start < a.end);
    }
}
