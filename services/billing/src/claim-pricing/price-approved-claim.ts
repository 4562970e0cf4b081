import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type ClaimDecided } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import { lockAccumulators, saveAccumulators } from '../accumulators/accumulator-store.js';
import { payoutIdOf, payoutRequestFor, owedEntries, type SettlementToken } from '../payouts/payout-plan.js';
import { insertPayout, postEntries } from '../payouts/payout-store.js';
import { feesFor, networkStatusOf } from './pricing-facts.store.js';
import { findProvider } from '../providers/provider-store.js';
import { findMemberPlan, findPlan } from '../read-models/read-model-store.js';
import { isPriced, storePricing } from './claim-pricing-store.js';
import { planYearOf, priceClaim } from './price-claim.js';

export type ClaimPricingOutcome = 'priced' | 'already-priced' | 'payout-awaiting-provider';

/** A fact pricing needs has not arrived yet (e.g. the plan's event): the message is retried later. */
export class PricingFactsMissing extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'PricingFactsMissing';
  }
}

/**
 * Prices an approved claim once, inside the consumer's transaction: lock the member's accumulator row
 * for the plan year, price, store the accumulators and the pricing, publish `billing.claim.priced.v1`
 * and, when the plan pays something, record what is owed and ask for the payout, all in one commit.
 */
export async function priceApprovedClaim(
  manager: EntityManager,
  outbox: Outbox,
  claim: ClaimDecided,
  causation: Causation,
  token: SettlementToken,
): Promise<ClaimPricingOutcome> {
  if (await isPriced(manager, claim.claimId)) return 'already-priced';
  const planId = claim.planId ?? (await findMemberPlan(manager, claim.memberId))?.planId;
  const plan = planId ? await findPlan(manager, planId) : null;
  if (!plan) throw new PricingFactsMissing(`the plan of member ${claim.memberId} is not known to billing yet`);

  const year = planYearOf(claim.serviceDate);
  const accumulators = await lockAccumulators(manager, claim.memberId, year);
  // Checked again under the lock: a copy of this claim's decision priced while we waited.
  if (await isPriced(manager, claim.claimId)) return 'already-priced';

  const insurerId = claim.insurerId ?? plan.insurerId;
  const { event, accumulators: after } = priceClaim({
    claim,
    insurerId,
    currency: claim.currency ?? plan.currency,
    benefits: plan.benefits,
    network: await networkStatusOf(manager, insurerId, claim.providerId),
    fees: await feesFor(
      manager,
      insurerId,
      claim.lines.map((line) => line.code),
    ),
    accumulators,
  });
  await saveAccumulators(manager, claim.memberId, year, after);
  await storePricing(manager, event, year);
  await outbox.add(manager, Subjects.claimPriced, event, causation);
  if (event.totals.planPays === 0) return 'priced';

  const provider = await findProvider(manager, claim.providerId);
  const request = payoutRequestFor(event, provider?.address ?? '0x', token);
  await postEntries(
    manager,
    claim.claimId,
    payoutIdOf(claim.claimId),
    event.currency,
    owedEntries(insurerId, claim.providerId, event.totals.planPays),
  );
  if (!provider) {
    // Not dropped: the payout waits, owed in the ledger, until the provider is registered (then released).
    await insertPayout(manager, { ...request, payee: null }, 'awaiting_provider');
    return 'payout-awaiting-provider';
  }
  await insertPayout(manager, request, 'requested');
  await outbox.add(manager, Subjects.payoutRequested, request, causation);
  return 'priced';
}
