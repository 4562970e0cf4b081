import type { ClaimProcessReason, ClaimStatus, PayoutFailed } from '#libs/contracts';
import type { TimelineActor } from '../saga/saga-state.js';

/**
 * What happens to an approved claim after the decision (DOMAIN.md, Claim life cycle): billing prices
 * it, and the ledger bridge pays it. Pure rules, applied under the claim's row lock; every event may
 * arrive twice, late or out of order (the payout's outcome may even overtake its pricing, as they
 * come down different streams), so each rule looks only at where the claim is now.
 */
export type SettlementEvent =
  | { kind: 'priced'; planPays: number }
  | { kind: 'payoutRequested' }
  | { kind: 'payoutSubmitted' }
  | { kind: 'payoutSettled' }
  | { kind: 'payoutFailed'; reason: PayoutFailed['reason'] };

export interface StatusChange {
  status: ClaimStatus;
  reason: string | null;
  actor: TimelineActor;
}

/** The reason on the timeline of an approved claim with nothing to pay. */
export const NOTHING_PAYABLE = 'NOTHING_PAYABLE' satisfies ClaimProcessReason;

/** The claim's next status after an event, or null when the event leaves it where it is. */
export function claimStatusAfter(current: ClaimStatus, event: SettlementEvent): StatusChange | null {
  switch (event.kind) {
    case 'priced':
      return current === 'approved' && event.planPays === 0
        ? { status: 'closed', reason: NOTHING_PAYABLE, actor: 'system' }
        : null;
    case 'payoutSettled':
      return current === 'approved' || current === 'payment_failed'
        ? { status: 'paid', reason: null, actor: 'chain' }
        : null;
    case 'payoutFailed':
      return current === 'approved' ? { status: 'payment_failed', reason: event.reason, actor: 'chain' } : null;
    case 'payoutRequested':
    case 'payoutSubmitted':
      return null;
  }
}

export type PayoutStatus = 'pending' | 'submitted' | 'confirmed' | 'failed';

/**
 * The payout's status as the claim shows it after an event: a confirmed payout is final (a late
 * "submitted" or "failed" of an earlier attempt cannot undo it); a failed one becomes submitted again
 * when the bridge retries.
 */
export function payoutStatusAfter(current: PayoutStatus | null, event: SettlementEvent): PayoutStatus | null {
  if (current === 'confirmed') return 'confirmed';
  switch (event.kind) {
    case 'payoutRequested':
      return current ?? 'pending';
    case 'payoutSubmitted':
      return 'submitted';
    case 'payoutSettled':
      return 'confirmed';
    case 'payoutFailed':
      return 'failed';
    case 'priced':
      return current;
  }
}
