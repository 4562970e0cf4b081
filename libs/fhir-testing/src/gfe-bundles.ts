import { readFileSync } from 'node:fs';
import type { Bundle, Resource } from '@medplum/fhirtypes';

const FIXTURES = new URL('../fixtures/davinci-pct/', import.meta.url);

function fixture<T extends Resource>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** The Da Vinci PCT IG's two GFE examples (fixtures/davinci-pct/README.md). */
export type PctExample = 'professional' | 'institutional';
/** `stu1`: the providers with the NPIs of the STU 1 examples (failing the check digit); `current`: the IG's current ones. */
export type PctNpis = 'stu1' | 'current';

const CLAIMS: Record<PctExample, string> = {
  professional: 'Claim-PCT-GFE-Professional-MRI.json',
  institutional: 'Claim-PCT-GFE-Institutional-MRI.json',
};
const PROVIDERS: Record<PctExample, string> = {
  professional: 'Practitioner-prac002',
  institutional: 'Organization-org1002',
};

/**
 * The example's GFE Claim with the resources it references (Patient, Coverage, payer, provider) in a
 * `collection` Bundle, as the PCT GFE Bundle profile has it; fullUrls are the IG's example base.
 */
export function pctGfeBundle(example: PctExample, npis: PctNpis = 'current'): Bundle {
  const resources: Resource[] = [
    fixture(CLAIMS[example]),
    fixture('Patient-patient1001.json'),
    fixture('Coverage-coverage1001.json'),
    fixture('Organization-org1001.json'),
    fixture(`${PROVIDERS[example]}${npis === 'stu1' ? '.stu1' : ''}.json`),
  ];
  return {
    resourceType: 'Bundle',
    identifier: { system: 'http://example.com/identifiers/bundle', value: '59688475-2324-3242-23473847' },
    type: 'collection',
    timestamp: '2021-11-09T11:01:00+05:00',
    entry: resources.map((resource) => ({
      fullUrl: `http://example.org/fhir/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
    })),
  };
}

/** The example's NPI of its provider (the one to register the platform's provider with). */
export function pctProviderNpi(example: PctExample, npis: PctNpis = 'current'): string {
  const provider = fixture<Resource & { identifier?: { system?: string; value?: string }[] }>(
    `${PROVIDERS[example]}${npis === 'stu1' ? '.stu1' : ''}.json`,
  );
  const npi = provider.identifier?.find((identifier) => identifier.system === 'http://hl7.org/fhir/sid/us-npi')?.value;
  if (!npi) throw new Error(`${example} example has no NPI`);
  return npi;
}

/**
 * The value with every date (`YYYY-MM-DD`, and the date part of a dateTime) moved forward by `years`,
 * birth dates excepted: the IG's 2021 examples as care planned from today on.
 */
export function movedByYears<T>(value: T, years: number): T {
  const move = (node: unknown, key: string): unknown => {
    if (typeof node === 'string') {
      if (key === 'birthDate') return node;
      return node.replace(
        /^(\d{4})(-\d{2}-\d{2})/,
        (_match, year: string, rest: string) => `${Number(year) + years}${rest}`,
      );
    }
    if (Array.isArray(node)) return node.map((item) => move(item, key));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([name, item]) => [name, move(item, name)]));
    }
    return node;
  };
  return move(value, '') as T;
}
