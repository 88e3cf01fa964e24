// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity 0.8.30;

import {IStorage} from "./lib/Interfaces.sol";

/// @title CommitmentContract
/// @notice The Plasma operator's block roots (spec §5.2); a Storage contract for IsStored.
///         Keys are abi.encode(uint256 blockNumber); values abi.encode(bytes32 root).
contract CommitmentContract is IStorage {
    error NotOperator(address caller);
    error ZeroRoot();
    error BlockNumberNotIncreasing(uint256 last, uint256 given);

    /// Not in the spec: emitted by every successful submitRoot.
    event RootSubmitted(uint256 blockNumber, bytes32 root);

    /// The deployer; the only address that may submit roots.
    address public immutable operator;
    /// Whether any root was submitted (the first submission may use any block number, 0 included).
    bool public hasSubmitted;
    /// The block number of the last submission (meaningful only if hasSubmitted).
    uint256 public lastBlockNumber;
    /// Root of each submitted block (0: not submitted).
    mapping(uint256 => bytes32) public roots;

    constructor() {
        operator = msg.sender;
    }

    /// @notice Records the root of `blockNumber`, strictly after the last one submitted.
    function submitRoot(uint256 blockNumber, bytes32 root) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (root == bytes32(0)) revert ZeroRoot();
        if (hasSubmitted && blockNumber <= lastBlockNumber) {
            revert BlockNumberNotIncreasing(lastBlockNumber, blockNumber);
        }
        hasSubmitted = true;
        lastBlockNumber = blockNumber;
        roots[blockNumber] = root;
        emit RootSubmitted(blockNumber, root);
    }

    /// @notice abi.encode(root) for a submitted block, empty bytes otherwise; reverts (without
    ///         data) unless `key` is exactly 32 bytes.
    function retrieve(bytes memory key) external view returns (bytes memory) {
        if (key.length != 32) revert();
        bytes32 root = roots[uint256(bytes32(key))];
        if (root == bytes32(0)) return "";
        return abi.encode(root);
    }
}
