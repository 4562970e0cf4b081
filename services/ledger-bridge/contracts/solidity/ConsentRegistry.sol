// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SignedRelay} from "./SignedRelay.sol";

/// @title Consent registry: a patient's grant to an insurer, for a scope, until an expiry.
/// @notice Every grant period is kept (granted, expires, revoked), never overwritten, so "was the consent valid
///         on the submission day" has the same answer before and after a later revoke or re-grant.
contract ConsentRegistry is SignedRelay {
    bytes32 public constant CONSENT_GRANT_TYPEHASH =
        keccak256(
            "ConsentGrant(address patient,address insurer,bytes32 scope,uint64 expiresAt,uint256 nonce,uint256 deadline)"
        );
    bytes32 public constant CONSENT_REVOKE_TYPEHASH =
        keccak256("ConsentRevoke(address patient,address insurer,bytes32 scope,uint256 nonce,uint256 deadline)");

    /// One grant period, in one storage slot; valid for grantedAt <= t < min(expiresAt, revokedAt).
    struct Consent {
        uint64 grantedAt;
        uint64 expiresAt;
        uint64 revokedAt; // 0 = not revoked
    }

    /// Periods per (patient, insurer, scope), oldest first and never overlapping: a new period starts only
    /// when the previous one has ended.
    mapping(bytes32 key => Consent[]) private _periods;

    event ConsentGranted(address indexed patient, address indexed insurer, bytes32 indexed scope, uint64 expiresAt);
    event ConsentRevoked(address indexed patient, address indexed insurer, bytes32 indexed scope);

    /// The expiry is not after the current block.
    error ExpiryNotInFuture(uint64 expiresAt);
    /// There is no grant in force to revoke.
    error NoActiveConsent(address patient, address insurer, bytes32 scope);
    /// The arrays of a batch read differ in length.
    error LengthMismatch();

    constructor() SignedRelay("HealthClaims ConsentRegistry") {}

    /// Grants `insurer` the `scope` until `expiresAt` (unix seconds) as the calling patient. Granting again while
    /// a grant is in force moves its expiry.
    function grant(address insurer, bytes32 scope, uint64 expiresAt) external {
        _grant(msg.sender, insurer, scope, expiresAt);
    }

    /// Same as `grant`, relayed by anyone with the patient's EIP-712 `ConsentGrant` signature.
    function grantBySig(
        address patient,
        address insurer,
        bytes32 scope,
        uint64 expiresAt,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(CONSENT_GRANT_TYPEHASH, patient, insurer, scope, expiresAt, nonce, deadline)
        );
        _useSignature(patient, structHash, nonce, deadline, signature);
        _grant(patient, insurer, scope, expiresAt);
    }

    /// Ends the calling patient's grant in force to `insurer` for `scope`, from this block on.
    function revoke(address insurer, bytes32 scope) external {
        _revoke(msg.sender, insurer, scope);
    }

    /// Same as `revoke`, relayed by anyone with the patient's EIP-712 `ConsentRevoke` signature.
    function revokeBySig(
        address patient,
        address insurer,
        bytes32 scope,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(abi.encode(CONSENT_REVOKE_TYPEHASH, patient, insurer, scope, nonce, deadline));
        _useSignature(patient, structHash, nonce, deadline, signature);
        _revoke(patient, insurer, scope);
    }

    /// Whether `patient` had granted `insurer` the `scope` at time `at` (unix seconds): granted at or before
    /// `at`, `at` before the expiry, and not revoked at or before `at`.
    function isGranted(address patient, address insurer, bytes32 scope, uint256 at) external view returns (bool) {
        return _isGranted(_periods[_key(patient, insurer, scope)], at);
    }

    /// The latest grant period (all zero when there was never one).
    function consentOf(
        address patient,
        address insurer,
        bytes32 scope
    ) external view returns (uint64 grantedAt, uint64 expiresAt, uint64 revokedAt) {
        Consent memory latest = _latest(_periods[_key(patient, insurer, scope)]);
        return (latest.grantedAt, latest.expiresAt, latest.revokedAt);
    }

    /// `isGranted` and `consentOf` of many (patient, insurer) pairs for one `scope`, each pair at its own time
    /// `at[i]`: what verifying a batch of claims reads, in one call instead of two per claim.
    function consentsAt(
        address[] calldata patients,
        address[] calldata insurers,
        bytes32 scope,
        uint256[] calldata at
    ) external view returns (bool[] memory inForce, Consent[] memory latest) {
        uint256 count = patients.length;
        if (insurers.length != count || at.length != count) revert LengthMismatch();
        inForce = new bool[](count);
        latest = new Consent[](count);
        for (uint256 i = 0; i < count; ++i) {
            Consent[] storage periods = _periods[_key(patients[i], insurers[i], scope)];
            inForce[i] = _isGranted(periods, at[i]);
            latest[i] = _latest(periods);
        }
    }

    function _isGranted(Consent[] storage periods, uint256 at) private view returns (bool) {
        // Newest first: the first period that started at or before `at` is the only one that can cover it.
        for (uint256 i = periods.length; i > 0; --i) {
            Consent storage period = periods[i - 1];
            if (period.grantedAt > at) continue;
            return at < period.expiresAt && (period.revokedAt == 0 || at < period.revokedAt);
        }
        return false;
    }

    function _latest(Consent[] storage periods) private view returns (Consent memory) {
        if (periods.length == 0) return Consent({grantedAt: 0, expiresAt: 0, revokedAt: 0});
        return periods[periods.length - 1];
    }

    function _grant(address patient, address insurer, bytes32 scope, uint64 expiresAt) private {
        if (expiresAt <= block.timestamp) revert ExpiryNotInFuture(expiresAt);
        Consent[] storage periods = _periods[_key(patient, insurer, scope)];
        uint256 count = periods.length;
        if (count > 0 && _inForce(periods[count - 1])) {
            // Both the old and the new expiry are in the future, so no answer about the past changes.
            periods[count - 1].expiresAt = expiresAt;
        } else {
            periods.push(Consent({grantedAt: uint64(block.timestamp), expiresAt: expiresAt, revokedAt: 0}));
        }
        emit ConsentGranted(patient, insurer, scope, expiresAt);
    }

    function _revoke(address patient, address insurer, bytes32 scope) private {
        Consent[] storage periods = _periods[_key(patient, insurer, scope)];
        uint256 count = periods.length;
        if (count == 0 || !_inForce(periods[count - 1])) revert NoActiveConsent(patient, insurer, scope);
        periods[count - 1].revokedAt = uint64(block.timestamp);
        emit ConsentRevoked(patient, insurer, scope);
    }

    function _inForce(Consent storage period) private view returns (bool) {
        return period.revokedAt == 0 && block.timestamp < period.expiresAt;
    }

    function _key(address patient, address insurer, bytes32 scope) private pure returns (bytes32) {
        return keccak256(abi.encode(patient, insurer, scope));
    }
}
