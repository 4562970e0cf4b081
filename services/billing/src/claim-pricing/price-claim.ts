import type { Benefits as PlanBenefits, ClaimDecided, ClaimPriced, NetworkStatus } from '#libs/contracts';
import { priceLines, type Accumulators, type LineToPrice, type PricingResult } from '../pricing/price-lines.js';

export interface ClaimPricingFacts {
  claim: ClaimDecided;
  insurerId: string;
  currency: string;
  benefits: PlanBenefits;
  network: NetworkStatus;
  fees: ReadonlyMap<string, number>;
  accumulators: Accumulators;
}

export interface ClaimPricing {
  event: ClaimPriced;
  /** What the member's accumulators become (the caller stores them under the row lock). */
  accumulators: Accumulators;
}

/**
 * Prices an approved claim's lines with the one pricing function estimates use, so the same lines on
 * the same accumulators price identically. Lines the saga denied price to zero with their reason.
 */
export function priceClaim(facts: ClaimPricingFacts): ClaimPricing {
  const result: PricingResult = priceLines({
    benefits: facts.benefits,
    network: facts.network,
    fees: facts.fees,
    accumulators: facts.accumulators,
    lines: facts.claim.lines.map(toLineToPrice),
  });
  const { claim } = facts;
  return {
    accumulators: result.accumulators,
    event: {
      claimId: claim.claimId,
      memberId: claim.memberId,
      providerId: claim.providerId,
      insurerId: facts.insurerId,
      currency: facts.currency,
      network: facts.network,
      lines: result.lines.map((line, position) => ({
        index: claim.lines[position].index,
        code: line.code,
        units: line.units,
        charge: line.charge,
        status: line.status === 'covered' ? 'approved' : 'denied',
        reason: line.reason ?? null,
        allowed: line.allowed,
        deductible: line.deductible,
        copay: line.copay,
        coinsurance: line.coinsurance,
        planPays: line.planPays,
        patientPays: line.patientPays,
        balanceBill: line.balanceBill,
        providerWriteOff: line.providerWriteOff,
      })),
      totals: result.totals,
    },
  };
}

function toLineToPrice(line: ClaimDecided['lines'][number]): LineToPrice {
  return {
    code: line.code,
    // No category means no copay applies (an unknown code is denied anyway).
    category: line.category ?? '',
    units: line.units,
    charge: line.charge,
    coverage:
      line.status === 'approved' ? { status: 'covered' } : { status: 'denied', reason: line.reason ?? 'DENIED' },
  };
}

/** The plan year of a service date (DOMAIN.md: the calendar year). */
export function planYearOf(date: string): number {
  return Number(date.slice(0, 4));
}
