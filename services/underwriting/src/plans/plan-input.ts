import { createPlanPayload, type CreatePlanPayload } from '#libs/contracts';
import { parseWith, type Checked, type FieldError } from '#libs/rpc';

/** The shape of a plan: types, ranges, money as non-negative safe integers (API.md, Set-up). */
export function parsePlan(payload: unknown): Checked<CreatePlanPayload> {
  return parseWith(createPlanPayload, payload);
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
