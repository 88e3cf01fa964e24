// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {Property, Decision, ChallengeGame} from "./lib/Types.sol";
import {IUniversalAdjudicationContract, IConnective, IPredicate} from "./lib/Interfaces.sol";
import {PropertyCodec} from "./lib/PropertyCodec.sol";
import {OvmLogic, ConnectiveSet} from "./lib/OvmLogic.sol";

/// @title UniversalAdjudicationContract
/// @notice Runs the dispute game of the hardened OVM (spec §6) and holds the one-shot registry.
contract UniversalAdjudicationContract is IUniversalAdjudicationContract {
    // ------------------------------------------------------------------ errors (§6)
    error UnknownPredicate(address predicate);
    error TooDeep(uint256 depth);
    error GameAlreadyExists(bytes32 gameId);
    error GameNotFound(bytes32 gameId);
    error GameAlreadyDecided(bytes32 gameId);
    error DisputePeriodOver(bytes32 gameId);
    error DisputePeriodNotOver(bytes32 gameId);
    error NotAConnective(address predicate);
    error InvalidChallenge(bytes32 gameId, bytes32 challengeGameId);
    error DuplicateChallenge(bytes32 gameId, bytes32 challengeGameId);
    error ChallengeNotFound(bytes32 gameId, bytes32 challengeGameId);
    error ChallengeNotDecidedTrue(bytes32 challengeGameId);
    error ChallengeNotDecidedFalse(bytes32 challengeGameId);
    error ChallengesRemain(bytes32 gameId);
    error WitnessRejected(bytes32 gameId);
    error CallerNotPredicate(address caller);
    error InvalidPeriod();
    error NotDeployer(address caller);
    error AlreadyInitialized();

    // ------------------------------------------------------------------ events (§6)
    event NewPropertyClaimed(bytes32 gameId, Property property, uint256 createdBlock);
    event ClaimChallenged(bytes32 gameId, bytes32 challengeGameId);
    event ChallengeRemoved(bytes32 gameId, bytes32 challengeGameId);
    event ClaimDecided(bytes32 gameId, bool decision);
    event AtomicPropositionDecided(bytes32 gameId, bool decision);

    // ------------------------------------------------------------------ state
    /// Dispute period in blocks (>= 1).
    uint256 public immutable disputePeriod;
    /// The only address allowed to call initialize.
    address public immutable deployer;

    bool public initialized;
    ConnectiveSet private _connectives;

    mapping(address => bool) public isConnective;
    mapping(address => bool) public isAtomic;
    mapping(address => bool) public isStorage;

    mapping(bytes32 => ChallengeGame) private _games;
    mapping(bytes32 => address) private _gamePredicate;
    /// gameId => challengeGameId => 1 + index in _games[gameId].challenges (0: absent).
    mapping(bytes32 => mapping(bytes32 => uint256)) private _challengeSlot;

    constructor(uint256 disputePeriod_) {
        if (disputePeriod_ == 0) revert InvalidPeriod();
        disputePeriod = disputePeriod_;
        deployer = msg.sender;
    }

    /// @notice One-shot wiring of the registry by the deployer.
    function initialize(
        address notPredicate,
        address andPredicate,
        address orPredicate,
        address forAllPredicate,
        address thereExistsPredicate,
        address[] calldata atomicPredicates,
        address[] calldata storageContracts
    ) external {
        if (msg.sender != deployer) revert NotDeployer(msg.sender);
        if (initialized) revert AlreadyInitialized();
        initialized = true;
        _connectives = ConnectiveSet(notPredicate, andPredicate, orPredicate, forAllPredicate, thereExistsPredicate);
        isConnective[notPredicate] = true;
        isConnective[andPredicate] = true;
        isConnective[orPredicate] = true;
        isConnective[forAllPredicate] = true;
        isConnective[thereExistsPredicate] = true;
        for (uint256 i = 0; i < atomicPredicates.length; ++i) {
            isAtomic[atomicPredicates[i]] = true;
        }
        for (uint256 i = 0; i < storageContracts.length; ++i) {
            isStorage[storageContracts[i]] = true;
        }
    }

    // ------------------------------------------------------------------ game functions

    /// @notice Claims `property`: a new game at block.number.
    function claimProperty(Property memory property) external {
        bytes memory encoded = abi.encode(property);
        bytes32 gameId = keccak256(encoded);
        _requireRegistered(property.predicateAddress);
        _requireDepth(encoded, OvmLogic.MAX_CLAIM_DEPTH);
        if (_exists(gameId)) revert GameAlreadyExists(gameId);
        _createGame(gameId, property);
    }

    /// @notice Challenges the claim `property` with `challengeProperty`, claiming it if needed.
    function challenge(Property memory property, bytes[] memory challengeInputs, Property memory challengeProperty)
        external
    {
        bytes32 gameId = PropertyCodec.id(property);
        ChallengeGame storage game = _undecidedGame(gameId);
        if (block.number - game.createdBlock >= disputePeriod) revert DisputePeriodOver(gameId);
        address predicate = property.predicateAddress;
        if (!isConnective[predicate]) revert NotAConnective(predicate);
        bytes memory encodedChallenge = abi.encode(challengeProperty);
        bytes32 challengeId = keccak256(encodedChallenge);
        if (!IConnective(predicate).isValidChallenge(property.inputs, challengeInputs, challengeProperty)) {
            revert InvalidChallenge(gameId, challengeId);
        }
        if (_challengeSlot[gameId][challengeId] != 0) revert DuplicateChallenge(gameId, challengeId);
        if (!_exists(challengeId)) {
            _requireRegistered(challengeProperty.predicateAddress);
            _requireDepth(encodedChallenge, OvmLogic.MAX_CHALLENGE_DEPTH);
            _createGame(challengeId, challengeProperty);
        }
        game.challenges.push(challengeId);
        _challengeSlot[gameId][challengeId] = game.challenges.length;
        emit ClaimChallenged(gameId, challengeId);
    }

    /// @notice Removes a challenge that was decided False (swap-and-pop).
    function removeChallenge(Property memory property, Property memory challengeProperty) external {
        bytes32 gameId = PropertyCodec.id(property);
        ChallengeGame storage game = _undecidedGame(gameId);
        bytes32 challengeId = PropertyCodec.id(challengeProperty);
        uint256 slot = _challengeSlot[gameId][challengeId];
        if (slot == 0) revert ChallengeNotFound(gameId, challengeId);
        if (_games[challengeId].decision != Decision.False) revert ChallengeNotDecidedFalse(challengeId);
        uint256 last = game.challenges.length;
        if (slot != last) {
            bytes32 moved = game.challenges[last - 1];
            game.challenges[slot - 1] = moved;
            _challengeSlot[gameId][moved] = slot;
        }
        game.challenges.pop();
        delete _challengeSlot[gameId][challengeId];
        emit ChallengeRemoved(gameId, challengeId);
    }

    /// @notice Decides a connective's claim True once its period is over without challenges left.
    function decideClaimToTrue(bytes32 gameId) external {
        ChallengeGame storage game = _undecidedGame(gameId);
        address predicate = _gamePredicate[gameId];
        if (!isConnective[predicate]) revert NotAConnective(predicate);
        if (block.number - game.createdBlock < disputePeriod) revert DisputePeriodNotOver(gameId);
        if (game.challenges.length != 0) revert ChallengesRemain(gameId);
        _decide(game, gameId, true);
    }

    /// @notice Decides a claim False by one of its challenges that was decided True.
    function decideClaimToFalse(Property memory property, Property memory challengeProperty) external {
        bytes32 gameId = PropertyCodec.id(property);
        ChallengeGame storage game = _undecidedGame(gameId);
        bytes32 challengeId = PropertyCodec.id(challengeProperty);
        if (_challengeSlot[gameId][challengeId] == 0) revert ChallengeNotFound(gameId, challengeId);
        if (_games[challengeId].decision != Decision.True) revert ChallengeNotDecidedTrue(challengeId);
        _decide(game, gameId, false);
    }

    /// @notice Decides a claim True by a witness its predicate accepts (pending challenges do not block it).
    function decideClaimWithWitness(Property memory property, bytes[] memory witness) external {
        bytes32 gameId = PropertyCodec.id(property);
        ChallengeGame storage game = _undecidedGame(gameId);
        address predicate = property.predicateAddress;
        _requireRegistered(predicate);
        if (!IPredicate(predicate).decideWithWitness(property.inputs, witness)) revert WitnessRejected(gameId);
        _decide(game, gameId, true);
    }

    /// @notice Called by a registered predicate to decide a claim of its own.
    function setPredicateDecision(Property memory property, bool decision) external {
        if (msg.sender != property.predicateAddress || !_isRegistered(msg.sender)) {
            revert CallerNotPredicate(msg.sender);
        }
        bytes32 gameId = PropertyCodec.id(property);
        ChallengeGame storage game = _undecidedGame(gameId);
        game.decision = decision ? Decision.True : Decision.False;
        emit AtomicPropositionDecided(gameId, decision);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether the game of `property` is decided True.
    function isDecided(Property memory property) external view returns (bool) {
        return _games[PropertyCodec.id(property)].decision == Decision.True;
    }

    /// @notice Whether decideClaimToTrue(gameId) would succeed now.
    function isDecidable(bytes32 gameId) external view returns (bool) {
        ChallengeGame storage game = _games[gameId];
        return game.propertyHash != bytes32(0) && game.decision == Decision.Undecided
            && isConnective[_gamePredicate[gameId]] && block.number - game.createdBlock >= disputePeriod
            && game.challenges.length == 0;
    }

    /// @notice The game `gameId` (all zero if it does not exist).
    function getGame(bytes32 gameId) external view returns (ChallengeGame memory) {
        return _games[gameId];
    }

    /// @notice The decision of game `gameId` (Undecided if it does not exist). Not in the spec.
    function getGameDecision(bytes32 gameId) external view returns (Decision) {
        return _games[gameId].decision;
    }

    /// @notice Whether game `gameId` exists. Not in the spec.
    function gameExists(bytes32 gameId) external view returns (bool) {
        return _exists(gameId);
    }

    /// @notice id(P) = keccak256(abi.encode(P)).
    function getPropertyId(Property memory property) external pure returns (bytes32) {
        return PropertyCodec.id(property);
    }

    /// @notice The predicate address of game `gameId` (0 if it does not exist).
    function getGamePredicate(bytes32 gameId) external view returns (address) {
        return _gamePredicate[gameId];
    }

    /// @notice The five connective addresses (all zero before initialize).
    function connectives()
        external
        view
        returns (
            address notPredicate,
            address andPredicate,
            address orPredicate,
            address forAllPredicate,
            address thereExistsPredicate
        )
    {
        ConnectiveSet memory c = _connectives;
        return (c.notPredicate, c.andPredicate, c.orPredicate, c.forAllPredicate, c.thereExistsPredicate);
    }

    /// @notice Whether `predicate` is a registered connective or atomic. Not in the spec.
    function isPredicate(address predicate) external view returns (bool) {
        return _isRegistered(predicate);
    }

    /// @notice min(depth(P), 35) in this deployment (spec §1). Not in the spec's ABI.
    function getDepth(Property memory property) external view returns (uint256) {
        return OvmLogic.depthOf(property, _connectives);
    }

    /// @notice min(depth(x), 35) for any byte string (raw bytes: 0). Not in the spec's ABI.
    function depthOf(bytes memory x) external view returns (uint256) {
        return OvmLogic.depth(x, _connectives);
    }

    /// @notice Whether `x` is exactly a canonical abi.encode(Property) (spec §1). Not in the spec's ABI.
    function isProperty(bytes memory x) external pure returns (bool) {
        return PropertyCodec.isProperty(x);
    }

    /// @notice Whether `x` is a placeholder (length 1..19, first byte 'V'; spec §2). Not in the spec's ABI.
    function isPlaceholder(bytes memory x) external pure returns (bool) {
        return PropertyCodec.isPlaceholder(x);
    }

    // ------------------------------------------------------------------ internals

    function _exists(bytes32 gameId) private view returns (bool) {
        return _games[gameId].propertyHash != bytes32(0);
    }

    function _isRegistered(address predicate) private view returns (bool) {
        return isConnective[predicate] || isAtomic[predicate];
    }

    function _requireRegistered(address predicate) private view {
        if (!_isRegistered(predicate)) revert UnknownPredicate(predicate);
    }

    function _requireDepth(bytes memory encodedProperty, uint256 maxDepth) private view {
        uint256 d = OvmLogic.depth(encodedProperty, _connectives);
        if (d > maxDepth) revert TooDeep(d);
    }

    /// @dev The game `gameId`, which must exist (GameNotFound) and be Undecided (GameAlreadyDecided).
    function _undecidedGame(bytes32 gameId) private view returns (ChallengeGame storage game) {
        game = _games[gameId];
        if (game.propertyHash == bytes32(0)) revert GameNotFound(gameId);
        if (game.decision != Decision.Undecided) revert GameAlreadyDecided(gameId);
    }

    function _createGame(bytes32 gameId, Property memory property) private {
        ChallengeGame storage game = _games[gameId];
        game.propertyHash = gameId;
        game.createdBlock = block.number;
        _gamePredicate[gameId] = property.predicateAddress;
        emit NewPropertyClaimed(gameId, property, block.number);
    }

    function _decide(ChallengeGame storage game, bytes32 gameId, bool decision) private {
        game.decision = decision ? Decision.True : Decision.False;
        emit ClaimDecided(gameId, decision);
    }
}
