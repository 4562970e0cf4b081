import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request, type TestResponse } from './support/http-client.js';
import { FLAG_ID, refusedAtTheGateway, type FieldErrors } from './support/refused.js';
import { anInsurerBody, aMemberBody, aQuoteBody } from './support/set-up-bodies.js';

/**
 * Input an attacker sends rather than a client (issue 13): each is a 4xx problem naming the field,
 * and none reaches a service, so nothing is stored. Valid look-alikes still go through.
 */
describe('hostile input is refused at the gateway, naming the field', () => {
  let gateway: GatewayHarness;
  let admin: string;
  let insurer: string;
  let analyst: string;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = await gateway.token({ role: 'admin' });
    insurer = await gateway.token({ role: 'insurer', org: 'I-1' });
    analyst = await gateway.token({ role: 'analyst', org: 'I-1', sub: 'analyst-ana' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: {} } })));

  const refused = (response: TestResponse, status?: number, type?: string): FieldErrors =>
    refusedAtTheGateway(gateway, response, status, type);

  const post = (path: string, body: unknown, token: string) =>
    request('POST', `${gateway.url}${path}`, body, { token });
  const postRaw = (path: string, raw: string | Buffer, token: string) =>
    request('POST', `${gateway.url}${path}`, undefined, {
      token,
      raw,
      headers: { 'content-type': 'application/json' },
    });

  describe('nesting', () => {
    it('refuses a planId of 20,000 nested arrays without a stack overflow', async () => {
      const planId = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const raw = `{"planId":${planId},"applicant":{"birthDate":"1980-05-17","smoker":false,"chronicConditions":[]}}`;
      const errors = refused(await postRaw('/v1/quotes', raw, insurer));
      expect(errors).toHaveLength(1);
      expect(errors[0].field).toMatch(/^planId(\[0\])+$/);
      expect(errors[0].message).toMatch(/nest deeper than/);
    });

    it('refuses deep objects inside a field', async () => {
      let applicant: unknown = 'x';
      for (let depth = 0; depth < 40; depth += 1) applicant = { a: applicant };
      const errors = refused(await post('/v1/quotes', aQuoteBody({ applicant }), insurer));
      expect(errors[0].field).toMatch(/^applicant(\.a)+$/);
    });
  });

  describe('control characters and invalid text', () => {
    it.each([
      ['NUL in a member name', '/v1/members', () => aMemberBody({ name: 'Ada\u0000Lovelace' }), 'name'],
      ['BEL in an insurer name', '/v1/insurers', () => anInsurerBody({ name: 'Acme\u0007' }), 'name'],
      ['ESC in an insurer name', '/v1/insurers', () => anInsurerBody({ name: '\u001b[31mAcme' }), 'name'],
      ['U+202E in an insurer name', '/v1/insurers', () => anInsurerBody({ name: 'Acme\u202eevil' }), 'name'],
      ['a C1 control in an insurer name', '/v1/insurers', () => anInsurerBody({ name: 'Acme\u0085' }), 'name'],
      ['NUL in an id', '/v1/insurers', () => anInsurerBody({ id: 'I-1\u0000' }), 'id'],
      [
        'NUL in a nested list',
        '/v1/quotes',
        () => aQuoteBody({ applicant: { chronicConditions: ['a\u0000'] } }),
        'applicant.chronicConditions[0]',
      ],
    ])('refuses %s', async (_case, path, body, field) => {
      const token = path === '/v1/insurers' ? admin : insurer;
      const errors = refused(await post(path, body(), token));
      expect(errors).toEqual([{ field, message: 'must not contain control characters' }]);
    });

    it('refuses NUL in an exclusion reason and ESC in a flag note', async () => {
      const exclusion = { providerId: 'P-1', from: '2026-01-01', reason: 'billing\u0000fraud' };
      expect(refused(await post('/v1/fraud/exclusions', exclusion, insurer))[0].field).toBe('reason');
      const note = { note: 'see \u001b]8;;http://evil\u0007 link' };
      expect(refused(await post(`/v1/fraud/flags/${FLAG_ID}/notes`, note, analyst))[0].field).toBe('note');
    });

    it('refuses a control character in a field name', async () => {
      const errors = refused(await post('/v1/insurers', { ...anInsurerBody(), 'na\u0000me': 'x' }, admin));
      expect(errors[0].field).toBe('na\u0000me');
    });

    it('refuses lone surrogates, sent as JSON escapes', async () => {
      const raw = JSON.stringify(anInsurerBody()).replace('"Acme Health"', '"Acme \\ud800 Health"');
      expect(refused(await postRaw('/v1/insurers', raw, admin))).toEqual([
        { field: 'name', message: 'must not contain control characters' },
      ]);
    });

    it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
      const text = JSON.stringify(anInsurerBody({ name: 'Acme XX' }));
      const raw = Buffer.from(text, 'utf8');
      const at = raw.indexOf('XX');
      raw[at] = 0xc3; // a lead byte followed by an ASCII byte: not UTF-8
      raw[at + 1] = 0x28;
      const errors = refused(await postRaw('/v1/insurers', raw, admin), 400, 'malformed-json');
      expect(errors).toEqual([{ field: 'body', message: 'must be valid UTF-8' }]);
    });

    it('refuses tabs and line breaks in names but keeps them in notes and reasons', async () => {
      expect(refused(await post('/v1/insurers', anInsurerBody({ name: 'Acme\nHealth' }), admin))).toEqual([
        { field: 'name', message: 'name must not contain tabs or line breaks' },
      ]);
      await post(`/v1/fraud/flags/${FLAG_ID}/notes`, { note: 'Called:\n\tresubmission, 😀 é' }, analyst);
      await post('/v1/fraud/exclusions', { providerId: 'P-1', from: '2026-01-01', reason: 'a\tb\r\nc' }, insurer);
      expect(gateway.standIn.calls.map((call) => call.request.payload)).toEqual([
        expect.objectContaining({ note: 'Called:\n\tresubmission, 😀 é' }),
        expect.objectContaining({ reason: 'a\tb\r\nc' }),
      ]);
    });
  });

  describe('unknown fields, whatever their name', () => {
    it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf'])(
      'refuses a field named %s',
      async (name) => {
        const raw = JSON.stringify({ ...anInsurerBody(), [name]: 'x' });
        expect(refused(await postRaw('/v1/insurers', raw, admin))).toEqual([
          { field: name, message: `property ${name} should not exist` },
        ]);
      },
    );

    it('refuses one nested in an object, named with the other invalid fields', async () => {
      const raw = JSON.stringify(
        aQuoteBody({ planId: 'bad id', applicant: { ...(aQuoteBody().applicant as object), toString: 1 } }),
      );
      const fields = refused(await postRaw('/v1/quotes', raw, insurer)).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['planId', 'applicant.toString']));
    });

    it('does not let a toString field ride along on a flag decision', async () => {
      const raw = JSON.stringify({ decision: 'dismiss', note: 'fine', toString: 'x' });
      expect(refused(await postRaw(`/v1/fraud/flags/${FLAG_ID}/decision`, raw, analyst))).toEqual([
        { field: 'toString', message: 'property toString should not exist' },
      ]);
    });

    it('answers 90,000 unknown keys quickly with a small error', async () => {
      const body = Object.fromEntries(Array.from({ length: 90_000 }, (_, index) => [`k${index}`, 1]));
      const raw = JSON.stringify(body);
      expect(raw.length).toBeGreaterThan(900_000);
      const started = performance.now();
      const response = await postRaw('/v1/insurers', raw, admin);
      const elapsed = performance.now() - started;
      const errors = refused(response);
      expect(elapsed).toBeLessThan(750);
      expect(JSON.stringify(response.body).length).toBeLessThan(2_000);
      expect(errors).toEqual([{ field: 'body', message: 'must not have more than 1000 fields' }]);
    });

    it('names at most 20 of many unknown fields, failing fast', async () => {
      const extra = Object.fromEntries(Array.from({ length: 900 }, (_, index) => [`k${index}`, 1]));
      const errors = refused(await post('/v1/insurers', { ...anInsurerBody(), ...extra }, admin));
      expect(errors).toHaveLength(20);
      expect(errors[0]).toEqual({ field: 'k0', message: 'property k0 should not exist' });
    });
  });
});
