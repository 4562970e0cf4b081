import type { Claim, Resource } from '@medplum/fhirtypes';
import type { GfeLine, ProviderIdentity } from './gfe-bundle.js';
import { lineOf, memberOf, plannedDateOf, providerOf, referenceResolver } from './gfe-bundle.js';
import { malformed, type FhirIssue, type FhirRefusal } from './operation-outcome.js';

/** What `POST /v1/claims` needs from a FHIR Claim with `use = claim`, its money still as FHIR wrote it. */
export interface SubmittedClaim {
  memberId: string;
  provider: ProviderIdentity;
  serviceDate: string;
  diagnosisCodes: string[];
  lines: GfeLine[];
  notes: string[];
}

const MAX_LINES = 1000;

/**
 * Reads a Claim (`use = claim`) as `POST /v1/claims` takes it: the member from the focal insurance's
 * Coverage (`Coverage/{memberId}`, as the facade serves it, or a contained Coverage's `subscriberId`),
 * the provider as for a GFE (an NPI or the platform's id, on `Claim.provider` or a contained resource),
 * one service date not after `latest` (care already given), ICD-10 diagnosis codes and CPT lines.
 */
export function readSubmittedClaim(body: unknown, latest: string): SubmittedClaim | FhirRefusal {
  if (typeof body !== 'object' || body === null || (body as { resourceType?: unknown }).resourceType !== 'Claim') {
    return malformed('Claim', 'must be a FHIR Claim');
  }
  const claim = body as Claim;
  if (claim.use !== 'claim') return malformed('Claim.use', 'must be claim (a GFE goes to Claim/$gfe-submit)');
  const contained: Resource[] = Array.isArray(claim.contained) ? claim.contained : [];
  const inContained = referenceResolver(contained.map((resource) => ({ fullUrl: `#${resource.id ?? ''}`, resource })));
  const coverageReference = claim.insurance?.find((entry) => entry?.focal)?.coverage ?? claim.insurance?.[0]?.coverage;
  // The facade's own Coverage ids are member ids: `Coverage/M-1` names member M-1 without the resource.
  const ownCoverage = /^Coverage\/([^/]+)$/.exec(coverageReference?.reference ?? '');
  const member =
    ownCoverage && !inContained(coverageReference?.reference) ? ownCoverage[1] : memberOf(claim, inContained);
  if (typeof member !== 'string') return member;
  const provider = providerOf(claim, inContained);
  if ('status' in provider) return provider;
  const items = Array.isArray(claim.item) ? claim.item : [];
  if (items.length === 0) return malformed('Claim.item', 'must list at least one service');
  if (items.length > MAX_LINES) return malformed('Claim.item', `must list at most ${MAX_LINES} services`);
  const issues: FhirIssue[] = [];
  const notes: string[] = [];
  const lines: GfeLine[] = [];
  items.forEach((item, index) => {
    const line = lineOf(item, `Claim.item[${index}]`, notes);
    if ('issues' in line) issues.push(...line.issues);
    else lines.push(line);
  });
  const serviceDate = plannedDateOf(
    claim,
    items,
    (date) => (date > latest ? 'must not be in the future: a claim is for care already given' : null),
    issues,
  );
  const diagnosisCodes = (claim.diagnosis ?? []).flatMap((diagnosis, index) => {
    const code = diagnosis?.diagnosisCodeableConcept?.coding?.[0]?.code;
    if (typeof code === 'string' && code.length > 0 && code.length <= 16) return [code];
    issues.push({
      expression: `Claim.diagnosis[${index}].diagnosisCodeableConcept`,
      message: 'must carry a diagnosis code',
      code: 'invalid',
    });
    return [];
  });
  if (issues.length > 0 || serviceDate === undefined) return { status: 400, issues };
  return { memberId: member, provider, serviceDate, diagnosisCodes, lines, notes };
}
