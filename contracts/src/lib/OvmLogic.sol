// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "./Types.sol";
import {PropertyCodec} from "./PropertyCodec.sol";

/// The five connective addresses of the deployment (the part of the registry that depth and
/// subst need: every other address, atomic or unregistered, is treated alike by both).
struct ConnectiveSet {
    address notPredicate;
    address andPredicate;
    address orPredicate;
    address forAllPredicate;
    address thereExistsPredicate;
}

/// @title OvmLogic
/// @notice Depth (§1), substitution with hint rewriting (§2) and admissibility (§2): one
///         implementation, used by the UAC and both quantifiers.
library OvmLogic {
    using PropertyCodec for bytes;

    /// Depth values are min(depth, DEPTH_CUTOFF).
    uint256 internal constant DEPTH_CUTOFF = 35;
    /// claimProperty bound.
    uint256 internal constant MAX_CLAIM_DEPTH = 32;
    /// Bound for a challenge property (and for admissible values' challenges).
    uint256 internal constant MAX_CHALLENGE_DEPTH = 34;

    enum Kind {
        Other, // atomic or unregistered
        Junction, // Not, And, Or: every input is recursed into
        Quantifier // ForAll, ThereExists
    }

    /// @dev Which kind of predicate `a` is in this deployment.
    function kindOf(address a, ConnectiveSet memory c) internal pure returns (Kind k) {
        uint256 r;
        assembly ("memory-safe") {
            // the struct's five words hold clean addresses
            if or(or(eq(a, mload(c)), eq(a, mload(add(c, 32)))), eq(a, mload(add(c, 64)))) { r := 1 }
            if iszero(r) {
                if or(eq(a, mload(add(c, 96))), eq(a, mload(add(c, 128)))) { r := 2 }
            }
        }
        k = Kind(r);
    }

    // ------------------------------------------------------------------ depth (§1)

    /// @notice min(depth(x), 35).
    function depth(bytes memory x, ConnectiveSet memory c) internal pure returns (uint256) {
        return depthSlice(PropertyCodec.ptrOf(x), x.length, c, DEPTH_CUTOFF);
    }

    /// @notice min(depth(P), 35) for a decoded property (enc(P) is canonical).
    function depthOf(Property memory prop, ConnectiveSet memory c) internal pure returns (uint256) {
        return depth(abi.encode(prop), c);
    }

    /// @dev min(depth(slice), cap) for cap >= 1; recursion stops as soon as cap is reached.
    function depthSlice(uint256 p, uint256 len, ConnectiveSet memory c, uint256 cap) internal pure returns (uint256) {
        (bool ok, address predicate, uint256 n) = PropertyCodec.validProperty(p, len);
        if (!ok) return 0; // raw bytes
        Kind k = kindOf(predicate, c);
        if (k == Kind.Other || cap == 1) return 1;
        unchecked {
            // cap >= 2 from here on, results are <= cap, pointers stay inside memory
            uint256 base = p + PropertyCodec.PROPERTY_INPUTS_BASE;
            if (k == Kind.Quantifier) {
                if (n != 3) return 1;
                (uint256 bp, uint256 bl) = PropertyCodec.elementAt(base, 2);
                if (PropertyCodec.isPlaceholderSlice(bp, bl)) return 2;
                return 1 + depthSlice(bp, bl, c, cap - 1);
            }
            return 1 + _maxDepth(base, n, c, cap - 1);
        }
    }

    /// @dev min(max(0, depth of each input), cap) over the n inputs at `base`, for cap >= 1.
    function _maxDepth(uint256 base, uint256 n, ConnectiveSet memory c, uint256 cap) private pure returns (uint256 m) {
        for (uint256 i = 0; i < n && m < cap;) {
            (uint256 ep, uint256 el) = PropertyCodec.elementAt(base, i);
            uint256 d = depthSlice(ep, el, c, cap);
            if (d > m) m = d;
            unchecked {
                ++i;
            }
        }
    }

    /// @notice min(depth(P), 35) for P = (a Not, And or Or, `inputs`): 1 + the deepest input.
    function junctionDepth(bytes[] memory inputs, ConnectiveSet memory c) internal pure returns (uint256) {
        uint256 m;
        for (uint256 i = 0; i < inputs.length && m < DEPTH_CUTOFF - 1;) {
            bytes memory input = inputs[i];
            uint256 d = depthSlice(PropertyCodec.ptrOf(input), input.length, c, DEPTH_CUTOFF - 1);
            if (d > m) m = d;
            unchecked {
                ++i;
            }
        }
        return 1 + m;
    }

    /// @notice Whether a Not, And or Or property with these inputs is deeper than any game can
    ///         hold (depth > 34): no witness decides it (decideWithWitness is false), so a
    ///         witness check never nests more than 34 predicate calls, whatever the input.
    function beyondGameDepth(bytes[] memory inputs, ConnectiveSet memory c) internal pure returns (bool) {
        return junctionDepth(inputs, c) > MAX_CHALLENGE_DEPTH;
    }

    // ------------------------------------------------------------------ subst (§2)

    /// @notice subst(x, name, v): binds the variable `name` to `v` in `x` (spec §2).
    /// @dev Callers bound the recursion: it only descends through connectives, as depth does,
    ///      so it is at most depth(x) levels deep (see admissible()).
    function subst(bytes memory x, bytes memory name, bytes memory v, ConnectiveSet memory c)
        internal
        pure
        returns (bytes memory)
    {
        return substSlice(PropertyCodec.ptrOf(x), x.length, name, v, c);
    }

    /// @dev subst on a memory slice; always returns a fresh or shared byte string, never the slice.
    function substSlice(uint256 p, uint256 len, bytes memory name, bytes memory v, ConnectiveSet memory c)
        internal
        pure
        returns (bytes memory)
    {
        if (PropertyCodec.isPlaceholderNamed(p, len, name)) return v;
        (bool ok, address predicate, uint256 n) = PropertyCodec.validProperty(p, len);
        if (!ok) return PropertyCodec.copySlice(p, len);
        Kind k = kindOf(predicate, c);
        if (k == Kind.Quantifier && n != 3) return PropertyCodec.copySlice(p, len);
        uint256 base = p + PropertyCodec.PROPERTY_INPUTS_BASE;
        bytes[] memory inputs;
        if (k == Kind.Junction) inputs = _substAll(base, n, name, v, c);
        else if (k == Kind.Quantifier) inputs = _substQuantifier(base, name, v, c);
        else inputs = _substPlaceholders(base, n, name, v);
        return abi.encode(Property(predicate, inputs));
    }

    function _substAll(uint256 base, uint256 n, bytes memory name, bytes memory v, ConnectiveSet memory c)
        private
        pure
        returns (bytes[] memory inputs)
    {
        inputs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint256 ep, uint256 el) = PropertyCodec.elementAt(base, i);
            inputs[i] = substSlice(ep, el, name, v, c);
        }
    }

    function _substQuantifier(uint256 base, bytes memory name, bytes memory v, ConnectiveSet memory c)
        private
        pure
        returns (bytes[] memory inputs)
    {
        inputs = new bytes[](3);
        (uint256 hp, uint256 hl) = PropertyCodec.elementAt(base, 0);
        inputs[0] = replaceHint(hp, hl, name, v);
        (uint256 np, uint256 nl) = PropertyCodec.elementAt(base, 1);
        inputs[1] = PropertyCodec.copySlice(np, nl);
        (uint256 bp, uint256 bl) = PropertyCodec.elementAt(base, 2);
        if (PropertyCodec.eqSlice(np, nl, PropertyCodec.ptrOf(name), name.length)) {
            inputs[2] = PropertyCodec.copySlice(bp, bl); // shadowed
        } else {
            inputs[2] = substSlice(bp, bl, name, v, c);
        }
    }

    function _substPlaceholders(uint256 base, uint256 n, bytes memory name, bytes memory v)
        private
        pure
        returns (bytes[] memory inputs)
    {
        inputs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint256 ep, uint256 el) = PropertyCodec.elementAt(base, i);
            inputs[i] = PropertyCodec.isPlaceholderNamed(ep, el, name) ? v : PropertyCodec.copySlice(ep, el);
        }
    }

    // ------------------------------------------------------------------ hints (§2)

    /// @notice Replaces every "${name}" in the hint slice by "0x" + lowercase hex of `v`: on raw
    ///         bytes, left to right, non-overlapping, resuming after each match, never rescanning.
    function replaceHint(uint256 hp, uint256 hl, bytes memory name, bytes memory v)
        internal
        pure
        returns (bytes memory out)
    {
        bytes memory pattern = abi.encodePacked("${", name, "}");
        uint256 count = _countMatches(hp, hl, pattern);
        if (count == 0) return PropertyCodec.copySlice(hp, hl);
        bytes memory rep = abi.encodePacked("0x", toHex(v));
        out = new bytes(hl - count * pattern.length + count * rep.length);
        _writeReplaced(hp, hl, pattern, rep, PropertyCodec.ptrOf(out));
    }

    /// @dev Writes the hint slice with every match of `pattern` replaced by `rep` to `o`
    ///      (same scan as _countMatches).
    function _writeReplaced(uint256 hp, uint256 hl, bytes memory pattern, bytes memory rep, uint256 o) private pure {
        assembly ("memory-safe") {
            let pl := mload(pattern)
            let ph := keccak256(add(pattern, 32), pl)
            let rl := mload(rep)
            let rp := add(rep, 32)
            let i := 0 // read position in the hint
            let copied := 0 // hint bytes before `copied` are already written
            for {} iszero(gt(add(i, pl), hl)) {} {
                let a := add(hp, i)
                let matched := 0
                // every pattern starts with "${" (0x24 0x7b)
                if eq(shr(240, mload(a)), 0x247b) { matched := eq(keccak256(a, pl), ph) }
                switch matched
                case 0 { i := add(i, 1) }
                default {
                    mcopy(o, add(hp, copied), sub(i, copied))
                    o := add(o, sub(i, copied))
                    mcopy(o, rp, rl)
                    o := add(o, rl)
                    i := add(i, pl)
                    copied := i
                }
            }
            mcopy(o, add(hp, copied), sub(hl, copied))
        }
    }

    /// @dev Number of non-overlapping matches of `pattern` ("${" name "}") in the hint slice,
    ///      scanning left to right and resuming after each match.
    function _countMatches(uint256 hp, uint256 hl, bytes memory pattern) private pure returns (uint256 count) {
        assembly ("memory-safe") {
            let pl := mload(pattern)
            let ph := keccak256(add(pattern, 32), pl)
            let i := 0
            for {} iszero(gt(add(i, pl), hl)) {} {
                let a := add(hp, i)
                let matched := 0
                if eq(shr(240, mload(a)), 0x247b) { matched := eq(keccak256(a, pl), ph) }
                switch matched
                case 0 { i := add(i, 1) }
                default {
                    count := add(count, 1)
                    i := add(i, pl)
                }
            }
        }
    }

    /// @notice Lowercase hex of `v`, without the "0x" prefix.
    function toHex(bytes memory v) internal pure returns (bytes memory out) {
        uint256 n = v.length;
        out = new bytes(2 * n);
        assembly ("memory-safe") {
            let src := add(v, 32)
            let dst := add(out, 32)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let b := byte(0, mload(add(src, i)))
                mstore8(add(dst, mul(2, i)), byte(shr(4, b), "0123456789abcdef"))
                mstore8(add(dst, add(mul(2, i), 1)), byte(and(b, 15), "0123456789abcdef"))
            }
        }
    }

    // ------------------------------------------------------------------ admissibility (§2)

    /// @notice Whether `t` is admissible for body `b` with variable `x`, where the challenge it
    ///         creates is Not^nots(subst(b, x, t)) (nots = 1 for ForAll, 2 for a ThereExists
    ///         witness): `t` is not a placeholder and that challenge has depth <= 34.
    /// @return ok  admissible
    /// @return s   subst(b, x, t) when ok (empty otherwise)
    /// @dev depth(subst(b, x, t)) >= depth(b) - 1 (only a quantifier body 'V'||x, depth 1, can
    ///      become raw, depth 0), so depth(b) > 35 - nots already makes t inadmissible; checking
    ///      that first bounds subst's recursion by 34 whatever the input.
    function admissible(bytes memory b, bytes memory x, bytes memory t, uint256 nots, ConnectiveSet memory c)
        internal
        pure
        returns (bool ok, bytes memory s)
    {
        if (PropertyCodec.isPlaceholder(t)) return (false, s);
        if (nots > MAX_CHALLENGE_DEPTH) return (false, s); // the challenge's depth is >= nots
        if (depth(b, c) + nots > MAX_CHALLENGE_DEPTH + 1) return (false, s);
        s = subst(b, x, t, c);
        if (depth(s, c) + nots > MAX_CHALLENGE_DEPTH) return (false, "");
        return (true, s);
    }
}
