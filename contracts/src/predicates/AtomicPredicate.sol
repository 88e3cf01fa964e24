// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property} from "../lib/Types.sol";
import {IUniversalAdjudicationContract, IAtomicPredicate} from "../lib/Interfaces.sol";

/// Three-valued truth of an atomic (only IsStored can be Undefined).
enum Truth {
    False,
    True,
    Undefined
}

/// @title AtomicPredicate
/// @notice What the nine atomics share (spec §5): decide / decideWithWitness never revert
///         (malformed inputs are False; IsStored's gas guard is the one exception), and
///         decideTrue / decideFalse require that truth, then call UAC.setPredicateDecision.
abstract contract AtomicPredicate is IAtomicPredicate {
    /// The UniversalAdjudicationContract this predicate belongs to.
    IUniversalAdjudicationContract public immutable uac;

    constructor(address uac_) {
        uac = IUniversalAdjudicationContract(uac_);
    }

    /// @dev The predicate's truth on `inputs`.
    function _truth(bytes[] memory inputs) internal view virtual returns (Truth);

    /// @notice True iff the predicate is True on `inputs` (False and Undefined give false).
    function decide(bytes[] memory inputs) external view returns (bool) {
        return _truth(inputs) == Truth.True;
    }

    /// @notice = decide(inputs); the witness is ignored.
    function decideWithWitness(bytes[] memory inputs, bytes[] memory) external view returns (bool) {
        return _truth(inputs) == Truth.True;
    }

    /// @notice Decides the game of Property(this, inputs) True; reverts NotTrue() unless True.
    function decideTrue(bytes[] memory inputs) external {
        if (_truth(inputs) != Truth.True) revert NotTrue();
        uac.setPredicateDecision(Property(address(this), inputs), true);
    }

    /// @notice Decides the game of Property(this, inputs) False; reverts NotFalse() unless False.
    function decideFalse(bytes[] memory inputs) external {
        if (_truth(inputs) != Truth.False) revert NotFalse();
        uac.setPredicateDecision(Property(address(this), inputs), false);
    }

    /// @dev Two-valued truth.
    function _of(bool b) internal pure returns (Truth) {
        return b ? Truth.True : Truth.False;
    }
}
