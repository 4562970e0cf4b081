import type { Envelope } from '#libs/contracts';

/**
 * Every claims consumer locks the claim row of each event it handles and keeps the lock until its
 * batch commits. Handling a batch in claim-id order means two batches (of the saga's answers, of the
 * payout outcomes, of both) lock shared claims in the same order and never deadlock.
 */
export const BY_CLAIM = { lockOrder: (event: Envelope): string => (event.data as { claimId: string }).claimId };
