import type { EstimateRequestPayload } from '#libs/contracts';
import type { GfeRequest } from './gfe-bundle.js';
import { MONEY_REFUSALS, minorUnitsOf } from './money.js';
import type { FhirIssue, FhirRefusal } from './operation-outcome.js';

/**
 * The `POST /v1/estimates` request a GFE stands for, once the member's plan currency is known: every
 * charge must be in that currency (FHIR Money without a currency is read in it) and have no more
 * decimals than it has minor units. A charge given as `unitPrice` is multiplied by the units in
 * integers, after conversion.
 */
export function estimateRequestOf(
  gfe: GfeRequest,
  providerId: string,
  planCurrency: string,
): EstimateRequestPayload | FhirRefusal {
  const issues: FhirIssue[] = [];
  const lines: EstimateRequestPayload['lines'] = [];
  for (const line of gfe.lines) {
    const { value, currency, expression, times } = line.charge;
    if (currency !== undefined && currency !== planCurrency) {
      issues.push({
        expression: `${expression}.currency`,
        message: `must be the plan’s currency ${planCurrency}, not ${currency}`,
        code: 'business-rule',
      });
      continue;
    }
    const minor = minorUnitsOf(value, planCurrency);
    if (typeof minor === 'string') {
      issues.push({ expression: `${expression}.value`, message: MONEY_REFUSALS[minor](planCurrency), code: 'invalid' });
      continue;
    }
    lines.push({ code: line.code, units: line.units, charge: minor * times, modifiers: line.modifiers });
  }
  if (issues.length > 0) {
    return { status: issues.some((issue) => issue.code === 'invalid') ? 400 : 422, issues };
  }
  return { memberId: gfe.memberId, providerId, plannedDate: gfe.plannedDate, preauthorization: false, lines };
}
