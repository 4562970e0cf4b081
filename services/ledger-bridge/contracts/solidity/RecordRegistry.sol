// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SignedRelay} from "./SignedRelay.sol";

/// @title Record registry: a clinic's proof of a medical record's content, fixed once.
/// @notice `recordId` is keccak256 of the record id string, `contentHash` the record's SHA-256, `patient` the
///         member's address. A record is anchored once: nobody, not even its clinic, can swap the hash later.
///         No personal data goes on chain.
contract RecordRegistry is SignedRelay {
    bytes32 public constant RECORD_ANCHOR_TYPEHASH =
        keccak256(
            "RecordAnchor(bytes32 recordId,bytes32 contentHash,address patient,uint256 nonce,uint256 deadline)"
        );

    struct Record {
        bytes32 contentHash;
        address clinic;
        uint64 anchoredAt; // packed with clinic; 0 means "never anchored" (block timestamps are never 0)
        address patient;
    }

    mapping(bytes32 recordId => Record) private _records;

    event RecordAnchored(
        bytes32 indexed recordId,
        address indexed clinic,
        address indexed patient,
        bytes32 contentHash
    );

    error RecordAlreadyAnchored(bytes32 recordId);

    constructor() SignedRelay("HealthClaims RecordRegistry") {}

    /// Anchors a record as the calling clinic.
    function anchor(bytes32 recordId, bytes32 contentHash, address patient) external {
        _anchor(recordId, contentHash, patient, msg.sender);
    }

    /// Anchors a record for `clinic`, relayed by anyone with the clinic's EIP-712 `RecordAnchor` signature.
    function anchorBySig(
        bytes32 recordId,
        bytes32 contentHash,
        address patient,
        address clinic,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(RECORD_ANCHOR_TYPEHASH, recordId, contentHash, patient, nonce, deadline)
        );
        _useSignature(clinic, structHash, nonce, deadline, signature);
        _anchor(recordId, contentHash, patient, clinic);
    }

    /// The anchor of `recordId`; all zero when it was never anchored.
    function recordOf(
        bytes32 recordId
    ) external view returns (bytes32 contentHash, address clinic, address patient, uint64 anchoredAt) {
        Record storage record = _records[recordId];
        return (record.contentHash, record.clinic, record.patient, record.anchoredAt);
    }

    /// The anchors of many records in one call (all zero for one never anchored), in the order asked: what
    /// verifying a batch of claims reads instead of one `recordOf` per cited record.
    function recordsOf(bytes32[] calldata recordIds) external view returns (Record[] memory records) {
        records = new Record[](recordIds.length);
        for (uint256 i = 0; i < recordIds.length; ++i) records[i] = _records[recordIds[i]];
    }

    function _anchor(bytes32 recordId, bytes32 contentHash, address patient, address clinic) private {
        Record storage record = _records[recordId];
        if (record.anchoredAt != 0) revert RecordAlreadyAnchored(recordId);
        record.contentHash = contentHash;
        record.clinic = clinic;
        record.anchoredAt = uint64(block.timestamp);
        record.patient = patient;
        emit RecordAnchored(recordId, clinic, patient, contentHash);
    }
}
