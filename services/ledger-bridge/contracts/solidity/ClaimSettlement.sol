// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Claim settlement: an escrow per insurer that pays each claim at most once, ever.
/// @notice Ids are keccak256 of the platform's id strings. The once-per-claim rule here is the last line of
///         defence against paying twice: whatever the bridge retries, a settled claim id is skipped.
/// @dev Guarded against re-entry because any ERC-20 may be configured as the settlement token, and one with
///      transfer hooks could otherwise re-enter between a payout and the escrow debit at the end of a batch.
contract ClaimSettlement is AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    IERC20 public immutable token;

    mapping(bytes32 insurer => uint256) public escrowOf;
    /// What each claim was paid; 0 = never. One slot per claim is the only storage a payout writes.
    mapping(bytes32 claimId => uint256) public settledAmount;

    event Deposited(bytes32 indexed insurer, address indexed from, uint256 amount);
    event Settled(bytes32 indexed insurer, bytes32 indexed claimId, address indexed payee, uint256 amount);
    event SettlementSkipped(bytes32 indexed claimId);

    error LengthMismatch();
    /// A zero payout would leave no trace in `settledAmount`, so the claim could be "paid" again.
    error ZeroAmount(bytes32 claimId);
    /// `required` is what the batch needed up to and including the first claim the escrow could not cover.
    error InsufficientEscrow(bytes32 insurer, uint256 available, uint256 required);

    /// `admin` administers roles and may pause; `settler` is the bridge's payout key.
    constructor(IERC20 token_, address admin, address settler) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(SETTLER_ROLE, settler);
    }

    /// Pulls `amount` tokens from the caller into `insurer`'s escrow (approve first). Anyone may fund anyone.
    function deposit(bytes32 insurer, uint256 amount) external whenNotPaused nonReentrant {
        escrowOf[insurer] += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(insurer, msg.sender, amount);
    }

    /// Pays `amounts[i]` to `payees[i]` for `claimIds[i]` out of `insurer`'s escrow. A claim id already settled
    /// (earlier or in this batch) is skipped with `SettlementSkipped` and costs the escrow nothing. The whole
    /// batch reverts if the claims to pay exceed the escrow.
    function settleBatch(
        bytes32 insurer,
        bytes32[] calldata claimIds,
        address[] calldata payees,
        uint256[] calldata amounts
    ) external onlyRole(SETTLER_ROLE) whenNotPaused nonReentrant {
        uint256 count = claimIds.length;
        if (payees.length != count || amounts.length != count) revert LengthMismatch();
        uint256 available = escrowOf[insurer];
        uint256 remaining = available;
        for (uint256 i; i < count; ) {
            remaining = _settleOne(insurer, claimIds[i], payees[i], amounts[i], available, remaining);
            unchecked {
                ++i;
            }
        }
        if (remaining != available) escrowOf[insurer] = remaining;
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// Pays one claim unless it was settled before; returns the escrow left for the rest of the batch.
    function _settleOne(
        bytes32 insurer,
        bytes32 claimId,
        address payee,
        uint256 amount,
        uint256 available,
        uint256 remaining
    ) private returns (uint256) {
        if (settledAmount[claimId] != 0) {
            emit SettlementSkipped(claimId);
            return remaining;
        }
        if (amount == 0) revert ZeroAmount(claimId);
        // Checked per claim so a shortfall reverts with this error, before a transfer could spend another
        // insurer's share of the contract's balance.
        if (amount > remaining) revert InsufficientEscrow(insurer, available, available - remaining + amount);
        settledAmount[claimId] = amount;
        token.safeTransfer(payee, amount);
        emit Settled(insurer, claimId, payee, amount);
        unchecked {
            return remaining - amount;
        }
    }
}
