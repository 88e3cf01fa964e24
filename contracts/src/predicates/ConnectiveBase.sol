// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "../lib/Types.sol";
import {IUniversalAdjudicationContract, IPredicate, IConnective} from "../lib/Interfaces.sol";
import {PropertyCodec} from "../lib/PropertyCodec.sol";
import {ConnectiveSet} from "../lib/OvmLogic.sol";

/// @title ConnectiveBase
/// @notice What the five connectives share: the UAC, its registry, and calls to child predicates
///         that are made only after the registry says the child is a registered predicate.
abstract contract ConnectiveBase is IConnective {
    /// The UniversalAdjudicationContract this predicate belongs to.
    IUniversalAdjudicationContract public immutable uac;

    constructor(address uac_) {
        uac = IUniversalAdjudicationContract(uac_);
    }

    /// @dev The deployment's connectives; ok is false before the UAC is initialized.
    function _connectives() internal view returns (bool ok, ConnectiveSet memory c) {
        (c.notPredicate, c.andPredicate, c.orPredicate, c.forAllPredicate, c.thereExistsPredicate) =
            uac.connectives();
        ok = c.notPredicate != address(0);
    }

    /// @dev `predicate.decideWithWitness(inputs, witness)` if `predicate` is registered, else false.
    ///      A registered predicate never reverts there except by running out of gas (or IsStored's
    ///      gas guard); such a revert is propagated rather than turned into a gas-dependent false.
    function _childDecideWithWitness(address predicate, bytes[] memory inputs, bytes[] memory witness)
        internal
        view
        returns (bool)
    {
        if (!uac.isPredicate(predicate)) return false;
        return IPredicate(predicate).decideWithWitness(inputs, witness);
    }

    /// @dev Decodes `encoded` (false if it is not a property) and asks its predicate.
    function _encodedDecideWithWitness(bytes memory encoded, bytes[] memory witness) internal view returns (bool) {
        (bool ok, Property memory q) = PropertyCodec.tryDecode(encoded);
        if (!ok) return false;
        return _childDecideWithWitness(q.predicateAddress, q.inputs, witness);
    }

    /// @dev w[1:].
    function _tail(bytes[] memory w) internal pure returns (bytes[] memory rest) {
        rest = new bytes[](w.length - 1);
        for (uint256 i = 1; i < w.length; ++i) {
            rest[i - 1] = w[i];
        }
    }
}
