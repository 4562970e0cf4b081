import { randomUUID } from 'node:crypto';
import { exactTimeSql, type PageCursor } from '#libs/rpc';
import { updateReturning } from '#libs/persistence';
import type { EntityManager } from 'typeorm';

export interface ConsentRow {
  id: string;
  insurer_id: string;
  member_id: string;
  expires_at: Date;
  status: string;
  tx_hash: string | null;
  created_at: Date;
}

/** A row of a consents page, with its time as the page's cursor keeps it. */
export type ConsentPageRow = ConsentRow & { exact_created_at: string };

/** A consent of the member asking, with the addresses its revocation is signed for. */
export interface OwnConsentRow {
  id: string;
  status: string;
  patient: string;
  insurer: string;
  expires_at: Date;
}

export interface RelayedGrant {
  memberId: string;
  insurerId: string;
  expiresAt: Date;
  status: 'pending' | 'active';
  txHash: string;
}

/**
 * Stores a relayed grant; returns the consent's id. A grant while one is in force moves its expiry on
 * chain, so the row in force is updated, not doubled.
 */
export async function storeGrant(manager: EntityManager, grant: RelayedGrant): Promise<string> {
  const updated = await updateReturning<{ id: string }>(
    manager,
    `UPDATE consents SET expires_at = $3, tx_hash = $4, status = $5
     WHERE member_id = $1 AND insurer_id = $2 AND status IN ('pending', 'active') AND expires_at > now()
     RETURNING id`,
    [grant.memberId, grant.insurerId, grant.expiresAt, grant.txHash, grant.status],
  );
  if (updated.length > 0) return updated[0].id;
  const id = randomUUID();
  await manager.query(
    `INSERT INTO consents (id, member_id, insurer_id, scope, expires_at, status, tx_hash) VALUES ($1, $2, $3, 'claims', $4, $5, $6)`,
    [id, grant.memberId, grant.insurerId, grant.expiresAt, grant.status, grant.txHash],
  );
  return id;
}

export async function ownConsent(
  manager: EntityManager,
  id: string,
  memberId: string,
): Promise<OwnConsentRow | undefined> {
  const rows: OwnConsentRow[] = await manager.query(
    `SELECT c.id, c.status, c.expires_at, m.address AS patient, i.address AS insurer FROM consents c
     JOIN members m ON m.id = c.member_id JOIN insurers i ON i.id = c.insurer_id
     WHERE c.id = $1 AND c.member_id = $2`,
    [id, memberId],
  );
  return rows[0];
}

export async function markConsentRevoked(manager: EntityManager, id: string, revokeTxHash: string): Promise<void> {
  await manager.query(`UPDATE consents SET status = 'revoked', revoke_tx_hash = $2 WHERE id = $1`, [id, revokeTxHash]);
}

/** One page of a member's or an insurer's consents, oldest first; one row more than `limit` when more follow. */
export async function consentsPage(
  manager: EntityManager,
  owner: { column: 'member_id' | 'insurer_id'; id: string },
  after: PageCursor | null,
  limit: number,
): Promise<ConsentPageRow[]> {
  return manager.query(
    `SELECT *, ${exactTimeSql('created_at')} AS exact_created_at FROM consents WHERE ${owner.column} = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [owner.id, after?.at ?? null, after?.id ?? null, limit + 1],
  );
}
