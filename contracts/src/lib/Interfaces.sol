// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, ChallengeGame, Decision} from "./Types.sol";

/// The part of the UniversalAdjudicationContract that predicates use.
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

/// Implemented by connectives only.
interface IConnective {
    function isValidChallenge(bytes[] memory inputs, bytes[] memory challengeInputs, Property memory challenge)
        external
        view
        returns (bool);
}

/// Spec §5.2.
interface IStorage {
    function retrieve(bytes memory key) external view returns (bytes memory);
}
