// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Audit anchor: the head of the gateway's hash-chained audit trail, fixed on chain from time to time.
/// @notice `seq` is the number of the last audit row covered, `head` that row's SHA-256 chain hash. Whoever
///         later alters or drops a row before an anchored seq cannot make the recomputed chain match the
///         anchor (docs/decisions/0010-audit-trail.md). Anchors only move forward, and only the bridge's
///         relayer key may set them. No personal data goes on chain: only a hash.
contract AuditAnchor {
    /// The one account allowed to anchor: the ledger bridge's relayer key.
    address public immutable anchorer;
    /// The highest seq anchored so far.
    uint64 public lastSeq;
    mapping(uint64 seq => bytes32 head) public headAt;

    event AuditAnchored(uint64 indexed seq, bytes32 head);

    error NotAnchorer(address caller);
    error SeqNotAfterLast(uint64 seq, uint64 lastSeq);
    error EmptyHead();

    constructor(address anchorer_) {
        anchorer = anchorer_;
    }

    function anchor(uint64 seq, bytes32 head) external {
        if (msg.sender != anchorer) revert NotAnchorer(msg.sender);
        if (seq <= lastSeq) revert SeqNotAfterLast(seq, lastSeq);
        if (head == bytes32(0)) revert EmptyHead();
        lastSeq = seq;
        headAt[seq] = head;
        emit AuditAnchored(seq, head);
    }
}
