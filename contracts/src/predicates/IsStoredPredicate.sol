// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {IStorage} from "../lib/Interfaces.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsStoredPredicate
/// @notice IsStored(abi(address s), key, value) (spec §5.2), the only state-dependent atomic.
contract IsStoredPredicate is AtomicPredicate {
    /// Gas given to Storage.retrieve.
    uint256 internal constant RETRIEVE_GAS = 100000;

    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal view override returns (Truth) {
        if (inputs.length != 3) return Truth.False;
        (bool isAddress, address s) = PropertyCodec.decodeAddress(inputs[0]);
        if (!isAddress || !uac.isStorage(s)) return Truth.False;
        bytes memory data = abi.encodeCall(IStorage.retrieve, (inputs[1]));
        // Gas guard: the caller cannot starve the call below into a failure (which reads False).
        if (gasleft() < RETRIEVE_GAS * 64 / 63 + 5000) revert();
        (bool success, bytes memory ret) = s.staticcall{gas: RETRIEVE_GAS}(data);
        if (!success) return Truth.False;
        (bool canonical, uint256 rp, uint256 rl) = PropertyCodec.validBytesEncoding(PropertyCodec.ptrOf(ret), ret.length);
        if (!canonical) return Truth.False;
        if (rl == 0) return Truth.Undefined; // not written yet
        bytes memory value = inputs[2];
        return _of(PropertyCodec.eqSlice(rp, rl, PropertyCodec.ptrOf(value), value.length));
    }
}
