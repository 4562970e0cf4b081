import type { Bundle, Claim, ClaimItem, CodeableConcept, Extension, Identifier, Resource } from '@medplum/fhirtypes';
import { ID_PATTERN, isRealDate, isValidNpi, MAX_LINE_UNITS, PROCEDURE_CODE_PATTERN } from '#libs/contracts';
import { SYSTEMS } from './fhir-systems.js';
import { malformed, unprocessable, type FhirIssue, type FhirRefusal } from './operation-outcome.js';

/** How a GFE names its provider: by an NPI registered with a provider, or by the platform's own id. */
export type ProviderIdentity =
  { kind: 'npi'; npi: string; expression: string } | { kind: 'id'; providerId: string; expression: string };

/** One planned service of a GFE, its money still as FHIR wrote it (the plan's currency decides its digits). */
export interface GfeLine {
  code: string;
  units: number;
  modifiers: string[];
  /** `item.net` (or `unitPrice` × `quantity`): the decimal and the currency it states, if any. */
  charge: { value: number; currency: string | undefined; expression: string; times: number };
}

/** What pricing needs from a Da Vinci PCT GFE Bundle, read by `readGfeBundle`. */
export interface GfeRequest {
  /** The GFE Claim, for the AEOB's `claim` reference: the entry's fullUrl, else `Claim/{id}`. */
  claimReference: string;
  claimType: CodeableConcept | undefined;
  memberId: string;
  provider: ProviderIdentity;
  plannedDate: string;
  lines: GfeLine[];
  /** What the facade read but does not use, said back in the AEOB (e.g. a modifier that is not one). */
  notes: string[];
}

const MAX_LINES = 50;

/**
 * Reads a GFE Bundle (type `collection`: a Claim with `use = predetermination` and the resources it
 * references): the member from the focal Coverage's `subscriberId`, the provider from its NPI (or
 * `urn:healthclaims:provider` identifier), the planned date, and the lines from the CPT-coded items.
 * Anything missing or malformed is a refusal naming the element; `today` bounds the planned date as
 * `POST /v1/estimates` does (an estimate is for care not yet given).
 */
export function readGfeBundle(body: unknown, today: string): GfeRequest | FhirRefusal {
  if (!isObject(body) || body.resourceType !== 'Bundle') return malformed('Bundle', 'must be a FHIR Bundle');
  const bundle = body as unknown as Bundle;
  if (bundle.type !== 'collection') return malformed('Bundle.type', 'must be collection (a GFE Bundle)');
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  const claims = entries.filter((entry) => entry?.resource?.resourceType === 'Claim');
  if (claims.length !== 1) return malformed('Bundle.entry', 'must hold exactly one Claim (the GFE)');
  const [claimEntry] = claims;
  const claim = claimEntry.resource as Claim;
  if (claim.use !== 'predetermination') return malformed('Claim.use', 'must be predetermination (a GFE)');
  const resolve = referenceResolver(entries.map((entry) => ({ fullUrl: entry.fullUrl, resource: entry.resource })));

  const member = memberOf(claim, resolve);
  if (typeof member !== 'string') return member;
  const provider = providerOf(claim, resolve);
  if ('status' in provider) return provider;
  const items = Array.isArray(claim.item) ? claim.item : [];
  if (items.length === 0) return malformed('Claim.item', 'must list at least one planned service');
  if (items.length > MAX_LINES) return malformed('Claim.item', `must list at most ${MAX_LINES} services`);

  const issues: FhirIssue[] = [];
  const notes: string[] = [];
  const lines: GfeLine[] = [];
  items.forEach((item, index) => {
    const line = lineOf(item, `Claim.item[${index}]`, notes);
    if ('issues' in line) issues.push(...line.issues);
    else lines.push(line);
  });
  const plannedDate = plannedDateOf(
    claim,
    items,
    (date) => (date < today ? 'must be today or later: an estimate is for planned care' : null),
    issues,
  );
  if (issues.length > 0 || plannedDate === undefined) return { status: 400, issues };
  return {
    claimReference: claimEntry.fullUrl ?? `Claim/${claim.id ?? ''}`,
    claimType: claim.type,
    memberId: member,
    provider,
    plannedDate,
    lines,
    notes,
  };
}

