// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {AtomicPredicate, Truth} from "./AtomicPredicate.sol";

/// @title IsValidSignaturePredicate
/// @notice IsValidSignature(message, signature, abi(signer), "secp256k1").
contract IsValidSignaturePredicate is AtomicPredicate {
    /// secp256k1n / 2: larger s values are rejected (no malleability).
    uint256 internal constant MAX_S = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    constructor(address uac_) AtomicPredicate(uac_) {}

    function _truth(bytes[] memory inputs) internal pure override returns (Truth) {
        if (inputs.length != 4) return Truth.False;
        bytes memory signature = inputs[1];
        if (signature.length != 65) return Truth.False;
        uint256 sp = PropertyCodec.ptrOf(signature);
        uint8 v = uint8(PropertyCodec.byteAt(sp + 64));
        if (v != 27 && v != 28) return Truth.False;
        bytes32 r = bytes32(PropertyCodec.wordAt(sp));
        uint256 s = PropertyCodec.wordAt(sp + 32);
        if (s > MAX_S) return Truth.False;
        (bool isAddress, address signer) = PropertyCodec.decodeAddress(inputs[2]);
        if (!isAddress || signer == address(0)) return Truth.False;
        if (!PropertyCodec.eq(inputs[3], bytes("secp256k1"))) return Truth.False;
        return _of(ecrecover(keccak256(inputs[0]), v, r, bytes32(s)) == signer);
    }
}
