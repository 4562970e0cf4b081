import type { EntityManager } from 'typeorm';
import type { PartyAddresses } from '../directory/directory-store.js';
import type { Verdict } from './decide-verification.js';

/** What the bridge holds for one claim to verify: the verdict already given, if any, and the parties. */
export interface StoredForClaim {
  verdict: Verdict | null;
  parties: PartyAddresses;
}

export interface ClaimParties {
  claimId: string;
  providerId: string;
  memberId: string;
  /** Null when the claims service did not know it: the member's insurer then. */
  insurerId: string | null;
}

/**
 * The stored verdicts and the parties' addresses of many claims, in ONE statement, in the order asked. A
 * claim is judged once, and a re-ask gets the verdict stored. The insurer is the claim's when the claims
 * service knew it, else the member's insurer.
 */
export async function storedForClaims(manager: EntityManager, claims: ClaimParties[]): Promise<StoredForClaim[]> {
  if (!claims.length) return [];
  const rows: {
    stored: boolean;
    verified: boolean | null;
    reason: Verdict['reason'];
    provider: string | null;
    member: string | null;
    insurer: string | null;
  }[] = await manager.query(
    `SELECT v.claim_id IS NOT NULL AS stored, v.verified, v.reason,
            p.address AS provider, m.address AS member, i.address AS insurer
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
       AS ask (claim_id, provider_id, member_id, insurer_id, position)
     LEFT JOIN verifications v ON v.claim_id = ask.claim_id
     LEFT JOIN providers p ON p.id = ask.provider_id
     LEFT JOIN members m ON m.id = ask.member_id
     LEFT JOIN insurers i ON i.id = COALESCE(ask.insurer_id, m.insurer_id)
     ORDER BY ask.position`,
    [
      claims.map((claim) => claim.claimId),
      claims.map((claim) => claim.providerId),
      claims.map((claim) => claim.memberId),
      claims.map((claim) => claim.insurerId),
    ],
  );
  return rows.map(({ stored, verified, reason, provider, member, insurer }) => ({
    verdict: stored ? ({ verified, reason } as Verdict) : null,
    parties: { provider, member, insurer },
  }));
}

/**
 * Stores each verdict unless its claim already has one, in ONE statement, and returns the verdicts kept by
 * claim id: of a concurrent submission and re-ask of one claim, whichever stored first is the verdict both
 * publish. Of two verdicts for one claim in `verdicts`, the first is the one stored.
 */
export async function keepFirstVerdicts(
  manager: EntityManager,
  verdicts: { claimId: string; verdict: Verdict }[],
): Promise<Map<string, Verdict>> {
  const first = new Map<string, Verdict>();
  for (const { claimId, verdict } of verdicts)
    if (!first.has(claimId.toLowerCase())) first.set(claimId.toLowerCase(), verdict);
  if (!first.size) return first;
  // In claim id order, so two transactions storing the same claims wait on each other instead of deadlocking.
  const entries = [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const kept: { claim_id: string; verified: boolean; reason: Verdict['reason'] }[] = await manager.query(
    `INSERT INTO verifications (claim_id, verified, reason)
     SELECT claim_id, verified, reason FROM unnest($1::uuid[], $2::boolean[], $3::text[]) WITH ORDINALITY
       AS verdict (claim_id, verified, reason, position)
     ORDER BY position
     ON CONFLICT (claim_id) DO UPDATE SET claim_id = EXCLUDED.claim_id
     RETURNING claim_id, verified, reason`,
    [entries.map(([claimId]) => claimId), entries.map(([, v]) => v.verified), entries.map(([, v]) => v.reason)],
  );
  return new Map(
    kept.map(({ claim_id, verified, reason }) => [claim_id.toLowerCase(), { verified, reason } as Verdict]),
  );
}
