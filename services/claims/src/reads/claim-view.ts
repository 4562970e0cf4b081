import type { ClaimLineView, ClaimStatus, ClaimView, PayoutView, Principal, TimelineEntry } from '#libs/contracts';

/**
 * Who is looking decides what a claim shows (API.md, Claims): patients and clinics see `pending_review`
 * as `in_review` and nothing of the fraud review; insurers and their analysts see everything.
 */
export type Audience = 'full' | 'restricted';

export function audienceOf(principal: Principal): Audience {
  return principal.role === 'patient' || principal.role === 'clinic' ? 'restricted' : 'full';
}

export function publicStatus(status: ClaimStatus, audience: Audience): ClaimStatus {
  return audience === 'restricted' && status === 'pending_review' ? 'in_review' : status;
}

/** The statuses to query for when an audience filters by `status` (a restricted `in_review` includes held claims). */
export function storedStatusesFor(status: ClaimStatus, audience: Audience): ClaimStatus[] {
  if (audience === 'full') return [status];
  if (status === 'in_review') return ['in_review', 'pending_review'];
  return status === 'pending_review' ? [] : [status];
}

/** Timeline reasons that belong to the fraud review; a restricted audience never sees them. */
const FRAUD_REVIEW_REASONS = new Set(['FRAUD_HOLD', 'FRAUD_DISMISSED']);

export interface StoredClaim {
  id: string;
  status: ClaimStatus;
  memberId: string;
  providerId: string;
  serviceDate: string;
  submittedAt: Date;
  updatedAt: Date;
  currency: string | null;
  denialReason: string | null;
}

export interface StoredLine {
  code: string;
  units: number;
  charge: number;
  status: ClaimLineView['status'];
  reason: string | null;
  allowed: number;
  planPays: number;
  patientPays: number;
  /** null until priced, and on lines priced before the split was kept. */
  deductible: number | null;
  copay: number | null;
  coinsurance: number | null;
}

export interface StoredPayout {
  status: PayoutView['status'];
  amount: string | null;
  token: string | null;
  txHash: string | null;
  blockNumber: number | null;
  failureReason: string | null;
}

export function toClaimView(
  claim: StoredClaim,
  lines: StoredLine[],
  audience: Audience,
  payout: StoredPayout | null = null,
): ClaimView {
  const view: ClaimView = {
    id: claim.id,
    status: publicStatus(claim.status, audience),
    memberId: claim.memberId,
    providerId: claim.providerId,
    serviceDate: claim.serviceDate,
    submittedAt: claim.submittedAt.toISOString(),
    updatedAt: claim.updatedAt.toISOString(),
    currency: claim.currency,
    lines: lines.map(toLineView),
    totals: totalsOf(lines),
  };
  if (claim.denialReason) view.denialReason = claim.denialReason;
  if (payout) view.payout = toPayoutView(payout);
  return view;
}

/** Until billing's request arrives (the outcome may overtake it) the amount and token are not known. */
function toPayoutView(payout: StoredPayout): PayoutView {
  const view: PayoutView = { status: payout.status, amount: payout.amount ?? '0', token: payout.token ?? '' };
  if (payout.txHash) view.txHash = payout.txHash;
  if (payout.blockNumber !== null) view.blockNumber = payout.blockNumber;
  if (payout.failureReason) view.failureReason = payout.failureReason;
  return view;
}

function toLineView(line: StoredLine): ClaimLineView {
  const view: ClaimLineView = {
    code: line.code,
    units: line.units,
    charge: line.charge,
    status: line.status,
    allowed: line.allowed,
    planPays: line.planPays,
    patientPays: line.patientPays,
  };
  if (line.reason) view.reason = line.reason;
  if (line.deductible !== null && line.copay !== null && line.coinsurance !== null) {
    view.costSharing = { deductible: line.deductible, copay: line.copay, coinsurance: line.coinsurance };
  }
  return view;
}

/** Summed in bigint so a long claim can never lose a cent to floating point on the way. */
function totalsOf(lines: StoredLine[]): ClaimView['totals'] {
  const sum = (pick: (line: StoredLine) => number) =>
    Number(lines.reduce((total, line) => total + BigInt(pick(line)), 0n));
  return {
    charge: sum((line) => line.charge),
    allowed: sum((line) => line.allowed),
    planPays: sum((line) => line.planPays),
    patientPays: sum((line) => line.patientPays),
  };
}

/**
 * The timeline as an audience may see it. For a restricted audience the fraud review disappears:
 * `pending_review` reads `in_review`, fraud reasons are dropped, and the repeated `in_review` entries
 * that would betray a hold and its dismissal are folded into one.
 */
export function toTimeline(
  entries: { at: Date; status: ClaimStatus; reason: string | null; actor: TimelineEntry['actor'] }[],
  audience: Audience,
): TimelineEntry[] {
  const items: TimelineEntry[] = [];
  for (const entry of entries) {
    const status = publicStatus(entry.status, audience);
    const hideReason = audience === 'restricted' && entry.reason !== null && FRAUD_REVIEW_REASONS.has(entry.reason);
    if (audience === 'restricted' && items.at(-1)?.status === status && status === 'in_review') continue;
    const item: TimelineEntry = { at: entry.at.toISOString(), status, actor: hideReason ? 'system' : entry.actor };
    if (entry.reason && !hideReason) item.reason = entry.reason;
    items.push(item);
  }
  return items;
}