export type Resolve = (reference: string | undefined) => { resource: Resource; index: number } | undefined;

/** Finds a referenced resource in the Bundle by fullUrl, by `Type/id`, or by a fullUrl ending in `/Type/id`. */
export function referenceResolver(entries: { fullUrl?: string; resource?: Resource }[]): Resolve {
  return (reference) => {
    if (!reference) return undefined;
    const index = entries.findIndex(({ fullUrl, resource }) => {
      if (!resource) return false;
      const local = `${resource.resourceType}/${resource.id ?? ''}`;
      return fullUrl === reference || local === reference || (fullUrl?.endsWith(`/${reference}`) ?? false);
    });
    return index < 0 ? undefined : { resource: entries[index].resource as Resource, index };
  };
}

/** The member: `Coverage.subscriberId` of the focal insurance (the platform's member id). */
export function memberOf(claim: Claim, resolve: Resolve): string | FhirRefusal {
  const insurance = Array.isArray(claim.insurance) ? claim.insurance : [];
  const focal = insurance.findIndex((entry) => entry?.focal === true);
  const at = focal < 0 ? 0 : focal;
  const coverageReference = insurance[at]?.coverage;
  if (!coverageReference) return malformed(`Claim.insurance[${at}].coverage`, 'must reference the member’s Coverage');
  const coverage = resolve(coverageReference.reference)?.resource;
  const subscriberId =
    coverage?.resourceType === 'Coverage' ? coverage.subscriberId : coverageReference.identifier?.value;
  if (coverage === undefined && coverageReference.identifier === undefined) {
    return malformed(`Claim.insurance[${at}].coverage`, 'must reference a Coverage in the Bundle');
  }
  if (typeof subscriberId !== 'string' || subscriberId.length === 0) {
    return malformed('Coverage.subscriberId', 'must be the member id');
  }
  // An id the platform could never have issued names no member.
  if (!ID_PATTERN.test(subscriberId)) return unprocessable('Coverage.subscriberId', 'names no member');
  return subscriberId;
}

/**
 * The provider: `Claim.provider` as a Practitioner, Organization or PractitionerRole in the Bundle (a
 * role by its practitioner, then its organization), or a logical reference, carrying an NPI or the
 * platform's provider id. An NPI that fails its check digit is refused as `POST /v1/providers` refuses it.
 */
export function providerOf(claim: Claim, resolve: Resolve): ProviderIdentity | FhirRefusal {
  const reference = claim.provider;
  if (!reference) return malformed('Claim.provider', 'must reference the provider');
  const candidates: { identifiers: Identifier[]; path: string }[] = [];
  if (reference.identifier) candidates.push({ identifiers: [reference.identifier], path: 'Claim.provider.identifier' });
  const target = resolve(reference.reference)?.resource;
  const add = (resource: Resource | undefined) => {
    if (resource && (resource.resourceType === 'Practitioner' || resource.resourceType === 'Organization')) {
      candidates.push({ identifiers: resource.identifier ?? [], path: `${resource.resourceType}.identifier` });
    }
  };
  if (target?.resourceType === 'PractitionerRole') {
    add(resolve(target.practitioner?.reference)?.resource);
    add(resolve(target.organization?.reference)?.resource);
  } else {
    add(target);
  }
  for (const { identifiers, path } of candidates) {
    for (const [index, identifier] of identifiers.entries()) {
      const expression =
        path.endsWith('.identifier') && identifiers.length === 1 && path.startsWith('Claim')
          ? `${path}.value`
          : `${path}[${index}].value`;
      if (identifier?.system === SYSTEMS.npi && typeof identifier.value === 'string') {
        if (!isValidNpi(identifier.value)) {
          return malformed(expression, `${identifier.value} is not a valid NPI (its check digit is wrong)`);
        }
        return { kind: 'npi', npi: identifier.value, expression };
      }
      if (identifier?.system === SYSTEMS.provider && typeof identifier.value === 'string') {
        return { kind: 'id', providerId: identifier.value, expression };
      }
    }
  }
  return unprocessable('Claim.provider', `names no provider by an NPI (${SYSTEMS.npi}) or ${SYSTEMS.provider} id`);
}

