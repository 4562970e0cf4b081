import type { CoveragePreviewView, EstimateRequestPayload } from '#libs/contracts';
import type { MemberPolicy } from '../members/member-policy.js';
import type { Preauthorization } from './coverage-facts.js';
import { decideCoverage } from './decide-coverage.js';
import type { PreviewFacts } from './preview-facts.js';

/**
 * The coverage decision for planned lines, as a claim on the planned date would get it, and nothing
 * stored (an estimate reserves nothing). When the clinic asks for pre-authorisation, the preauth
 * codes are decided as if authorised, so a preauth code that comes out covered is the one to approve;
 * without it they are PREAUTH_REQUIRED, as a claim citing no estimate would be. `facts` holds every
 * earlier billed claim of the day (an estimate is no claim, so none is left out).
 */
export function previewCoverage(
  found: MemberPolicy,
  request: EstimateRequestPayload,
  { procedures, ncciPairs, earlierLines }: PreviewFacts,
): CoveragePreviewView {
  const lines = request.lines.map((line) => ({ code: line.code, units: line.units, modifiers: line.modifiers ?? [] }));
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
