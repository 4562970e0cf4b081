/** A payout waiting to be settled, as the batch planner sees it. */
export interface WaitingPayout {
  payoutId: string;
  claimId: string;
  payee: string;
  tokenAmount: bigint;
  status: 'pending' | 'awaiting_funds';
}

export interface BatchPlan {
  /** What goes into the next `settleBatch`: each payee's payouts together, payees by their oldest payout. */
  batch: WaitingPayout[];
  /** Pending payouts the escrow cannot cover now: announced as failed (retrying) once, then kept waiting. */
  newlyUnfunded: WaitingPayout[];
}

/**
 * Plans the next batch from the waiting payouts (oldest first).
 *
 * The escrow goes to payouts in request order: one the escrow cannot cover after all older ones is left
 * waiting, without holding up smaller ones behind it (so one big claim never holds up every other).
 *
 * Of the covered payouts, at most `maxSize` go into the batch, a payee's together: payees in the order of
 * their oldest covered payout, each with its covered payouts in request order. The contract pays a payee's
 * neighbouring claims with one token transfer, so a batch with several claims per payee costs less gas per
 * claim; and the oldest covered payout is always in the batch, so grouping never starves anyone.
 */
export function planBatch(waiting: WaitingPayout[], escrow: bigint, maxSize: number): BatchPlan {
  const covered: WaitingPayout[] = [];
  const newlyUnfunded: WaitingPayout[] = [];
  let remaining = escrow;
  for (const payout of waiting) {
    if (payout.tokenAmount <= remaining) {
      covered.push(payout);
      remaining -= payout.tokenAmount;
    } else if (payout.status === 'pending') {
      newlyUnfunded.push(payout);
    }
  }
  return { batch: groupByPayee(covered).slice(0, maxSize), newlyUnfunded };
}

/** Stable grouping: payees by first appearance, each payee's payouts in their original order. */
function groupByPayee(payouts: WaitingPayout[]): WaitingPayout[] {
  const byPayee = new Map<string, WaitingPayout[]>();
  for (const payout of payouts) {
    const key = payout.payee.toLowerCase();
    const group = byPayee.get(key);
    if (group) group.push(payout);
    else byPayee.set(key, [payout]);
  }
  return [...byPayee.values()].flat();
}
