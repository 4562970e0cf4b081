import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request, type TestResponse } from './support/http-client.js';
import { aMemberBody, anInsurerBody, aPlanBody, aQuoteBody } from './support/set-up-bodies.js';

/**
 * API.md conventions on the set-up endpoints: each bad input is a 400 problem naming the field by
 * its path, and never reaches a service. (Rules that need stored data, such as an unknown plan or
 * a duplicate id, are the services' and are tested across services in test/api.)
 */
describe('set-up endpoints: bad input names the field and reaches no service', () => {
  let gateway: GatewayHarness;
  let admin: string;
  let insurer: string;
  let clinic: string;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = await gateway.token({ role: 'admin' });
    insurer = await gateway.token({ role: 'insurer', org: 'I-1' });
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: {} } })));
  afterEach(() => expect(gateway.standIn.calls).toHaveLength(0));

  function fieldsOf(response: TestResponse): string[] {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ type: 'urn:problem:healthclaims:validation', status: 400 });
    return (response.body.errors as { field: string; message: string }[]).map((error) => error.field);
  }

  it.each([
    ['an id with a space', { id: 'I 1' }, 'id'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an address that is not an EVM address', { address: '0x1234' }, 'address'],
    ['a missing address', { address: undefined }, 'address'],
    ['an unknown field', { website: 'acme.example' }, 'website'],
  ])('POST /v1/insurers refuses %s', async (_case, overrides, field) => {
    const response = await request('POST', `${gateway.url}/v1/insurers`, anInsurerBody(overrides), { token: admin });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it.each([
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['a negative deductible', { deductible: -1 }, 'deductible'],
    ['a fractional out-of-pocket maximum', { oopMax: 1000.5 }, 'oopMax'],
    ['an amount sent as a string', { annualLimit: '0' }, 'annualLimit'],
    ['coinsurance over 100 %', { coinsurancePct: 101 }, 'coinsurancePct'],
    ['negative coinsurance', { coinsurancePct: -1 }, 'coinsurancePct'],
    ['fractional coinsurance', { coinsurancePct: 20.5 }, 'coinsurancePct'],
    ['out-of-network coinsurance over 100 %', { outOfNetworkCoinsurancePct: 150 }, 'outOfNetworkCoinsurancePct'],
    ['a negative copay', { copays: { office_visit: -5 } }, 'copays.office_visit'],
    ['a fractional copay', { copays: { lab: 0, office_visit: 12.5 } }, 'copays.office_visit'],
    ['a copay sent as a string', { copays: { office_visit: '25' } }, 'copays.office_visit'],
    ['a copay category of the wrong shape', { copays: { 'Office Visit': 100 } }, 'copays.Office Visit'],
    ['copays as a list', { copays: [2500] }, 'copays'],
    ['a code of four characters', { coveredCodes: ['99213', '9921'] }, 'coveredCodes[1]'],
    ['a lower-case code', { excludedCodes: ['abcde'] }, 'excludedCodes[0]'],
    ['a code that is a number', { preauthCodes: [80053] }, 'preauthCodes[0]'],
    ['codes that are not a list', { preauthCodes: '80053' }, 'preauthCodes'],
    ['a category of the wrong shape', { coveredCategories: ['lab', 'Lab Work'] }, 'coveredCategories[1]'],
    ['a negative waiting period', { waitingPeriodDays: -1 }, 'waitingPeriodDays'],
    ['a fractional waiting period', { waitingPeriodDays: 1.5 }, 'waitingPeriodDays'],
    ['a missing field', { deductible: undefined }, 'deductible'],
    ['an unknown field', { copay: {} }, 'copay'],
  ])('POST /v1/plans refuses %s', async (_case, overrides, field) => {
    const response = await request('POST', `${gateway.url}/v1/plans`, aPlanBody(overrides), { token: insurer });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it('POST /v1/plans names every bad field and entry at once', async () => {
    const response = await request(
      'POST',
      `${gateway.url}/v1/plans`,
      aPlanBody({
        coinsurancePct: 120,
        deductible: -100,
        copays: { office_visit: -1, lab: 10 },
        coveredCodes: ['9921', '99213', 'x'],
        note: 'extra',
      }),
      { token: insurer },
    );
    expect(fieldsOf(response).sort()).toEqual(
      ['coinsurancePct', 'copays.office_visit', 'coveredCodes[0]', 'coveredCodes[2]', 'deductible', 'note'].sort(),
    );
    expect(response.body.errors).toContainEqual({
      field: 'copays.office_visit',
      message: 'copays.office_visit must be a non-negative integer amount in minor units (e.g. cents)',
    });
    expect(response.body.detail).toBe('6 fields are invalid');
  });

  it.each([
    ['coverage that ends before it starts', { coverageStart: '2026-03-01', coverageEnd: '2026-02-28' }, 'coverageEnd'],
    ['an impossible birth date', { birthDate: '1985-02-30' }, 'birthDate'],
    ['an impossible coverage start', { coverageStart: '2026-13-01' }, 'coverageStart'],
    ['29 February of a common year', { coverageEnd: '2026-02-29' }, 'coverageEnd'],
    ['a date in another format', { coverageStart: '01/01/2026' }, 'coverageStart'],
    ['a date of death before the birth date', { dateOfDeath: '1980-01-01' }, 'dateOfDeath'],
    ['a malformed plan id', { planId: '' }, 'planId'],
    ['an address that is not an EVM address', { address: 'not-an-address' }, 'address'],
    ['an unknown field', { email: 'ada@example.org' }, 'email'],
  ])('POST /v1/members refuses %s', async (_case, overrides, field) => {
    const response = await request('POST', `${gateway.url}/v1/members`, aMemberBody(overrides), { token: insurer });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it.each([
    ['an empty change', {}, 'body'],
    ['an unknown status', { status: 'paused' }, 'status'],
    ['a null status', { status: null }, 'status'],
    ['an impossible coverage end', { coverageEnd: '2026-02-30' }, 'coverageEnd'],
    ['a field that cannot be changed', { planId: 'PLAN-2' }, 'planId'],
  ])('PATCH /v1/members/{id} refuses %s', async (_case, body, field) => {
    const response = await request('PATCH', `${gateway.url}/v1/members/M-1`, body, { token: insurer });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it('answers 404 for a member id that cannot exist, without asking', async () => {
    for (const path of ['/v1/members/bad%20id', '/v1/members/bad%20id/eligibility']) {
      const method = path.endsWith('eligibility') ? 'GET' : 'PATCH';
      const response = await request(
        method,
        `${gateway.url}${path}`,
        method === 'GET' ? undefined : { status: 'active' },
        {
          token: insurer,
        },
      );
      expect(response.status).toBe(404);
    }
  });

  it.each([
    ['an impossible date', 'date=2026-02-30', 'date'],
    ['a date that is not a date', 'date=tomorrow', 'date'],
    ['an unknown parameter', 'colour=blue', 'colour'],
  ])('GET /v1/members/{id}/eligibility refuses %s', async (_case, query, field) => {
    const response = await request('GET', `${gateway.url}/v1/members/M-1/eligibility?${query}`, undefined, {
      token: clinic,
    });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it.each([
    ['no applicant', { applicant: undefined }, 'applicant'],
    ['an applicant that is not an object', { applicant: 'Ada' }, 'applicant'],
    [
      'smoker as a string',
      { applicant: { birthDate: '1980-05-17', smoker: 'no', chronicConditions: [] } },
      'applicant.smoker',
    ],
    [
      'an impossible birth date',
      { applicant: { birthDate: '1980-02-30', smoker: false, chronicConditions: [] } },
      'applicant.birthDate',
    ],
    [
      'conditions that are not a list',
      { applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: 'asthma' } },
      'applicant.chronicConditions',
    ],
    [
      'an unknown applicant field',
      { applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: [], bmi: 31 } },
      'applicant.bmi',
    ],
    ['a malformed plan id', { planId: 'PLAN 1' }, 'planId'],
  ])('POST /v1/quotes refuses %s', async (_case, overrides, field) => {
    const response = await request('POST', `${gateway.url}/v1/quotes`, aQuoteBody(overrides), { token: insurer });
    expect(fieldsOf(response)).toEqual([field]);
  });
});
