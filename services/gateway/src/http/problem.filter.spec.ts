import { Logger, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { ProblemFilter } from './problem.filter.js';

interface Sent {
  status: number;
  headers: Record<string, string>;
  type: string;
  body: Record<string, unknown>;
}

/** Runs the filter on `exception` as for `POST /v1/claims` and returns what it sent. */
function answerTo(exception: unknown): Sent {
  const sent: Partial<Sent> = { headers: {} };
  const reply = {
    sent: false,
    status(code: number) {
      sent.status = code;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(sent.headers!, values);
      return reply;
    },
    type(value: string) {
      sent.type = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const request = { method: 'POST', url: '/v1/claims', id: 'req-1' };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent as Sent;
}

describe('the problem filter', () => {
  const logged: { level: string; message: string }[] = [];
  beforeAll(() => {
    Logger.overrideLogger({
      log: () => undefined,
      warn: (message: string) => logged.push({ level: 'warn', message }),
      error: (message: string) => logged.push({ level: 'error', message }),
    });
  });
  afterAll(() => Logger.overrideLogger(false));
  beforeEach(() => (logged.length = 0));

  it('answers the database refusing connections with 503 and Retry-After, logging the cause once as a warning', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const sent = answerTo(refused);
    expect(sent.status).toBe(503);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.headers['Retry-After']).toBe('2');
    expect(sent.body).toMatchObject({ type: 'urn:problem:healthclaims:service-unavailable', requestId: 'req-1' });
    expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|5432/);
    expect(logged).toEqual([{ level: 'warn', message: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('answers a bug with 500, saying nothing of it, and logs its stack as an error', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const sent = answerTo(bug);
    expect(sent.status).toBe(500);
    expect(sent.headers).not.toHaveProperty('Retry-After');
    expect(sent.body).toMatchObject({ type: 'urn:problem:healthclaims:internal' });
    expect(JSON.stringify(sent.body)).not.toContain('reading');
    expect(logged).toEqual([{ level: 'error', message: expect.stringContaining('TypeError') }]);
  });

  it('gives a deliberate 503 (readiness) Retry-After, without logging it as a failure', () => {
    const sent = answerTo(new ServiceUnavailableException({ status: 'error' }));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('1');
    expect(sent.body.detail).toBe('the service is temporarily unavailable; retry shortly');
    expect(logged).toEqual([]);
  });
});
