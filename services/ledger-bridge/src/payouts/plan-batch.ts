/** A payout waiting to be settled, as the batch planner sees it. */
export interface WaitingPayout {
  payoutId: string;
  claimId: string;
  payee: string;
  tokenAmount: bigint;
  status: 'pending' | 'awaiting_funds';
}

export interface BatchPlan {
  /** What goes into the next `settleBatch`, in request order. */
  batch: WaitingPayout[];
  /** Pending payouts the escrow cannot cover now: announced as failed (retrying) once, then kept waiting. */
  newlyUnfunded: WaitingPayout[];
}

/**
 * Picks, in request order, the payouts the insurer's escrow covers, at most `maxSize`. A payout too large
 * for what is left does not stop smaller ones behind it, so one big claim never holds up every other.
 */
export function planBatch(waiting: WaitingPayout[], escrow: bigint, maxSize: number): BatchPlan {
  const batch: WaitingPayout[] = [];
  const newlyUnfunded: WaitingPayout[] = [];
  let remaining = escrow;
  for (const payout of waiting) {
    if (batch.length < maxSize && payout.tokenAmount <= remaining) {
      batch.push(payout);
      remaining -= payout.tokenAmount;
    } else if (payout.tokenAmount > remaining && payout.status === 'pending') {
      newlyUnfunded.push(payout);
    }
  }
  return { batch, newlyUnfunded };
}
