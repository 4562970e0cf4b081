import { createLogger, NestPinoLogger } from '#libs/observability';
import { CapturedLog, metricSample as sample, scrapeMetrics, UNTHROTTLED, waitFor } from '#libs/testing';
import type { ReceivedCall } from './support/stand-in-services.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

const CLAIM = '7d3b9c1e-2f4a-4e6b-9a8c-1b2c3d4e5f60';
const MISSING_CLAIM = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

/** The claims service as far as these calls need it: one claim, and an empty list. */
function services(call: ReceivedCall) {
  const payload = call.request.payload as { id?: string };
  if (call.pattern === 'rpc.claims.get' && payload.id === CLAIM) {
    return { reply: { ok: true, value: { id: CLAIM, memberId: 'M-1', status: 'received' } } };
  }
  if (call.pattern === 'rpc.claims.list') return { reply: { ok: true, value: { items: [], nextCursor: null } } };
  return { reply: { ok: false, error: { code: 'NOT_FOUND', detail: 'no such claim' } } };
}

describe('the gateway’s request metrics and request log', () => {
  let gateway: GatewayHarness;
  const log = new CapturedLog();
  let clinic: string;

  beforeAll(async () => {
    const logger = new NestPinoLogger(createLogger('gateway', { level: 'info', destination: log }));
    gateway = await startGateway({ ...UNTHROTTLED }, { logger });
    gateway.standIn.reset(services);
    clinic = await gateway.token({ role: 'clinic', org: 'P-1', sub: 'nurse-7' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const metrics = () => scrapeMetrics(gateway.url);
  const call = (path: string, token?: string, requestId?: string) =>
    request('GET', `${gateway.url}${path}`, undefined, {
      token,
      headers: requestId ? { 'x-request-id': requestId } : {},
    });

  it('counts requests and their durations by route template and status, never by raw URL', async () => {
    expect((await call(`/v1/claims/${CLAIM}`, clinic)).status).toBe(200);
    expect((await call(`/v1/claims/${CLAIM}`, clinic)).status).toBe(200);
    expect((await call(`/v1/claims/${MISSING_CLAIM}`, clinic)).status).toBe(404);
    expect((await call('/v1/claims?memberId=M-1&status=approved', clinic)).status).toBe(200);
    expect((await call(`/v1/claims/${CLAIM}`)).status).toBe(401);
    expect((await call(`/v1/no-such-thing/${CLAIM}`, clinic)).status).toBe(404);

    // The hook runs once the response is sent: the scrape may come a moment before the last count.
    const text = await waitFor(
      async () => {
        const scraped = await metrics();
        return (
          sample(scraped, 'http_server_requests_total{method="GET",route="unmatched",status="404"}') === 1 && scraped
        );
      },
      { what: 'the last request to be counted' },
    );
    const byId = (status: number) => `{method="GET",route="/v1/claims/:id",status="${status}"}`;
    expect(sample(text, `http_server_requests_total${byId(200)}`)).toBe(2);
    expect(sample(text, `http_server_requests_total${byId(404)}`)).toBe(1);
    expect(sample(text, `http_server_requests_total${byId(401)}`)).toBe(1);
    expect(sample(text, 'http_server_requests_total{method="GET",route="/v1/claims",status="200"}')).toBe(1);

    expect(sample(text, `http_server_request_duration_seconds_count${byId(200)}`)).toBe(2);
    const seconds = sample(text, `http_server_request_duration_seconds_sum${byId(200)}`);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(10);
    const infinity = `http_server_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/claims/:id",status="200"}`;
    expect(sample(text, infinity)).toBe(2);

    // No id, path or query value of a request becomes a label.
    for (const raw of [CLAIM, MISSING_CLAIM, 'no-such-thing', 'M-1', 'approved']) expect(text).not.toContain(raw);
  });

  it('writes one log line per API call: method, route, status, duration, request id and role, nothing else', async () => {
    log.clear();
    const secret = 'Zelda Quartermain-Uniquename';
    expect((await call(`/v1/claims/${CLAIM}`, clinic, 'log-read-1')).status).toBe(200);
    expect((await call('/v1/claims?memberId=M-1&status=approved', clinic, 'log-list-1')).status).toBe(200);
    expect((await call(`/v1/claims/${CLAIM}`, undefined, 'log-anonymous-1')).status).toBe(401);
    const refused = await request(
      'POST',
      `${gateway.url}/v1/members`,
      { name: secret, birthDate: '1990-01-01', unexpected: secret },
      { token: clinic, headers: { 'x-request-id': 'log-write-1' } },
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // Probes and scrapes are counted, not logged.
    expect((await call('/health/live')).status).toBe(200);
    await metrics();

    const lines = await waitFor(() => log.linesSaying('request').length >= 4 && log.linesSaying('request'), {
      what: 'four request log lines',
    });
    const byId = new Map(lines.map((line) => [line.request_id, line]));
    expect(byId.get('log-read-1')).toMatchObject({
      service: 'gateway',
      level: 'info',
      context: 'Request',
      method: 'GET',
      route: '/v1/claims/:id',
      status: 200,
      role: 'clinic',
    });
    expect(byId.get('log-list-1')).toMatchObject({ route: '/v1/claims', status: 200, role: 'clinic' });
    expect(byId.get('log-anonymous-1')).toMatchObject({ route: '/v1/claims/:id', status: 401, role: null });
    expect(byId.get('log-write-1')).toMatchObject({
      method: 'POST',
      route: '/v1/members',
      status: refused.status,
      role: 'clinic',
    });
    for (const line of lines) {
      expect(typeof line.duration_ms).toBe('number');
      expect(line.duration_ms as number).toBeGreaterThanOrEqual(0);
      expect(Object.keys(line).sort()).toEqual(
        ['context', 'duration_ms', 'level', 'method', 'msg', 'request_id', 'role', 'route', 'service', 'status', 'time']
          .concat('trace_id' in line ? ['span_id', 'trace_id'] : [])
          .sort(),
      );
    }
    expect(lines.map((line) => line.request_id).sort()).toEqual(
      ['log-anonymous-1', 'log-list-1', 'log-read-1', 'log-write-1'].sort(),
    );

    // Nothing of what was asked travels into the log: ids in paths, query values, the body, the token.
    const written = log.text();
    for (const raw of [CLAIM, 'M-1', 'approved', secret, clinic]) expect(written).not.toContain(raw);
  });
});
