import { z } from 'zod';
import type { CreatePlanPayload } from '#libs/contracts';
import { procedureCode } from '#libs/contracts';
import { parseWith, type Checked, type FieldError } from '../rpc/field-errors.js';
import { displayName, entityId } from '../rpc/shapes.js';
import { CURRENCY_PATTERN } from '#libs/contracts';

const money = z
  .number()
  .int('must be a whole number of minor units')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');
const percent = z.number().int('must be a whole percentage').min(0, 'must be 0 to 100').max(100, 'must be 0 to 100');
const category = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const codes = z.array(procedureCode).max(10_000);

const planSchema = z.object({
  id: entityId,
  name: displayName,
  currency: z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code: 3 upper-case letters'),
  deductible: money,
  coinsurancePct: percent,
  outOfNetworkCoinsurancePct: percent,
  copays: z.record(category, money),
  oopMax: money,
  annualLimit: money,
  coveredCategories: z.array(category).max(100),
  coveredCodes: codes,
  excludedCodes: codes,
  preauthCodes: codes,
  // Ten years: a longer waiting period is a typo, not a plan.
  waitingPeriodDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(3650),
});

/** The shape of a plan: types, ranges, money as non-negative safe integers (API.md, Set-up). */
export function parsePlan(payload: unknown): Checked<CreatePlanPayload> {
  return parseWith(planSchema, payload);
}

/** What the procedure reference table knows, for checking a plan's codes and categories. */
export interface KnownProcedures {
  codes: ReadonlySet<string>;
  categories: ReadonlySet<string>;
}

/**
 * A plan may name only codes and categories of the procedure table: an unknown one is a typo that
 * would silently cover (or exclude) nothing.
 */
export function planReferenceErrors(plan: CreatePlanPayload, known: KnownProcedures): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of Object.keys(plan.copays)) {
    if (!known.categories.has(name)) errors.push({ field: `copays.${name}`, message: 'is not a procedure category' });
  }
  plan.coveredCategories.forEach((name, index) => {
    if (!known.categories.has(name)) {
      errors.push({ field: `coveredCategories[${index}]`, message: 'is not a procedure category' });
    }
  });
  for (const list of ['coveredCodes', 'excludedCodes', 'preauthCodes'] as const) {
    plan[list].forEach((code, index) => {
      if (!known.codes.has(code))
        errors.push({ field: `${list}[${index}]`, message: `${code} is not a known procedure code` });
    });
  }
  return errors;
}

/** Every code and category a plan names, to look up in the procedure table. */
export function codesNamedBy(plan: CreatePlanPayload): string[] {
  return [...new Set([...plan.coveredCodes, ...plan.excludedCodes, ...plan.preauthCodes])];
}
