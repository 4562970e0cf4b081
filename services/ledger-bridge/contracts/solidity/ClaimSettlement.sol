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
    /// What each claim was paid; 0 = never. One slot per claim is the only storage a payout writes: claim ids
    /// are hashes, so no two claims could share a slot (packed bits would need dense ids), and the fresh slot
    /// costs the same whether it holds one bit or the amount.
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
    /// @dev Consecutive claims of one payee are paid with one token transfer of their sum (each claim is still
    ///      marked and gets its own `Settled`), so a caller that lists a payee's claims together saves a transfer
    ///      per claim after the first: the transfer, not the claim's marker, is what a grouped batch saves.
    function settleBatch(
        bytes32 insurer,
        bytes32[] calldata claimIds,
        address[] calldata payees,
        uint256[] calldata amounts
    ) external onlyRole(SETTLER_ROLE) whenNotPaused nonReentrant {
        uint256 count = claimIds.length;
        if (payees.length != count || amounts.length != count) revert LengthMismatch();
        uint256 remaining = escrowOf[insurer];
        address runPayee;
        uint256 runTotal;
        for (uint256 i; i < count; ) {
            address payee = payees[i];
            if (payee != runPayee) {
                if (runTotal != 0) token.safeTransfer(runPayee, runTotal);
                (runPayee, runTotal) = (payee, 0);
            }
            uint256 paid = _settleOne(insurer, claimIds[i], payee, amounts[i], remaining);
            unchecked {
                // Both stay within the escrow read above: `_settleOne` never pays more than `remaining`.
                remaining -= paid;
                runTotal += paid;
                ++i;
            }
        }
        if (runTotal != 0) token.safeTransfer(runPayee, runTotal);
        escrowOf[insurer] = remaining; // unchanged when every claim was skipped: a warm no-op write
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// Marks one claim paid and announces it, unless it was settled before; returns what it pays (0 when
    /// skipped). The caller transfers it, together with the payee's neighbouring claims.
    function _settleOne(
        bytes32 insurer,
        bytes32 claimId,
        address payee,
        uint256 amount,
        uint256 remaining
    ) private returns (uint256) {
        if (settledAmount[claimId] != 0) {
            emit SettlementSkipped(claimId);
            return 0;
        }
        if (amount == 0) revert ZeroAmount(claimId);
        // Checked per claim, before the transfer that would pay it, so a shortfall reverts with this error
        // before a transfer could spend another insurer's share of the contract's balance.
        if (amount > remaining) _revertInsufficient(insurer, remaining, amount);
        settledAmount[claimId] = amount;
        emit Settled(insurer, claimId, payee, amount);
        return amount;
    }

    /// `required` is what the batch needed up to and including `amount`; the escrow is unchanged until the
    /// batch ends, so it is read again here rather than kept on the stack for every claim.
    function _revertInsufficient(bytes32 insurer, uint256 remaining, uint256 amount) private view {
        uint256 available = escrowOf[insurer];
        revert InsufficientEscrow(insurer, available, available - remaining + amount);
    }
}
