import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type ClaimSubmitted, type ScreeningCompleted } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import type { PhiCipher } from '#libs/phi';
import { screenClaim } from '../rules/screen-claim.js';
import { gatherFraudFacts, memberInsurer } from './fraud-facts-store.js';
import { lockProviderDay, storedScreening, storeScreenedClaim, storeScreening } from './screening-store.js';

export interface ScreeningSettings {
  holdThreshold: number;
  typicalMinutes: ReadonlyMap<string, number>;
}

/**
 * Screens a claim once and answers with `fraud.screening.completed.v1` in the same transaction. A
 * claim screened before (a re-ask on deadline, a second copy of the submission) is answered with
 * the stored result: one screening and at most one flag per claim, ever.
 */
export async function screenSubmittedClaim(
  manager: EntityManager,
  outbox: Outbox,
  claim: ClaimSubmitted,
  causation: Causation,
  settings: ScreeningSettings,
  cipher: PhiCipher,
): Promise<ScreeningCompleted> {
  await lockProviderDay(manager, claim);
  const stored = await storedScreening(manager, claim.claimId);
  if (stored) {
    await outbox.add(manager, Subjects.screeningCompleted, stored, causation);
    return stored;
  }
  const insurerId = claim.insurerId ?? (await memberInsurer(manager, claim.memberId));
  const facts = await gatherFraudFacts(manager, cipher, claim, insurerId, settings.typicalMinutes);
  const screening = screenClaim(facts, settings.holdThreshold);
  const flagId = screening.flagged ? randomUUID() : null;
  await storeScreenedClaim(manager, claim, insurerId);
  await storeScreening(manager, cipher, claim.claimId, insurerId, screening, flagId);
  const result: ScreeningCompleted = { claimId: claim.claimId, score: screening.score, held: screening.held, flagId };
  await outbox.add(manager, Subjects.screeningCompleted, result, causation);
  return result;
}
