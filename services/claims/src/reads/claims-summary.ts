import type { DataSource } from 'typeorm';
import type { ClaimScope } from '#libs/auth';
import {
  CLAIM_STATUSES,
  claimsSummaryPayload,
  type ClaimsSummaryPayload,
  type ClaimStatus,
  type Principal,
  type RpcReply,
  type StatusTotals,
} from '#libs/contracts';
import { invalid, invalidField, ok, parseWith } from '#libs/rpc';
import type { Audience } from './claim-view.js';

/**
 * Who may total claims: the insurer (its members' claims) and the clinic (its submissions), each over the
 * same claims its list shows. A patient reads their few claims in the list; analysts work flags, not money.
 */
export function summaryScope(principal: Principal): ClaimScope | null {
  if (principal.role === 'insurer' && principal.org) return { insurerId: principal.org };
  if (principal.role === 'clinic' && principal.org) return { providerId: principal.org };
  return null;
}

/** `from`/`to` as days, both inclusive; `to` before `from` is VALIDATION on `to`. */
export function parseSummaryQuery(payload: unknown): RpcReply<ClaimsSummaryPayload> {
  const parsed = parseWith(claimsSummaryPayload, payload);
  if (!parsed.ok) return invalid('invalid summary query', parsed.errors);
  const { from, to } = parsed.value;
  if (from !== undefined && to !== undefined && to < from) return invalidField('to', 'must not be before from');
  return ok(parsed.value);
}

const OWNER_COLUMN = { insurerId: 'insurer_id', providerId: 'provider_id', memberId: 'member_id' } as const;

interface SummaryRow {
  status: ClaimStatus;
  currency: string | null;
  count: number;
  billed: string;
  allowed: string;
  plan_pays: string;
  patient_pays: string;
}

/**
 * The scope's claims counted and summed per status and currency in one statement: each claim's totals
 * are its lines' sums (as the claim view adds them up), then added per group in numeric, never float.
 * Days are UTC days: the dates are cast in UTC, not in the session's time zone. A restricted audience
 * sees held claims as in_review, as in the list.
 */
export async function summarizeClaims(
  dataSource: DataSource,
  scope: ClaimScope,
  audience: Audience,
  { from, to }: ClaimsSummaryPayload,
): Promise<StatusTotals[]> {
  const [key, owner] = Object.entries(scope)[0] as [keyof typeof OWNER_COLUMN, string];
  const rows: SummaryRow[] = await dataSource.query(
    `SELECT CASE WHEN $4 AND c.status = 'pending_review' THEN 'in_review' ELSE c.status END AS status,
            c.currency, count(*)::int AS count,
            sum(t.charge)::text AS billed, sum(t.allowed)::text AS allowed,
            sum(t.plan_pays)::text AS plan_pays, sum(t.patient_pays)::text AS patient_pays
     FROM claims c
     CROSS JOIN LATERAL (
       SELECT COALESCE(sum(l.charge), 0) AS charge, COALESCE(sum(l.allowed), 0) AS allowed,
              COALESCE(sum(l.plan_pays), 0) AS plan_pays, COALESCE(sum(l.patient_pays), 0) AS patient_pays
       FROM claim_lines l WHERE l.claim_id = c.id) t
     WHERE c.${OWNER_COLUMN[key]} = $1
       AND ($2::date IS NULL OR c.submitted_at >= $2::date::timestamp AT TIME ZONE 'UTC')
       AND ($3::date IS NULL OR c.submitted_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC')
     GROUP BY 1, 2`,
    [owner, from ?? null, to ?? null, audience === 'restricted'],
  );
  return rows
    .map((row) => ({
      status: row.status,
      currency: row.currency,
      count: row.count,
      billed: amount(row.billed),
      allowed: amount(row.allowed),
      planPays: amount(row.plan_pays),
      patientPays: amount(row.patient_pays),
    }))
    .sort(
      (a, b) =>
        CLAIM_STATUSES.indexOf(a.status) - CLAIM_STATUSES.indexOf(b.status) ||
        (a.currency ?? '').localeCompare(b.currency ?? ''),
    );
}

/** A sum past 2^53 would be off by cents as a JSON number: a failure, never a wrong figure. */
function amount(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error('a claims total exceeds the safe integer range');
  return value;
}
