import type { EntityManager } from 'typeorm';
import {
  Subjects,
  type Causation,
  type CreateProviderPayload,
  type PayoutRequested,
  type ProviderView,
} from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import { releaseAwaitingPayouts } from '../payouts/payout-store.js';
import { insertProvider, type ProviderTaken } from './provider-store.js';

/**
 * Registers the provider and announces it; payouts of its claims priced before it was registered
 * (owed, waiting for a payee) are requested now, in the same transaction. When its id or NPI is
 * taken, says which.
 */
export async function registerProvider(
  manager: EntityManager,
  outbox: Outbox,
  input: CreateProviderPayload,
  causation: Causation,
): Promise<ProviderView | ProviderTaken> {
  const provider = await insertProvider(manager, input);
  if (typeof provider === 'string') return provider;
  await outbox.add(
    manager,
    Subjects.providerRegistered,
    { providerId: provider.id, name: provider.name, address: provider.address },
    causation,
  );
  for (const payout of await releaseAwaitingPayouts(manager, provider.id, provider.address)) {
    const request: PayoutRequested = {
      payoutId: payout.payoutId,
      claimId: payout.claimId,
      insurerId: payout.insurerId,
      providerId: payout.providerId,
      payee: provider.address,
      currency: payout.currency,
      amount: payout.amount,
      tokenAmount: payout.tokenAmount,
      token: payout.token,
    };
    await outbox.add(manager, Subjects.payoutRequested, request, causation);
  }
  return provider;
}
