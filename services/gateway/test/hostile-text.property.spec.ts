import fc from 'fast-check';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';
import { anInsurerBody, aMemberBody } from './support/set-up-bodies.js';

/** Characters no text of the API takes: C0 but tab and line breaks, DEL, C1, bidi controls, lone surrogates. */
const forbiddenCharacter = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.constantFrom(0x0b, 0x0c),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0x202a, max: 0x202e }),
    fc.integer({ min: 0x2066, max: 0x2069 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));

/** Printable text with one forbidden character somewhere in it. */
const hostileText = fc
  .tuple(fc.string({ maxLength: 20 }), forbiddenCharacter, fc.string({ maxLength: 20 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/**
 * Issue 13: whatever the text around it, a control character in a free-text field is a 400 naming
 * the field, and the request never reaches a service.
 */
describe('control characters in free text, generated', () => {
  let gateway: GatewayHarness;
  const tokens: Record<string, string> = {};
  const FLAG_ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

  beforeAll(async () => {
    gateway = await startGateway();
    tokens.admin = await gateway.token({ role: 'admin' });
    tokens.insurer = await gateway.token({ role: 'insurer', org: 'I-1' });
    tokens.analyst = await gateway.token({ role: 'analyst', org: 'I-1' });
  });
  afterAll(() => gateway.stop());

  const endpoints: [string, string, string, (text: string) => Record<string, unknown>][] = [
    ['/v1/insurers', 'admin', 'name', (name) => anInsurerBody({ name })],
    ['/v1/members', 'insurer', 'name', (name) => aMemberBody({ name })],
    ['/v1/fraud/exclusions', 'insurer', 'reason', (reason) => ({ providerId: 'P-1', from: '2026-01-01', reason })],
    [`/v1/fraud/flags/${FLAG_ID}/notes`, 'analyst', 'note', (note) => ({ note })],
  ];

  it.each(endpoints)('POST %s refuses them in %s', async (path, role, field, body) => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        gateway.standIn.reset();
        const response = await request('POST', `${gateway.url}${path}`, body(text), { token: tokens[role] });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
        expect(response.body.errors).toEqual([{ field, message: 'must not contain control characters' }]);
        expect(gateway.standIn.calls).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });
});
