import type { EntityManager } from 'typeorm';
import type { CoveragePreviewView, EstimateRequestPayload } from '#libs/contracts';
import type { MemberPolicy } from '../members/member-policy.js';
import { pairsInForce } from '../reference-data/ncci-table.js';
import { proceduresByCode } from '../reference-data/procedure-table.js';
import type { Preauthorization } from './coverage-facts.js';
import { earlierBilledLines } from './coverage-store.js';
import { decideCoverage } from './decide-coverage.js';

/** No claim has this id: the preview counts every earlier billed claim of the day. */
const NO_CLAIM = '00000000-0000-0000-0000-000000000000';

/**
 * The coverage decision for planned lines, as a claim on the planned date would get it, and nothing
 * stored (an estimate reserves nothing). When the clinic asks for pre-authorisation, the preauth
 * codes are decided as if authorised, so a preauth code that comes out covered is the one to approve;
 * without it they are PREAUTH_REQUIRED, as a claim citing no estimate would be.
 */
export async function previewCoverage(
  manager: EntityManager,
  found: MemberPolicy,
  request: EstimateRequestPayload,
): Promise<CoveragePreviewView> {
  const lines = request.lines.map((line) => ({ code: line.code, units: line.units, modifiers: line.modifiers ?? [] }));
  const codes = lines.map((line) => line.code);
  const procedures = await proceduresByCode(manager, codes);
  const ncciPairs = await pairsInForce(manager, codes, request.plannedDate);
  const earlierLines = await earlierBilledLines(manager, {
    claimId: NO_CLAIM,
    memberId: request.memberId,
    providerId: request.providerId,
    insurerId: null,
    serviceDate: request.plannedDate,
    diagnosisCodes: [],
    lines: [],
    records: [],
    estimateId: null,
    submittedAt: new Date().toISOString(),
  });
  const preauthorization: Preauthorization | null = request.preauthorization
    ? {
        memberId: request.memberId,
        providerId: request.providerId,
        approvedCodes: found.plan.preauthCodes,
        validFrom: request.plannedDate,
        validUntil: request.plannedDate,
      }
    : null;
  const verdicts = decideCoverage({
    memberId: request.memberId,
    providerId: request.providerId,
    serviceDate: request.plannedDate,
    policy: found.policy,
    procedures,
    ncciPairs,
    earlierLines,
    preauthorization,
    lines,
  });
  return {
    memberId: request.memberId,
    insurerId: found.member.insurerId,
    planId: found.plan.id,
    currency: found.plan.currency,
    lines: lines.map((line, index) => {
      const verdict = verdicts[index];
      return {
        code: line.code,
        status: verdict.status,
        reason: verdict.status === 'denied' ? verdict.reason : null,
        category: procedures.get(line.code)?.category ?? null,
        preauthCode: found.plan.preauthCodes.includes(line.code),
      };
    }),
  };
}
