import { createHash } from 'node:crypto';

/** The hash before the first row: the head of an empty chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit row's hashed fields, as stored; `atMicros` is the time in microseconds since the epoch. */
export interface AuditRowFields {
  seq: string;
  atMicros: string;
  subject: string;
  role: string;
  org: string | null;
  action: string;
  resource: string;
  resourceIds: string[];
  memberIds: string[];
  route: string;
  status: number;
  requestId: string;
  prevHash: string;
}

/**
 * The SELECT list that reads a row's hashed fields exactly as the chain trigger saw them (the time as
 * integer microseconds: a JavaScript Date keeps only milliseconds). Its `seq` is text: order by
 * `audit_events.seq`, not by `seq`.
 */
export const AUDIT_ROW_COLUMNS = `seq::text AS seq, ((extract(epoch FROM at) * 1000000)::bigint)::text AS "atMicros",
  subject, role, org, action, resource, resource_ids AS "resourceIds", member_ids AS "memberIds", route, status,
  request_id AS "requestId", prev_hash AS "prevHash", hash`;

/**
 * The text a row's hash is taken over; the twin of the SQL function `audit_canonical` (migration
 * 1768000000000). Each field is `<UTF-8 byte length>:<text>` or `-` for null, a list `<count>[f,f]`, so
 * separators inside values cannot make two rows read alike.
 */
export function canonicalAuditText(row: AuditRowFields): string {
  return [
    'audit-v1',
    field(row.seq),
    field(row.atMicros),
    field(row.subject),
    field(row.role),
    field(row.org),
    field(row.action),
    field(row.resource),
    list(row.resourceIds),
    list(row.memberIds),
    field(row.route),
    field(String(row.status)),
    field(row.requestId),
    field(row.prevHash),
  ].join('|');
}

/** The hash the chain trigger stores for `row` (hex SHA-256 of its canonical text). */
export function auditRowHash(row: AuditRowFields): string {
  return createHash('sha256').update(canonicalAuditText(row), 'utf8').digest('hex');
}

function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

function list(values: string[] | null): string {
  return values === null ? '-' : `${values.length}[${values.map(field).join(',')}]`;
}

/** A row whose stored hash or link disagrees with the recomputed chain. */
export interface ChainBreak {
  seq: string;
  problem: string;
}

/**
 * Walks rows in seq order from seq 1 and recomputes every hash. Calls `onHead(seq, hash)` with each
 * recomputed hash (to check anchors against), and answers the first break, or null if the chain holds.
 */
export function findChainBreak(
  rows: Iterable<AuditRowFields & { hash: string }>,
  state: { seq: bigint; hash: string } = { seq: 0n, hash: GENESIS_HASH },
  onHead: (seq: bigint, hash: string) => void = () => undefined,
): ChainBreak | null {
  for (const row of rows) {
    const expectedSeq = state.seq + 1n;
    if (BigInt(row.seq) !== expectedSeq) {
      return { seq: String(expectedSeq), problem: `missing (the next row is ${row.seq}): deleted by hand` };
    }
    if (row.prevHash !== state.hash) return { seq: row.seq, problem: 'broken link to the previous row' };
    const hash = auditRowHash(row);
    if (hash !== row.hash) return { seq: row.seq, problem: 'hash mismatch (altered or inserted by hand)' };
    state.seq = expectedSeq;
    state.hash = hash;
    onHead(expectedSeq, hash);
  }
  return null;
}

/** The event `AuditAnchor` emits (services/ledger-bridge/contracts/solidity/AuditAnchor.sol). */
export const AUDIT_ANCHORED_EVENT = 'event AuditAnchored(uint64 indexed seq, bytes32 head)';
