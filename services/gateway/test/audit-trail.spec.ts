import { UNTHROTTLED } from '#libs/testing';
import type { ReceivedCall } from './support/stand-in-services.js';
import { AuditRows } from './support/audit-rows.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

const CLAIM = '0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11';
const OTHER_CLAIM = '5c0e1a52-33b7-4d5c-8f0e-0d6f3f1a9b22';

/** The claims and underwriting services as far as these reads need them: M-1 is insurer I-1's member. */
function services(call: ReceivedCall) {
  const payload = call.request.payload as { id?: string; memberId?: string };
  if (call.pattern === 'rpc.claims.get' && payload.id === CLAIM) {
    return { reply: { ok: true, value: { id: CLAIM, memberId: 'M-1', status: 'received' } } };
  }
  if (call.pattern === 'rpc.underwriting.members.eligibility' && call.request.principal.org === 'I-1') {
    if (payload.memberId === 'M-1') return { reply: { ok: true, value: { memberId: 'M-1' } } };
  }
  return { reply: { ok: false, error: { code: 'NOT_FOUND', detail: 'no such thing' } } };
}

describe('the audit trail of personal data', () => {
  let gateway: GatewayHarness;
  let rows: AuditRows;
  let clinic: string;
  let insurer: string;
  let analyst: string;
  let patient: string;

  beforeAll(async () => {
    gateway = await startGateway({ ...UNTHROTTLED, AUDIT_ANCHOR_INTERVAL_SECONDS: '0' });
    rows = await AuditRows.open(gateway.databaseUrl);
    clinic = await gateway.token({ role: 'clinic', org: 'P-1', sub: 'nurse-7' });
    insurer = await gateway.token({ role: 'insurer', org: 'I-1', sub: 'ops-1' });
    analyst = await gateway.token({ role: 'analyst', org: 'I-1', sub: 'analyst-3' });
    patient = await gateway.token({ role: 'patient', patient: 'M-1', sub: 'pat-1' });
  });
  afterAll(async () => {
    await rows.close();
    await gateway.stop();
  });
  beforeEach(() => gateway.standIn.reset(services));

  const read = (token: string, path: string, requestId: string) =>
    request('GET', `${gateway.url}${path}`, undefined, { token, headers: { 'x-request-id': requestId } });

  it('records who read which claim of which member, as clinic, insurer and patient', async () => {
    for (const [token, who] of [
      [clinic, 'clinic'],
      [insurer, 'insurer'],
      [patient, 'patient'],
    ]) {
      expect((await read(token, `/v1/claims/${CLAIM}`, `read-${who}`)).status).toBe(200);
    }
    const [byClinic] = await rows.ofRequest('read-clinic');
    expect(byClinic).toMatchObject({
      subject: 'nurse-7',
      role: 'clinic',
      org: 'P-1',
      action: 'read',
      resource: 'claim',
      resourceIds: [CLAIM],
      memberIds: ['M-1'],
      route: 'GET /v1/claims/:id',
      status: 200,
    });
    expect((await rows.ofRequest('read-insurer'))[0]).toMatchObject({ role: 'insurer', org: 'I-1', subject: 'ops-1' });
    expect((await rows.ofRequest('read-patient'))[0]).toMatchObject({ role: 'patient', org: null, memberIds: ['M-1'] });
  });

  it('records a refused read: who tried to read what', async () => {
    expect((await read(clinic, `/v1/claims/${OTHER_CLAIM}`, 'refused-1')).status).toBe(404);
    expect(await rows.ofRequest('refused-1')).toEqual([
      expect.objectContaining({ subject: 'nurse-7', resourceIds: [OTHER_CLAIM], status: 404 }),
    ]);
  });

  it('stores no personal data: ids only', async () => {
    gateway.standIn.reset(() => ({
      reply: { ok: true, value: { id: CLAIM, memberId: 'M-1', diagnosisCodes: ['E11.9'], name: 'Ann Example' } },
    }));
    await read(clinic, `/v1/claims/${CLAIM}`, 'phi-1');
    expect(JSON.stringify(await rows.ofRequest('phi-1'))).not.toMatch(/E11\.9|Ann Example/);
  });

  it('answers 503 rather than send a claim whose read could not be recorded', async () => {
    await rows.query(
      `ALTER TABLE audit_events ADD CONSTRAINT no_claim_reads CHECK (route <> 'GET /v1/claims/:id') NOT VALID`,
    );
    try {
      const response = await read(clinic, `/v1/claims/${CLAIM}`, 'unaudited-1');
      expect(response.status).toBe(503);
      expect(JSON.stringify(response.body)).not.toContain('M-1');
    } finally {
      await rows.query('ALTER TABLE audit_events DROP CONSTRAINT no_claim_reads');
    }
  });

  it('refuses to update, delete or truncate an audit row', async () => {
    await expect(rows.query(`UPDATE audit_events SET status = 200 WHERE seq = 1`)).rejects.toThrow(
      'audit_events is append-only: UPDATE refused',
    );
    await expect(rows.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow('DELETE refused');
    await expect(rows.query(`TRUNCATE audit_events`)).rejects.toThrow('TRUNCATE refused');
    await expect(rows.query(`UPDATE audit_head SET seq = 1`)).rejects.toThrow('audit_head moves only');
  });

  it('keeps a gap-free, valid chain under 50 concurrent reads', async () => {
    const before = (await rows.all()).length;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => read(analyst, `/v1/claims/${CLAIM}`, `burst-${i}`)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const all = await rows.all();
    expect(all).toHaveLength(before + 50);
    expect(all.map((row) => Number(row.seq))).toEqual(all.map((_, i) => i + 1));
    expect(await rows.chainBreak()).toBeNull();
  });

  it('shows an insurer its own member’s audit, with its own staff named, and no other insurer’s member', async () => {
    const page = await read(insurer, '/v1/audit?memberId=M-1&limit=500', 'audit-insurer');
    expect(page.status).toBe(200);
    const items = (page.body as { items: Record<string, unknown>[] }).items;
    expect(items.find((item) => item.role === 'clinic')).toMatchObject({ org: 'P-1', route: 'GET /v1/claims/:id' });
    expect(items.find((item) => item.role === 'clinic')).not.toHaveProperty('subject');
    expect(items.find((item) => item.role === 'analyst')).toMatchObject({ subject: 'analyst-3' });
    const other = await read(insurer, '/v1/audit?memberId=M-2', 'audit-other');
    expect(other.status).toBe(404);
    expect((await rows.ofRequest('audit-other'))[0]).toMatchObject({
      resource: 'audit',
      memberIds: ['M-2'],
      status: 404,
    });
    expect((await read(insurer, '/v1/audit', 'audit-none')).status).toBe(400);
  });

  it('shows a patient who read their claims, by role and organisation, never by person', async () => {
    const first = await read(patient, '/v1/audit?limit=2', 'audit-patient');
    expect(first.status).toBe(200);
    const body = first.body as { memberId: string; items: Record<string, unknown>[]; nextCursor: string };
    expect(body.memberId).toBe('M-1');
    expect(body.items).toHaveLength(2);
    const all = await read(patient, '/v1/audit?limit=500', 'audit-patient-all');
    const items = (all.body as { items: Record<string, unknown>[] }).items;
    expect(items.some((item) => item.role === 'clinic' && item.org === 'P-1')).toBe(true);
    expect(items.every((item) => !('subject' in item))).toBe(true);
    // Reading the audit is itself audited, and shows in the next read.
    expect(items[0]).toMatchObject({ resource: 'audit', route: 'GET /v1/audit' });
    const next = await read(patient, `/v1/audit?limit=2&cursor=${body.nextCursor}`, 'audit-patient-2');
    const seqs = (next.body as { items: { seq: string }[] }).items.map((item) => Number(item.seq));
    expect(Math.max(...seqs)).toBeLessThan(Number(body.items[1].seq));
    expect((await read(patient, '/v1/audit?memberId=M-9', 'audit-patient-other')).status).toBe(404);
  });

  it('names the member whose claim timeline or fraud flag was read or worked, though the reader is not them', async () => {
    const FLAG = '7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
    const flag = { id: FLAG, claimId: CLAIM, memberId: 'M-1', score: 100, held: true, status: 'assigned', rules: [] };
    gateway.standIn.reset((call) => {
      if (call.pattern === 'rpc.claims.timeline') {
        return {
          reply: { ok: true, value: { memberId: 'M-1', items: [{ at: 'x', status: 'received', actor: 'system' }] } },
        };
      }
      if (call.pattern === 'rpc.fraud.flags.list')
        return { reply: { ok: true, value: { items: [flag], nextCursor: null } } };
      if (call.pattern === 'rpc.fraud.flags.assign') return { reply: { ok: true, value: flag } };
      if (call.pattern === 'rpc.fraud.flags.note') {
        return {
          reply: { ok: true, value: { flagId: FLAG, memberId: 'M-1', at: 'x', actor: 'analyst-3', note: 'n' } },
        };
      }
      if (call.pattern === 'rpc.fraud.flags.decide')
        return { reply: { ok: true, value: { ...flag, status: 'dismissed' } } };
      return services(call);
    });
    const write = (path: string, body: unknown, requestId: string) =>
      request('POST', `${gateway.url}${path}`, body, { token: analyst, headers: { 'x-request-id': requestId } });

    expect((await read(clinic, `/v1/claims/${CLAIM}/timeline`, 'timeline-clinic')).status).toBe(200);
    expect((await read(analyst, '/v1/fraud/flags', 'flags-list')).status).toBe(200);
    expect((await write(`/v1/fraud/flags/${FLAG}/assign`, undefined, 'flags-assign')).status).toBe(200);
    expect((await write(`/v1/fraud/flags/${FLAG}/notes`, { note: 'n' }, 'flags-note')).status).toBe(201);
    const decision = { decision: 'dismiss', note: 'a resubmission' };
    expect((await write(`/v1/fraud/flags/${FLAG}/decision`, decision, 'flags-decide')).status).toBe(200);

    expect((await rows.ofRequest('timeline-clinic'))[0]).toMatchObject({
      role: 'clinic',
      resource: 'claim',
      resourceIds: [CLAIM],
      memberIds: ['M-1'],
      route: 'GET /v1/claims/:id/timeline',
    });
    for (const [requestId, route] of [
      ['flags-list', 'GET /v1/fraud/flags'],
      ['flags-assign', 'POST /v1/fraud/flags/:id/assign'],
      ['flags-note', 'POST /v1/fraud/flags/:id/notes'],
      ['flags-decide', 'POST /v1/fraud/flags/:id/decision'],
    ]) {
      expect((await rows.ofRequest(requestId))[0]).toMatchObject({
        role: 'analyst',
        resource: 'fraud-flag',
        resourceIds: [FLAG],
        memberIds: ['M-1'],
        route,
      });
    }

    // So the patient sees that the clinic read their claim's history (issue 13), but no fraud data
    // (DOMAIN.md): the insurer sees its analysts' work on the flag, the patient not that there was one.
    const audit = await read(patient, '/v1/audit?limit=500', 'audit-patient-timeline');
    const items = (audit.body as { items: Record<string, unknown>[] }).items;
    expect(items).toContainEqual(
      expect.objectContaining({
        role: 'clinic',
        org: 'P-1',
        route: 'GET /v1/claims/:id/timeline',
        resourceIds: [CLAIM],
      }),
    );
    expect(items.filter((item) => item.resource === 'fraud-flag')).toEqual([]);
    const insurers = await read(insurer, '/v1/audit?memberId=M-1&limit=500', 'audit-insurer-flags');
    expect((insurers.body as { items: Record<string, unknown>[] }).items).toContainEqual(
      expect.objectContaining({ role: 'analyst', subject: 'analyst-3', route: 'POST /v1/fraud/flags/:id/decision' }),
    );
  });

  it('hashes in TypeScript exactly what the trigger hashed, whatever the text', async () => {
    const tricky: [string, string | null, string[], string[], string][] = [
      ['Zoë|3:x', null, [], ['M,1', 'M"2', '{M}', 'M 🩺'], 'GET /v1/é\n'],
      ['', '', ['a', ''], [], 'line\nbreak\ttab'],
      ['日本語', 'Ω', ['NULL'], ['-'], '\\'],
    ];
    for (const [subject, org, resourceIds, memberIds, route] of tricky) {
      await rows.query(
        `INSERT INTO audit_events (subject, role, org, action, resource, resource_ids, member_ids, route, status, request_id)
         VALUES ($1, 'clinic', $2, 'read', 'claim', $3, $4, $5, 200, 'tricky')`,
        [subject, org, resourceIds, memberIds, route],
      );
    }
    const stored = await rows.ofRequest('tricky');
    expect(stored.map((row) => row.memberIds)).toEqual(tricky.map((row) => row[3]));
    expect(await rows.chainBreak()).toBeNull();
  });

  it('detects a row altered by hand', async () => {
    expect(await rows.chainBreak()).toBeNull();
    await rows.tamper(`UPDATE audit_events SET subject = 'someone-else' WHERE seq = 3`);
    expect(await rows.chainBreak()).toEqual({ seq: '3', problem: 'hash mismatch (altered or inserted by hand)' });
  });
});
