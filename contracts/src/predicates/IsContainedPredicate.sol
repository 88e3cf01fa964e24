// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Range} from "../lib/Types.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsContainedPredicate
/// @notice IsContained(abi(Range sub), abi(Range outer)): both valid, outer.start <= sub.start
///         and sub.end <= outer.end.
contract IsContainedPredicate is AtomicPredicate {
    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 2) return Truth.False;
        (bool okSub, Range memory sub) = PropertyCodec.decodeRange(inputs[0]);
        (bool okOuter, Range memory outer) = PropertyCodec.decodeRange(inputs[1]);
        return _of(okSub && okOuter && outer.start <= sub.start && sub.end <= outer.end);
    }
}
