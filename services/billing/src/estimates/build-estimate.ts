import type {
  Benefits as PlanBenefits,
  CoveragePreviewView,
  EstimateCreated,
  EstimateRequestPayload,
  EstimateView,
  NetworkStatus,
  PreauthOutcome,
} from '#libs/contracts';
import { priceLines, type Accumulators } from '../pricing/price-lines.js';

export interface EstimateFacts {
  id: string;
  createdAt: Date;
  validityDays: number;
  request: EstimateRequestPayload;
  coverage: CoveragePreviewView;
  benefits: PlanBenefits;
  network: NetworkStatus;
  fees: ReadonlyMap<string, number>;
  /** The member's accumulators now: the estimate prices on them and reserves nothing. */
  accumulators: Accumulators;
}

/**
 * An estimate: underwriting's verdicts priced by the same function claims use, on the member's
 * current accumulators, valid `validityDays` from today. With pre-authorisation asked, each preauth
 * code is approved when its line is covered and eligible (the preview decided it as if authorised).
 */
export function buildEstimate(facts: EstimateFacts): EstimateView {
  const { request, coverage, benefits, accumulators } = facts;
  const priced = priceLines({
    benefits,
    network: facts.network,
    fees: facts.fees,
    accumulators,
    lines: request.lines.map((line, index) => {
      const verdict = coverage.lines[index];
      return {
        code: line.code,
        category: verdict.category ?? '',
        units: line.units,
        charge: line.charge,
        coverage:
          verdict.status === 'covered'
            ? { status: 'covered' }
            : { status: 'denied', reason: verdict.reason ?? 'NOT_COVERED' },
      };
    }),
  });
  const createdDay = facts.createdAt.toISOString().slice(0, 10);
  return {
    id: facts.id,
    memberId: request.memberId,
    providerId: request.providerId,
    plannedDate: request.plannedDate,
    currency: coverage.currency,
    validUntil: addDays(createdDay, facts.validityDays),
    network: facts.network,
    lines: priced.lines.map((line, index) => {
      const preauth = preauthOutcome(request.preauthorization === true, coverage.lines[index]);
      const { reason, ...rest } = line;
      return { ...rest, ...(reason === undefined ? {} : { reason }), ...(preauth ? { preauth } : {}) };
    }),
    totals: priced.totals,
    accumulators: {
      year: Number(request.plannedDate.slice(0, 4)),
      deductibleRemaining: Math.max(0, benefits.deductible - accumulators.deductibleMet),
      oopRemaining: Math.max(0, benefits.oopMax - accumulators.oopMet),
    },
    createdAt: facts.createdAt.toISOString(),
  };
}

function preauthOutcome(asked: boolean, verdict: CoveragePreviewView['lines'][number]): PreauthOutcome | undefined {
  if (!asked) return undefined;
  if (!verdict.preauthCode) return 'not_required';
  return verdict.status === 'covered' ? 'approved' : 'denied';
}

/** `billing.estimate.created.v1`: what underwriting (pre-authorisations) and fraud need; no names. */
export function estimateCreatedEvent(
  estimate: EstimateView,
  insurerId: string,
  preauthorization: boolean,
): EstimateCreated {
  return {
    estimateId: estimate.id,
    memberId: estimate.memberId,
    providerId: estimate.providerId,
    insurerId,
    plannedDate: estimate.plannedDate,
    createdAt: estimate.createdAt,
    validUntil: estimate.validUntil,
    preauthorization,
    totalCharge: estimate.totals.charge,
    lines: estimate.lines.map((line) => ({
      code: line.code,
      units: line.units,
      charge: line.charge,
      preauth: line.preauth ?? null,
    })),
  };
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
