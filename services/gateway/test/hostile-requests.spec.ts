import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request, type TestResponse } from './support/http-client.js';
import { FLAG_ID, refusedAtTheGateway, type FieldErrors } from './support/refused.js';

/**
 * Requests an attacker sends rather than a client (issue 13), beyond their bodies: ids in paths,
 * bodies on actions that take none, and what Fastify answers before any route. Each is a 4xx
 * problem, and none reaches a service.
 */
describe('hostile requests are refused at the gateway', () => {
  let gateway: GatewayHarness;
  let insurer: string;
  let analyst: string;
  let patient: string;
  let clinic: string;

  beforeAll(async () => {
    gateway = await startGateway();
    insurer = await gateway.token({ role: 'insurer', org: 'I-1' });
    analyst = await gateway.token({ role: 'analyst', org: 'I-1', sub: 'analyst-ana' });
    patient = await gateway.token({ role: 'patient', patient: 'M-1' });
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: {} } })));

  const refused = (response: TestResponse, status?: number, type?: string): FieldErrors =>
    refusedAtTheGateway(gateway, response, status, type);

  const post = (path: string, body: unknown, token: string) =>
    request('POST', `${gateway.url}${path}`, body, { token });

  describe('ids in paths', () => {
    it.each([
      [
        'a consent id of 36 hex characters that is not a UUID',
        'POST',
        `/v1/consents/${'a'.repeat(36)}/revoke/typed-data`,
        'patient',
      ],
      ['a flag id of 36 hex characters that is not a UUID', 'GET', `/v1/fraud/flags/${'-'.repeat(36)}`, 'analyst'],
    ])('answers %s with 404 without asking a service', async (_case, method, path, role) => {
      const token = { patient, clinic, analyst, insurer }[role] ?? '';
      refused(await request(method, `${gateway.url}${path}`, undefined, { token }), 404, 'not-found');
    });

    // Issue 13: a path parameter holding control characters is refused naming it, as a body field is.
    it.each([
      ['a record id with NUL', '/v1/records/REC%001', 'clinic', 'recordId'],
      ['a member id with NUL', '/v1/members/M%001/eligibility', 'insurer', 'id'],
      ['a claim id with ESC', '/v1/claims/%1b', 'clinic', 'id'],
    ])('refuses %s naming the parameter, without asking a service', async (_case, path, role, field) => {
      const token = { patient, clinic, analyst, insurer }[role] ?? '';
      expect(refused(await request('GET', `${gateway.url}${path}`, undefined, { token }))).toEqual([
        { field, message: 'must not contain control characters' },
      ]);
    });
  });

  describe('bodiless actions', () => {
    it('refuses a body on assign, naming its fields', async () => {
      const errors = refused(await post(`/v1/fraud/flags/${FLAG_ID}/assign`, { assignee: 'someone-else' }, analyst));
      expect(errors).toEqual([{ field: 'assignee', message: 'property assignee should not exist' }]);
      refused(await post(`/v1/fraud/flags/${FLAG_ID}/assign`, [1], analyst));
    });

    it('still takes no body or an empty object', async () => {
      await request('POST', `${gateway.url}/v1/fraud/flags/${FLAG_ID}/assign`, undefined, { token: analyst });
      await post(`/v1/fraud/flags/${FLAG_ID}/assign`, {}, analyst);
      expect(gateway.standIn.calls).toHaveLength(2);
    });
  });

  describe('errors of the framework itself', () => {
    function frameworkProblem(response: TestResponse, status: number, url: string): void {
      refused(
        response,
        status,
        status === 414 ? 'uri-too-long' : status === 431 ? 'header-fields-too-large' : 'bad-request',
      );
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(JSON.stringify(response.body)).not.toContain(url.slice(1, 30));
    }

    it('answers a URL the router cannot decode in problem+json, without echoing it', async () => {
      const path = '/v1/claims/%E0%A4%A<script>';
      frameworkProblem(await request('GET', `${gateway.url}${path}`, undefined, { token: clinic }), 400, path);
    });

    it('answers a path segment over the length limit with 414', async () => {
      const path = `/v1/claims/${'a'.repeat(500)}`;
      frameworkProblem(await request('GET', `${gateway.url}${path}`, undefined, { token: clinic }), 414, path);
    });

    it('answers headers over the size limit with 431', async () => {
      const response = await request('GET', `${gateway.url}/v1/claims`, undefined, {
        token: clinic,
        headers: { 'x-padding': 'p'.repeat(20_000) },
      });
      frameworkProblem(response, 431, '/v1/claims');
    });
  });
});
