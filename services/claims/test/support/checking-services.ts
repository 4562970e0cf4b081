import { Subjects, type CheckName, type ClaimSubmitted, type CoverageDecided } from '#libs/contracts';
import type { BusMessage } from '#libs/test-bed';
import type { ClaimsTestBed } from './claims-test-bed.js';

/** The happy answer of each check for a claim: every line covered, no fraud, records and consent verified. */
export function passingAnswer(
  check: CheckName,
  claim: ClaimSubmitted,
  held = false,
): { subject: string; data: unknown } {
  switch (check) {
    case 'coverage': {
      const data: CoverageDecided = {
        claimId: claim.claimId,
        insurerId: 'INS-1',
        currency: 'USD',
        planId: 'PLAN-1',
        lines: claim.lines.map((line, index) => ({
          index,
          code: line.code,
          category: 'office_visit',
          status: 'covered',
          reason: null,
        })),
      };
      return { subject: Subjects.coverageDecided, data };
    }
    case 'fraud':
      return {
        subject: Subjects.screeningCompleted,
        data: { claimId: claim.claimId, score: held ? 80 : 5, held, flagId: held ? `F-${claim.claimId}` : null },
      };
    case 'ledger':
      return { subject: Subjects.recordsVerified, data: { claimId: claim.claimId, verified: true, reason: null } };
  }
}

export const ALL_CHECKS: CheckName[] = ['coverage', 'fraud', 'ledger'];

/**
 * Plays the three checking services on the bus. `answerSubmitted` false drops the first ask (the
 * submitted event) as if it were lost, so only the saga's re-ask (`claims.check.requested.v1`) is
 * answered; `times` answers each ask more than once, as a redelivering broker would; fraud screening
 * holds the claims of the members listed in `holdMembers`.
 */
export function playCheckingServices(
  bed: ClaimsTestBed,
  { answerSubmitted = true, times = 1, holdMembers = [] as string[] } = {},
): BusMessage[] {
  const dropped: BusMessage[] = [];
  const answer = async (check: CheckName, claim: ClaimSubmitted) => {
    const { subject, data } = passingAnswer(check, claim, holdMembers.includes(claim.memberId));
    for (let i = 0; i < times; i++) await bed.publish(subject, data);
  };
  bed.onEvent((message) => {
    if (message.subject === Subjects.claimSubmitted) {
      if (!answerSubmitted) return void dropped.push(message);
      for (const check of ALL_CHECKS) void answer(check, message.envelope.data as ClaimSubmitted);
    }
    if (message.subject === Subjects.checkRequested) {
      const { check, claim } = message.envelope.data as { check: CheckName; claim: ClaimSubmitted };
      void answer(check, claim);
    }
  });
  return dropped;
}
