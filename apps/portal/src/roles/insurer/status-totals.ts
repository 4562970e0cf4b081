import type { components } from '../../api/generated/schema';

type Claim = components['schemas']['ClaimResponse'];
export type ClaimStatus = Claim['status'];

/** Every status a claim can have, in the order a claim goes through them. */
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  'received',
  'pending_review',
  'in_review',
  'approved',
  'denied',
  'paid',
  'payment_failed',
  'closed',
];

/** Money of one status in one currency (null: coverage not decided yet, so no currency). */
export interface StatusMoney {
  currency: string | null;
  count: number;
  charge: number;
  planPays: number;
  patientPays: number;
}

export interface StatusTotals {
  status: ClaimStatus;
  count: number;
  /** One entry per currency met, in the order met. */
  money: StatusMoney[];
}

/**
 * Claims counted and summed per status (and per currency within it, since amounts of two currencies do
 * not add up). Statuses with no claim are left out; the rest follow CLAIM_STATUSES.
 */
export function totalsByStatus(claims: readonly Claim[]): StatusTotals[] {
  const byStatus = new Map<ClaimStatus, Map<string | null, StatusMoney>>();
  for (const claim of claims) {
    const perCurrency = byStatus.get(claim.status) ?? new Map<string | null, StatusMoney>();
    byStatus.set(claim.status, perCurrency);
    const money = perCurrency.get(claim.currency) ?? {
      currency: claim.currency,
      count: 0,
      charge: 0,
      planPays: 0,
      patientPays: 0,
    };
    perCurrency.set(claim.currency, money);
    money.count += 1;
    money.charge += claim.totals.charge;
    money.planPays += claim.totals.planPays;
    money.patientPays += claim.totals.patientPays;
  }
  return CLAIM_STATUSES.flatMap((status) => {
    const perCurrency = byStatus.get(status);
    if (!perCurrency) return [];
    const money = [...perCurrency.values()];
    return [{ status, count: money.reduce((sum, entry) => sum + entry.count, 0), money }];
  });
}
