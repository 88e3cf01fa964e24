// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, ChallengeGame, Decision} from "./Types.sol";

/// The part of the UniversalAdjudicationContract that predicates use; implemented by it.
interface IUniversalAdjudicationContract {
    function setPredicateDecision(Property memory property, bool decision) external;
    function getGame(bytes32 gameId) external view returns (ChallengeGame memory);
    function getGameDecision(bytes32 gameId) external view returns (Decision);
    function connectives()
        external
        view
        returns (
            address notPredicate,
            address andPredicate,
            address orPredicate,
            address forAllPredicate,
            address thereExistsPredicate
        );
    function isConnective(address predicate) external view returns (bool);
    function isAtomic(address predicate) external view returns (bool);
    function isStorage(address storageContract) external view returns (bool);
    function isPredicate(address predicate) external view returns (bool);
}

/// Every registered predicate (connective or atomic) has this entry point.
interface IPredicate {
    function decideWithWitness(bytes[] memory inputs, bytes[] memory witness) external view returns (bool);
}

/// Implemented by the nine atomics, through AtomicPredicate (spec §5).
interface IAtomicPredicate is IPredicate {
    /// decideTrue(inputs) when the predicate is not True on `inputs`.
    error NotTrue();
    /// decideFalse(inputs) when the predicate is not False on `inputs`.
    error NotFalse();

    function decide(bytes[] memory inputs) external view returns (bool);
    function decideTrue(bytes[] memory inputs) external;
    function decideFalse(bytes[] memory inputs) external;
}

/// Implemented by the five connectives, through ConnectiveBase (spec §4).
interface IConnective is IPredicate {
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool);
}

/// Spec §5.2; implemented by CommitmentContract.
interface IStorage {
    function retrieve(bytes memory key) external view returns (bytes memory);
}
