import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type ClaimSubmitted } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import type { PhiCipher } from '#libs/phi';
import { findMemberPolicy } from '../members/member-policy.js';
import { pairsInForce } from '../reference-data/ncci-table.js';
import { proceduresByCode } from '../reference-data/procedure-table.js';
import { coverageDecided } from './coverage-decision.js';
import { earlierBilledLines, lockMemberProviderDay, storeDecision, storedDecision } from './coverage-store.js';
import { decideCoverage } from './decide-coverage.js';
import type { PreauthorizationSource } from './preauthorization-source.js';

export type CoverageOutcome = 'decided' | 'republished';

/**
 * The coverage check of one claim, inside the consumer's transaction: gather the facts, decide
 * (the pure `decideCoverage`), store the decision with its lines and publish it. A claim decided
 * before is not decided again: its stored decision is published once more (new envelope, same
 * data), since the saga only asks again when it did not hear the answer.
 */
export async function decideClaimCoverage(
  manager: EntityManager,
  outbox: Outbox,
  claim: ClaimSubmitted,
  causation: Causation,
  preauthorizations: PreauthorizationSource,
  cipher: PhiCipher,
): Promise<CoverageOutcome> {
  await lockMemberProviderDay(manager, claim);
  const stored = await storedDecision(manager, claim.claimId);
  if (stored) {
    await outbox.add(manager, Subjects.coverageDecided, stored, causation);
    return 'republished';
  }

  const codes = claim.lines.map((line) => line.code);
  // One after another: they share the transaction's single connection anyway.
  const found = await findMemberPolicy(manager, cipher, claim.memberId);
  const procedures = await proceduresByCode(manager, codes);
  const ncciPairs = await pairsInForce(manager, codes, claim.serviceDate);
  const earlierLines = await earlierBilledLines(manager, claim);
  const preauthorization = await preauthorizations.forClaim(manager, claim);
  const verdicts = decideCoverage({
    memberId: claim.memberId,
    providerId: claim.providerId,
    serviceDate: claim.serviceDate,
    policy: found?.policy ?? null,
    procedures,
    ncciPairs,
    earlierLines,
    preauthorization,
    lines: claim.lines,
  });
  const coverer = found && { insurerId: found.member.insurerId, planId: found.plan.id, currency: found.plan.currency };
  const decision = coverageDecided(claim, verdicts, procedures, coverer);
  await storeDecision(manager, claim, decision);
  await outbox.add(manager, Subjects.coverageDecided, decision, causation);
  return 'decided';
}
