// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, Range, IntervalTreeNode, IntervalInclusionProof} from "./Types.sol";

/// @title PropertyCodec
/// @notice Canonical ABI encodings of the spec (§1) and validating decoders that never revert.
/// @dev Nothing here calls abi.decode on untrusted bytes. Decoders work on memory slices
///      (pointer to the first byte, length) so nested properties can be inspected without copies.
///      Every length read from the data is compared against the bytes that remain *before* any
///      addition, so huge lengths cannot overflow the arithmetic.
library PropertyCodec {
    /// Largest number of siblings an IntervalInclusionProof may carry (spec §5.1).
    uint256 internal constant MAX_SIBLINGS = 256;

    // ------------------------------------------------------------------ memory primitives

    /// @dev Pointer to the first data byte of `b`.
    function ptrOf(bytes memory b) internal pure returns (uint256 p) {
        assembly ("memory-safe") {
            p := add(b, 32)
        }
    }

    /// @dev The 32-byte word at memory address `p`.
    function wordAt(uint256 p) internal pure returns (uint256 w) {
        assembly ("memory-safe") {
            w := mload(p)
        }
    }

    /// @dev The byte at memory address `p`.
    function byteAt(uint256 p) internal pure returns (uint256 b) {
        assembly ("memory-safe") {
            b := byte(0, mload(p))
        }
    }

    /// @dev keccak256 of the slice.
    function hashSlice(uint256 p, uint256 len) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            h := keccak256(p, len)
        }
    }

    /// @dev A fresh `bytes` holding a copy of the slice.
    function copySlice(uint256 p, uint256 len) internal pure returns (bytes memory out) {
        out = new bytes(len);
        assembly ("memory-safe") {
            mcopy(add(out, 32), p, len)
        }
    }

    /// @dev Byte-for-byte equality of two slices.
    function eqSlice(uint256 p1, uint256 l1, uint256 p2, uint256 l2) internal pure returns (bool) {
        return l1 == l2 && hashSlice(p1, l1) == hashSlice(p2, l2);
    }

    /// @dev Byte-for-byte equality of two byte strings.
    function eq(bytes memory a, bytes memory b) internal pure returns (bool) {
        return a.length == b.length && keccak256(a) == keccak256(b);
    }

    // ------------------------------------------------------------------ bytes[] tails

    /// @dev Validates that the slice [p, p+len) is exactly the canonical tail of a `bytes[]`:
    ///      the length word n, n offset words (relative to the first offset word) that are exactly
    ///      the running sum, and each element as a length word plus data padded with zero bytes
    ///      to a multiple of 32, nothing trailing.
    function validArrayTail(uint256 p, uint256 len) internal pure returns (bool ok, uint256 n) {
        // Written in assembly for gas (this is the hot loop of depth and subst); every step
        // mirrors the comments. All arithmetic stays below `len`, which is a memory size.
        assembly ("memory-safe") {
            for {} 1 {} {
                if lt(len, 32) { break }
                n := mload(p)
                let rest := sub(len, 32) // bytes after the length word
                if gt(n, div(rest, 32)) { break }
                let base := add(p, 32)
                let expected := mul(n, 32) // invariant: expected <= rest
                let good := 1
                for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                    // the offset word must be exactly the running sum
                    if iszero(eq(mload(add(base, mul(32, i))), expected)) { good := 0 break }
                    // room for the element's length word
                    if lt(sub(rest, expected), 32) { good := 0 break }
                    let l := mload(add(base, expected))
                    let avail := sub(sub(rest, expected), 32)
                    if gt(l, avail) { good := 0 break }
                    let padded := and(add(l, 31), not(31)) // l <= avail: no overflow
                    if gt(padded, avail) { good := 0 break }
                    let tail := and(l, 31)
                    // the last data word: its low (32 - tail) bytes are padding and must be zero
                    if tail {
                        if shl(mul(8, tail), mload(add(add(base, expected), padded))) { good := 0 break }
                    }
                    expected := add(expected, add(32, padded))
                }
                if iszero(good) { break }
                if iszero(eq(expected, rest)) { break }
                ok := 1
                break
            }
            if iszero(ok) { n := 0 }
        }
    }

    /// @dev Element `i` of a validated bytes[] tail whose offset words start at `base`.
    function elementAt(uint256 base, uint256 i) internal pure returns (uint256 p, uint256 len) {
        assembly ("memory-safe") {
            let e := add(base, mload(add(base, mul(32, i))))
            len := mload(e)
            p := add(e, 32)
        }
    }

    /// @dev Copies the n elements of a validated bytes[] tail whose offset words start at `base`.
    function copyElements(uint256 base, uint256 n) internal pure returns (bytes[] memory out) {
        out = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint256 p, uint256 len) = elementAt(base, i);
            out[i] = copySlice(p, len);
        }
    }

    // ------------------------------------------------------------------ Property

    /// @dev Offset from the start of enc(P) to the first offset word of P.inputs.
    uint256 internal constant PROPERTY_INPUTS_BASE = 128;

    /// @notice Whether the slice is exactly a canonical abi.encode(Property) (spec §1).
    /// @return ok  it is a property
    /// @return predicate  its predicate address (0 if not ok)
    /// @return n  its number of inputs (0 if not ok); input i is elementAt(p + 128, i)
    function validProperty(uint256 p, uint256 len) internal pure returns (bool ok, address predicate, uint256 n) {
        uint256 a;
        assembly ("memory-safe") {
            // head word 0x20, address word with 12 zero high bytes, offset word 0x40
            if gt(len, 127) {
                a := mload(add(p, 32))
                ok := and(and(eq(mload(p), 0x20), iszero(shr(160, a))), eq(mload(add(p, 64)), 0x40))
            }
        }
        if (!ok) return (false, address(0), 0);
        (ok, n) = validArrayTail(p + 96, len - 96);
        if (!ok) return (false, address(0), 0);
        predicate = address(uint160(a));
    }

    /// @notice Whether `x` is a property, i.e. abi.encode(abi.decode(x, (Property))) == x.
    function isProperty(bytes memory x) internal pure returns (bool ok) {
        (ok,,) = validProperty(ptrOf(x), x.length);
    }

    /// @notice Validating decoder; never reverts. Accepts exactly canonical abi.encode(Property).
    function tryDecode(bytes memory x) internal pure returns (bool ok, Property memory prop) {
        return tryDecodeSlice(ptrOf(x), x.length);
    }

    /// @notice tryDecode on a memory slice.
    function tryDecodeSlice(uint256 p, uint256 len) internal pure returns (bool ok, Property memory prop) {
        (bool valid, address predicate, uint256 n) = validProperty(p, len);
        if (!valid) return (false, prop);
        prop.predicateAddress = predicate;
        prop.inputs = copyElements(p + PROPERTY_INPUTS_BASE, n);
        return (true, prop);
    }

    /// @notice enc(P).
    function encode(Property memory prop) internal pure returns (bytes memory) {
        return abi.encode(prop);
    }

    /// @notice id(P) = keccak256(enc(P)), the game id.
    function id(Property memory prop) internal pure returns (bytes32) {
        return keccak256(abi.encode(prop));
    }

    /// @notice enc(Property(predicate, [input])).
    function encodeUnary(address predicate, bytes memory input) internal pure returns (bytes memory) {
        bytes[] memory inputs = new bytes[](1);
        inputs[0] = input;
        return abi.encode(Property(predicate, inputs));
    }

    // ------------------------------------------------------------------ bytes[] (witnesses)

    /// @notice Validating decoder for canonical abi.encode(bytes[]); never reverts.
    function tryDecodeBytesArray(bytes memory x) internal pure returns (bool ok, bytes[] memory arr) {
        uint256 p = ptrOf(x);
        if (x.length < 32 || wordAt(p) != 0x20) return (false, arr);
        uint256 n;
        (ok, n) = validArrayTail(p + 32, x.length - 32);
        if (!ok) return (false, arr);
        arr = copyElements(p + 64, n);
    }

    /// @notice Whether the slice is exactly a canonical abi.encode(bytes); returns the payload slice.
    function validBytesEncoding(uint256 p, uint256 len) internal pure returns (bool ok, uint256 dp, uint256 dlen) {
        if (len < 64) return (false, 0, 0);
        if (wordAt(p) != 0x20) return (false, 0, 0);
        uint256 l = wordAt(p + 32);
        uint256 avail = len - 64;
        if (l > avail) return (false, 0, 0);
        uint256 padded = (l + 31) & ~uint256(31);
        if (padded != avail) return (false, 0, 0);
        uint256 tail = l & 31;
        if (tail != 0 && (wordAt(p + 32 + padded) << (8 * tail)) != 0) return (false, 0, 0);
        return (true, p + 64, l);
    }

    // ------------------------------------------------------------------ typed inputs (§1)

    /// @notice abi.encode(uint256): exactly 32 bytes.
    function decodeUint(bytes memory x) internal pure returns (bool ok, uint256 v) {
        if (x.length != 32) return (false, 0);
        return (true, wordAt(ptrOf(x)));
    }

    /// @notice abi.encode(bytes32): exactly 32 bytes.
    function decodeBytes32(bytes memory x) internal pure returns (bool ok, bytes32 v) {
        if (x.length != 32) return (false, bytes32(0));
        return (true, bytes32(wordAt(ptrOf(x))));
    }

    /// @notice abi.encode(address): exactly 32 bytes with 12 zero high bytes.
    function decodeAddress(bytes memory x) internal pure returns (bool ok, address a) {
        if (x.length != 32) return (false, address(0));
        uint256 w = wordAt(ptrOf(x));
        if (w >> 160 != 0) return (false, address(0));
        return (true, address(uint160(w)));
    }

    /// @notice abi.encode(uint256 start, uint256 end): exactly 64 bytes, valid iff start < end.
    function decodeRange(bytes memory x) internal pure returns (bool ok, Range memory r) {
        if (x.length != 64) return (false, r);
        uint256 p = ptrOf(x);
        r.start = wordAt(p);
        r.end = wordAt(p + 32);
        if (r.start >= r.end) return (false, Range(0, 0));
        return (true, r);
    }

    /// @notice Canonical abi.encode(IntervalInclusionProof) with at most 256 siblings:
    ///         0x20, leafStart, path, 0x60, n, then n (hash, start) pairs, nothing trailing.
    function decodeProof(bytes memory x) internal pure returns (bool ok, IntervalInclusionProof memory proof) {
        uint256 len = x.length;
        if (len < 160) return (false, proof);
        uint256 p = ptrOf(x);
        if (wordAt(p) != 0x20 || wordAt(p + 96) != 0x60) return (false, proof);
        uint256 n = wordAt(p + 128);
        if (n > MAX_SIBLINGS) return (false, proof);
        if (len != 160 + 64 * n) return (false, proof);
        proof.leafStart = wordAt(p + 32);
        proof.path = wordAt(p + 64);
        proof.siblings = new IntervalTreeNode[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 q = p + 160 + 64 * i;
            proof.siblings[i] = IntervalTreeNode(bytes32(wordAt(q)), wordAt(q + 32));
        }
        return (true, proof);
    }

    // ------------------------------------------------------------------ placeholders (§2)

    /// @notice A placeholder is an input of length 1..19 whose first byte is 'V' (0x56).
    function isPlaceholderSlice(uint256 p, uint256 len) internal pure returns (bool r) {
        assembly ("memory-safe") {
            r := and(and(gt(len, 0), lt(len, 20)), eq(byte(0, mload(p)), 0x56))
        }
    }

    /// @notice isPlaceholderSlice on a byte string.
    function isPlaceholder(bytes memory x) internal pure returns (bool) {
        return isPlaceholderSlice(ptrOf(x), x.length);
    }

    /// @notice Whether the slice is a placeholder whose name (the bytes after 'V') equals `name`.
    function isPlaceholderNamed(uint256 p, uint256 len, bytes memory name) internal pure returns (bool) {
        return isPlaceholderSlice(p, len) && eqSlice(p + 1, len - 1, ptrOf(name), name.length);
    }
}
