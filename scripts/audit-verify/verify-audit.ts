import { Interface, JsonRpcProvider, type Log } from 'ethers';
import pg from 'pg';
import {
  AUDIT_ANCHORED_EVENT,
  AUDIT_ROW_COLUMNS,
  findChainBreak,
  GENESIS_HASH,
  type AuditRowFields,
} from '#libs/contracts';
import type { AuditSources } from './audit-sources.js';

/** How a run ended: the line to print and whether the trail holds. */
export interface Verdict {
  ok: boolean;
  message: string;
}

interface AnchorRow {
  seq: string;
  head: string;
  tx_hash: string;
}

const BATCH = 5000;
const anchored = new Interface([AUDIT_ANCHORED_EVENT]);

/**
 * Recomputes the audit chain from seq 1 (in batches, so any length fits in memory), checks that every
 * anchor's head is the recomputed hash at its seq, and that its transaction carries the matching
 * `AuditAnchored` event of the platform's `AuditAnchor` contract.
 */
export async function verifyAudit(sources: AuditSources): Promise<Verdict> {
  const gateway = new pg.Client({ connectionString: sources.gatewayDatabaseUrl });
  await gateway.connect();
  try {
    const anchors = (
      await gateway.query<AnchorRow>('SELECT seq::text AS seq, head, tx_hash FROM audit_anchors ORDER BY seq')
    ).rows;
    const wanted = new Map(anchors.map((anchor) => [anchor.seq, anchor]));
    const recomputed = new Map<string, string>();
    const state = { seq: 0n, hash: GENESIS_HASH };
    let rows = 0;
    for (;;) {
      const batch = await gateway.query<AuditRowFields & { hash: string }>(
        `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE audit_events.seq > $1 ORDER BY audit_events.seq LIMIT ${BATCH}`,
        [state.seq.toString()],
      );
      const broken = findChainBreak(batch.rows, state, (seq, hash) => {
        if (wanted.has(seq.toString())) recomputed.set(seq.toString(), hash);
      });
      if (broken) return { ok: false, message: `row ${broken.seq}: ${broken.problem}` };
      rows += batch.rows.length;
      if (batch.rows.length < BATCH) break;
    }
    for (const anchor of anchors) {
      const hash = recomputed.get(anchor.seq);
      if (hash === undefined) {
        return { ok: false, message: `anchor at seq ${anchor.seq}: beyond the last row ${state.seq} (rows deleted)` };
      }
      if (hash !== anchor.head) {
        return { ok: false, message: `anchor at seq ${anchor.seq}: head differs from the recomputed chain` };
      }
    }
    if (anchors.length > 0) {
      const problem = await checkOnChain(sources, anchors);
      if (problem) return { ok: false, message: problem };
    }
    return { ok: true, message: `audit chain ok: ${rows} rows, ${anchors.length} anchors verified on chain` };
  } finally {
    await gateway.end();
  }
}

/** The first anchor whose event is not on chain as stored, or null when all are. */
async function checkOnChain(sources: AuditSources, anchors: AnchorRow[]): Promise<string | null> {
  const provider = new JsonRpcProvider(sources.chainRpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
  try {
    const chainId = (await provider.getNetwork()).chainId;
    const contract = sources.anchorAddress ?? (await recordedAnchorAddress(sources, chainId));
    if (!contract) return `no AuditAnchor contract recorded for chain ${chainId}: set AUDIT_ANCHOR_ADDRESS`;
    for (const anchor of anchors) {
      const receipt = await provider.getTransactionReceipt(anchor.tx_hash);
      const found = receipt?.status === 1 && receipt.logs.some((log) => isAnchorEvent(log, contract, anchor));
      if (!found) return `anchor at seq ${anchor.seq}: no AuditAnchored event for it in ${anchor.tx_hash} on chain`;
    }
    return null;
  } finally {
    provider.destroy();
  }
}

function isAnchorEvent(log: Log, contract: string, anchor: AnchorRow): boolean {
  if (log.address.toLowerCase() !== contract.toLowerCase()) return false;
  const parsed = anchored.parseLog({ topics: [...log.topics], data: log.data });
  return (
    parsed?.name === 'AuditAnchored' &&
    (parsed.args[0] as bigint).toString() === anchor.seq &&
    (parsed.args[1] as string).toLowerCase() === `0x${anchor.head}`
  );
}

async function recordedAnchorAddress(sources: AuditSources, chainId: bigint): Promise<string | null> {
  const bridge = new pg.Client({ connectionString: sources.bridgeDatabaseUrl });
  await bridge.connect();
  try {
    const { rows } = await bridge.query<{ address: string }>(
      `SELECT address FROM deployments WHERE chain_id = $1 AND name = 'AuditAnchor'`,
      [chainId.toString()],
    );
    return rows[0]?.address ?? null;
  } finally {
    await bridge.end();
  }
}