export function lineOf(item: ClaimItem, path: string, notes: string[]): GfeLine | { issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const coding = item.productOrService?.coding?.find((candidate) => candidate?.system === SYSTEMS.cpt);
  const code = coding?.code;
  if (typeof code !== 'string' || !PROCEDURE_CODE_PATTERN.test(code)) {
    issues.push({
      expression: `${path}.productOrService`,
      message: `must carry a CPT code of 5 letters or digits (system ${SYSTEMS.cpt})`,
      code: 'invalid',
    });
  }
  const quantity = item.quantity?.value ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_UNITS) {
    issues.push({
      expression: `${path}.quantity.value`,
      message: `must be a whole number of units from 1 to ${MAX_LINE_UNITS}`,
      code: 'invalid',
    });
  }
  const money = item.net ?? item.unitPrice;
  const moneyPath = item.net ? `${path}.net` : `${path}.unitPrice`;
  if (money?.value === undefined) {
    issues.push({ expression: `${path}.net`, message: 'must state the planned charge', code: 'invalid' });
  } else if (typeof money.value !== 'number' || money.value < 0) {
    issues.push({ expression: `${moneyPath}.value`, message: 'must be a non-negative decimal', code: 'invalid' });
  }
  const modifiers: string[] = [];
  (item.modifier ?? []).forEach((modifier, index) => {
    const value = modifier?.coding?.[0]?.code;
    // CPT modifiers are two characters (59, XS, 25); anything else (the PCT examples put a CPT code
    // here) changes no price, so it is said back rather than refused or silently dropped.
    if (typeof value === 'string' && /^[A-Z0-9]{2}$/.test(value)) modifiers.push(value);
    else
      notes.push(`${path}.modifier[${index}] (${String(value)}) is not a two-character CPT modifier and was not used`);
  });
  if (modifiers.length > 4) {
    issues.push({ expression: `${path}.modifier`, message: 'must carry at most 4 modifiers', code: 'invalid' });
  }
  if (issues.length > 0) return { issues };
  return {
    code: code as string,
    units: quantity,
    modifiers,
    charge: {
      value: money?.value as number,
      currency: money?.currency,
      expression: moneyPath,
      times: item.net ? 1 : quantity,
    },
  };
}

const PLANNED_DATE_EXTENSIONS = ['plannedPeriodOfService', 'estimatedDateOfService'];

/**
 * One planned date for all the lines (an estimate has one): each item's `servicedDate` (or period start,
 * or PCT `estimatedDateOfService`), else the Claim's PCT planned period of service, else `billablePeriod`.
 */
export function plannedDateOf(
  claim: Claim,
  items: ClaimItem[],
  tooEarlyOrLate: (date: string) => string | null,
  issues: FhirIssue[],
): string | undefined {
  const claimDate = extensionDate(claim.extension) ?? claim.billablePeriod?.start?.slice(0, 10);
  let planned: string | undefined;
  for (const [index, item] of items.entries()) {
    const date =
      item.servicedDate ?? item.servicedPeriod?.start?.slice(0, 10) ?? extensionDate(item.extension) ?? claimDate;
    const expression = `Claim.item[${index}].servicedDate`;
    if (date === undefined || !isRealDate(date)) {
      issues.push({ expression, message: 'must give the planned date of service (YYYY-MM-DD)', code: 'invalid' });
      return undefined;
    }
    const wrong = tooEarlyOrLate(date);
    if (wrong !== null) {
      issues.push({ expression, message: wrong, code: 'invalid' });
      return undefined;
    }
    if (planned !== undefined && date !== planned) {
      issues.push({ expression, message: 'must be the same planned date for every item', code: 'invalid' });
      return undefined;
    }
    planned = date;
  }
  return planned;
}

/** A `valueDate` of a PCT planned-date extension, at this level or one level down (GFEServiceLinkingInfo). */
function extensionDate(extensions: Extension[] | undefined): string | undefined {
  for (const extension of extensions ?? []) {
    if (PLANNED_DATE_EXTENSIONS.some((name) => extension?.url?.endsWith(name)) && extension.valueDate) {
      return extension.valueDate;
    }
    const nested = extensionDate(extension?.extension);
    if (nested) return nested;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
