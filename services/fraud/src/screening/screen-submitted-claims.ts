import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type ClaimSubmitted, type ScreeningCompleted } from '#libs/contracts';
import type { Outbox, PreparedOutboxRow } from '#libs/messaging';
import type { PhiCipher } from '#libs/phi';
import { screenClaim } from '../rules/screen-claim.js';
import { gatherBatchFacts } from './fraud-facts-store.js';
import { lockProviderDays, storeScreenings, type NewScreening } from './screening-store.js';

export interface ScreeningSettings {
  holdThreshold: number;
  typicalMinutes: ReadonlyMap<string, number>;
}

/** A claim to screen, and what its answer is caused by and traced under. */
export interface ScreeningRequest {
  claim: ClaimSubmitted;
  causation: Causation;
  /** Runs `fn` in the trace of the message that asked (its answer continues that trace). */
  traced: <R>(fn: () => R) => R;
}

/**
 * Screens the claims of a batch, each once, and answers every request with `fraud.screening.completed.v1`
 * in the same transaction. A claim screened before (a re-ask on deadline, a second copy of the submission,
 * also within the batch) is answered with the stored result: one screening and at most one flag per claim,
 * ever. Three statements for the whole batch, however many claims: lock the provider days, read every
 * fact, store every result.
 */
export async function screenSubmittedClaims(
  manager: EntityManager,
  outbox: Outbox,
  requests: readonly ScreeningRequest[],
  settings: ScreeningSettings,
  cipher: PhiCipher,
): Promise<ScreeningCompleted[]> {
  if (!requests.length) return [];
  const claims = requests.map((request) => request.claim);
  await lockProviderDays(manager, claims);
  const facts = await gatherBatchFacts(manager, cipher, claims, settings.typicalMinutes);
  const screened: NewScreening[] = [];
  const results = new Map<string, ScreeningCompleted>();
  for (const [index, each] of facts.entries()) {
    const { claimId } = claims[index];
    if (each.kind === 'screened') results.set(claimId, each.result);
    if (each.kind !== 'fresh') continue;
    const screening = screenClaim(each.facts, settings.holdThreshold);
    const flagId = screening.flagged ? randomUUID() : null;
    screened.push({ claim: claims[index], insurerId: each.insurerId, screening, flagId });
    results.set(claimId, { claimId, score: screening.score, held: screening.held, flagId });
  }
  const answers = requests.map(({ claim }) => answerOf(results, claim.claimId));
  const rows: PreparedOutboxRow<ScreeningCompleted>[] = requests.map(({ causation, traced }, index) =>
    traced(() => outbox.prepare(Subjects.screeningCompleted, answers[index], causation)),
  );
  await storeScreenings(manager, cipher, screened, rows);
  return answers;
}

function answerOf(results: ReadonlyMap<string, ScreeningCompleted>, claimId: string): ScreeningCompleted {
  const result = results.get(claimId);
  // A copy is answered with its first copy's result, which the batch has just screened.
  if (!result) throw new Error(`claim ${claimId} of the batch was neither screened before nor now`);
  return result;
}
