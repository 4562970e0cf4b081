import { randomUUID } from 'node:crypto';
import { BusNamespace, Subjects, type Envelope } from '#libs/contracts';
import { deleteStreams, durableName, provisionStreams, publishDeadLetter } from '#libs/messaging';
import { OPS_AUTHORIZATION, TEST_NATS_URL, testNamespace } from '#libs/testing';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';

type Json = Record<string, unknown>;
const SUBJECT = Subjects.claimDecided;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
/** Stands for the medical content of a payload: it must never appear in an HTTP answer. */
const MEDICAL = 'J45.909-asthma-note';

describe('admin dead-letter endpoints', () => {
  const namespace = new BusNamespace(testNamespace('gwdlq'));
  let gateway: GatewayHarness;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let admin: string;
  const url = (path = '') => `${gateway.url}/v1/admin/dead-letters${path}`;

  beforeAll(async () => {
    nc = await connect({ servers: TEST_NATS_URL });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await provisionStreams(nc, namespace);
    gateway = await startGateway({ BUS_NAMESPACE: namespace.prefix });
    admin = await gateway.token({ role: 'admin', sub: 'ops-1' });
  });
  afterAll(async () => {
    await gateway.stop();
    await deleteStreams(nc, namespace);
    await nc.close();
  });

  /** A decided claim that billing gave up on, dead-lettered the way a consumer does it. */
  async function deadLetterOne(): Promise<Envelope> {
    const envelope: Envelope = {
      id: randomUUID(),
      type: 'claims.claim.decided',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      data: { claimId: randomUUID(), diagnosisCodes: [MEDICAL] },
    };
    const headers = natsHeaders();
    headers.set('traceparent', TRACEPARENT);
    const ack = await js.publish(namespace.subject(SUBJECT), JSON.stringify(envelope), { msgID: envelope.id, headers });
    const reader = await js.consumers.get(namespace.stream('CLAIMS'), { opt_start_seq: ack.seq });
    const delivered = await reader.next({ expires: 2000 });
    await reader.delete();
    if (!delivered) throw new Error('the published event was not delivered');
    const consumer = durableName('billing', SUBJECT);
    await publishDeadLetter(js, delivered, {
      namespace,
      subject: SUBJECT,
      consumer,
      reason: 'MAX_DELIVER',
      error: 'no fee schedule',
    });
    return envelope;
  }

  async function deadLetterCount(): Promise<number> {
    return (await jsm.streams.info(namespace.stream('DLQ'))).state.messages;
  }

  it('lets only admins near the dead letters', async () => {
    expect((await request('GET', url())).status).toBe(401);
    for (const claims of [
      { role: 'clinic', org: 'P-1' },
      { role: 'insurer', org: 'I-1' },
      { role: 'analyst', org: 'I-1' },
      { role: 'patient', patient: 'M-1' },
    ] as const) {
      const token = await gateway.token(claims);
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['GET', '/1', undefined],
        ['POST', '/1/replay', undefined],
        ['POST', '/replay', {}],
      ] as const) {
        const response = await request(method, url(path), body, { token });
        expect({ role: claims.role, method, path, status: response.status }).toEqual({
          role: claims.role,
          method,
          path,
          status: 403,
        });
        expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
      }
    }
  });

  it('lists, shows and replays dead letters with their metadata and never their data', async () => {
    const first = await deadLetterOne();
    const second = await deadLetterOne();

    const list = await request<{ items: Json[]; nextCursor: string | null }>('GET', url(), undefined, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items).toEqual([
      {
        id: expect.any(Number),
        subject: SUBJECT,
        reason: 'MAX_DELIVER',
        error: 'no fee schedule',
        consumer: 'billing__claims_claim_decided_v1',
        deliveryCount: 1,
        deadLetteredAt: expect.any(String),
        envelopeId: first.id,
        envelopeType: 'claims.claim.decided',
        correlationId: first.correlationId,
      },
      expect.objectContaining({ envelopeId: second.id }),
    ]);
    const [firstId, secondId] = list.body.items.map((item) => item.id as number);

    const page = await request<Json>('GET', url(`?subject=claims.>&since=2020-01-01T00:00:00Z&limit=1`), undefined, {
      token: admin,
    });
    expect(page.body).toEqual({ items: [expect.objectContaining({ id: firstId })], nextCursor: String(firstId) });
    const next = await request<Json>('GET', url(`?limit=1&cursor=${firstId}`), undefined, { token: admin });
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: secondId })], nextCursor: null });
    const none = await request<Json>('GET', url('?subject=billing.>'), undefined, { token: admin });
    expect(none.body).toEqual({ items: [], nextCursor: null });

    const shown = await request<Json>('GET', url(`/${firstId}`), undefined, { token: admin });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: firstId,
      envelope: { id: first.id, type: 'claims.claim.decided', version: 1, correlationId: first.correlationId },
      headers: { traceparent: TRACEPARENT, 'dlq-reason': 'MAX_DELIVER' },
    });
    for (const body of [list.body, shown.body]) {
      expect(JSON.stringify(body)).not.toContain(MEDICAL);
      expect(JSON.stringify(body)).not.toMatch(/"data"|"payload"/);
    }

    const replayed = await request<Json>('POST', url(`/${firstId}/replay`), undefined, { token: admin });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ id: firstId, subject: SUBJECT, envelopeId: first.id, duplicate: false });
    const again = await request<Json>('POST', url(`/${firstId}/replay`), undefined, { token: admin });
    expect(again.status).toBe(404);
    expect(again.body.detail).toMatch(/replayed already/);
    expect((await request('GET', url(`/${firstId}`), undefined, { token: admin })).status).toBe(404);
    const republished = await jsm.streams.getMessage(namespace.stream('CLAIMS'), {
      last_by_subj: namespace.subject(SUBJECT),
    });
    expect(republished?.json()).toEqual(first);
    expect(republished?.header.get('traceparent')).toBe(TRACEPARENT);

    const metrics = await request<string>('GET', `${gateway.url}/metrics`, undefined, { headers: OPS_AUTHORIZATION });
    expect(metrics.body).toContain(`messaging_dead_letters_waiting{subject="${SUBJECT}"} 1`);

    const all = await request<Json>('POST', url('/replay'), {}, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      replayed: [{ id: secondId, subject: SUBJECT, envelopeId: second.id, duplicate: false }],
      notFound: [],
      failed: null,
    });
    expect(await deadLetterCount()).toBe(0);
    expect((await request<Json>('GET', url(), undefined, { token: admin })).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it.each([
    ['GET', '/abc', 'id', undefined],
    ['GET', '/0', 'id', undefined],
    ['POST', '/1.5/replay', 'id', undefined],
    ['GET', '?since=yesterday', 'since', undefined],
    ['GET', '?since=2026-03-14', 'since', undefined],
    ['GET', '?limit=0', 'limit', undefined],
    ['GET', '?limit=501', 'limit', undefined],
    ['GET', '?cursor=next', 'cursor', undefined],
    ['GET', '?subject=nothing.>', 'subject', undefined],
    ['GET', '?subject=claims..v1', 'subject', undefined],
    ['POST', '/replay', 'since', { since: 'soon' }],
    ['POST', '/replay', 'subject', { subject: 'claims.claim.decided.v9' }],
    ['POST', '/replay', 'everything', { everything: true }],
  ] as const)('answers %s %s with a 400 naming %s', async (method, path, field, body) => {
    const response = await request<Json>(method, url(path), body, { token: admin });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});
