import { randomUUID } from 'node:crypto';
import type { CreatePlanPayload } from '#libs/contracts';

/**
 * A valid plan request body (API.md, Set-up; `rpc.underwriting.plans.create`): deductible 500.00, 20 %
 * coinsurance (40 % out of network), a 25.00 office-visit copay, out-of-pocket maximum 4,000.00, no annual
 * limit; office visits, labs, diagnostics and therapy covered, 71046 covered by code, 99205 excluded, 80053
 * needing pre-authorisation. A fresh id unless overridden.
 */
export function aPlanRequest(overrides: Partial<CreatePlanPayload> = {}): CreatePlanPayload {
  return {
    id: `PLAN-${randomUUID().slice(0, 8)}`,
    name: 'Gold',
    currency: 'USD',
    deductible: 50_000,
    coinsurancePct: 20,
    outOfNetworkCoinsurancePct: 40,
    copays: { office_visit: 2_500 },
    oopMax: 400_000,
    annualLimit: 0,
    coveredCategories: ['office_visit', 'lab', 'diagnostic', 'therapy'],
    coveredCodes: ['71046'],
    excludedCodes: ['99205'],
    preauthCodes: ['80053'],
    waitingPeriodDays: 0,
    ...overrides,
  };
}
