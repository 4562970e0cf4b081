import { z } from 'zod';
import { entityId, type Principal, type RpcReply } from '#libs/contracts';
import { inRole, insurerOf } from './refusals.js';
import { fail, ok } from './rpc-replies.js';
import { mintedId, serveRequest } from './serve-request.js';

function recordingLogger() {
  const lines: { level: 'warn' | 'error'; message: string }[] = [];
  return {
    lines,
    warn: (message: string) => lines.push({ level: 'warn', message }),
    error: (message: string) => lines.push({ level: 'error', message }),
  };
}

const insurer: Principal = { sub: 'u-1', role: 'insurer', org: 'I-1' };
const clinic: Principal = { sub: 'u-2', role: 'clinic', org: 'P-1' };
const asking = (principal: unknown, payload?: unknown) => ({ principal, payload, requestId: 'r-1' });

const networkPayload = z.object({
  providerId: entityId,
  status: z.enum(['in', 'out']),
  lines: z.array(z.object({ code: z.string().regex(/^[A-Z0-9]{5}$/, 'must be 5 letters or digits') })).optional(),
});

/** The rules of an insurer-only handler with a schema, as `PUT /v1/network/{providerId}` has them. */
function setNetwork(
  request: unknown,
  work: (input: z.output<typeof networkPayload>, insurerId: string) => RpcReply<unknown> = (input, insurerId) =>
    ok({ insurerId, ...input }),
) {
  const logger = recordingLogger();
  const reply = serveRequest(
    logger,
    request,
    {
      action: 'set the network status',
      caller: insurerOf,
      refusal: 'keep a network',
      payload: networkPayload,
      invalidDetail: 'the network status is not valid',
    },
    ({ caller, input }) => Promise.resolve(work(input, caller)),
  );
  return { logger, reply };
}

describe('serving a request', () => {
  it('answers its work, given the caller’s scope and the parsed payload', async () => {
    const { reply, logger } = setNetwork(asking(insurer, { providerId: 'P-1', status: 'in' }));
    expect(await reply).toEqual({ ok: true, value: { insurerId: 'I-1', providerId: 'P-1', status: 'in' } });
    expect(logger.lines).toEqual([]);
  });

  it.each([
    ['no principal', asking(undefined)],
    ['a principal of no known role', asking({ sub: 'u', role: 'root' })],
    ['no request at all', undefined],
  ])('refuses %s as a request without a valid principal, before anything else', async (_, request) => {
    const { reply } = setNetwork(request);
    expect(await reply).toEqual({
      ok: false,
      error: { code: 'VALIDATION', detail: 'the request carries no valid principal' },
    });
  });

  it('refuses a caller its rule does not admit, before reading the payload', async () => {
    const { reply } = setNetwork(asking(clinic, { status: 'maybe' }));
    expect(await reply).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'role clinic may not keep a network' },
    });
  });

  it('answers a refusal the service words itself', async () => {
    const reply = await serveRequest(
      recordingLogger(),
      asking(clinic),
      {
        action: 'list claims',
        caller: (principal) => (principal.role === 'insurer' ? principal.org : null),
        refusal: (principal) => fail({ code: 'FORBIDDEN', detail: `role ${principal.role} has no claims to list` }),
      },
      () => Promise.resolve(ok([])),
    );
    expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: 'role clinic has no claims to list' } });
  });

  it('names every wrong field of the payload, by its path, and does no work', async () => {
    let worked = false;
    const { reply } = setNetwork(asking(insurer, { status: 'maybe', lines: [{ code: '9921' }] }), () => {
      worked = true;
      return ok({});
    });
    expect(await reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        detail: 'the network status is not valid',
        errors: [
          { field: 'providerId', message: 'is required' },
          { field: 'status', message: expect.any(String) },
          { field: 'lines[0].code', message: 'must be 5 letters or digits' },
        ],
      },
    });
    expect(worked).toBe(false);
  });

  it('reads the payload with a parse of the service’s own, given the principal', async () => {
    const reply = await serveRequest(
      recordingLogger(),
      asking(clinic, { providerId: 'P-2' }),
      {
        action: 'create the estimate',
        payload: (payload, principal) =>
          (payload as { providerId?: string }).providerId === principal.org
            ? { ok: true as const, value: principal.org }
            : { ok: false as const, errors: [{ field: 'providerId', message: 'must be the calling clinic' }] },
        invalidDetail: 'the estimate request is not valid',
      },
      ({ input }) => Promise.resolve(ok(input)),
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        detail: 'the estimate request is not valid',
        errors: [{ field: 'providerId', message: 'must be the calling clinic' }],
      },
    });
  });

  it('answers an id that names nothing this service minted as not found', async () => {
    const serve = (payload: unknown) =>
      serveRequest(
        recordingLogger(),
        asking(insurer, payload),
        { action: 'read the flag', read: mintedId('flag') },
        (served) => Promise.resolve(ok(served.input)),
      );
    const id = '6f1c2f5e-8a1b-4c3d-9e0f-1a2b3c4d5e6f';
    expect(await serve({ id })).toEqual({ ok: true, value: id });
    for (const payload of [{ id: id.toUpperCase() }, { id: 'F-1' }, { id: 7 }, undefined]) {
      expect(await serve(payload)).toEqual({ ok: false, error: { code: 'NOT_FOUND', detail: 'no such flag' } });
    }
  });

  it('lets any vouched-for caller ask when there is no caller rule, its scope the principal', async () => {
    const served = await serveRequest(recordingLogger(), asking(clinic), { action: 'list the contracts' }, (asked) =>
      Promise.resolve(ok({ caller: asked.caller, input: asked.input })),
    );
    expect(served).toEqual({ ok: true, value: { caller: clinic, input: undefined } });
  });

  it('answers UNAVAILABLE when the work meets an outage, and logs the cause once', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { reply, logger } = setNetwork(asking(insurer, { providerId: 'P-1', status: 'in' }), () => {
      throw outage;
    });
    expect(await reply).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', detail: 'could not set the network status now; try again shortly' },
    });
    expect(logger.lines).toEqual([{ level: 'warn', message: expect.stringContaining(outage.message) }]);
  });

  it('answers INTERNAL when the work has a bug', async () => {
    const { reply } = setNetwork(asking(insurer, { providerId: 'P-1', status: 'in' }), (): RpcReply<never> => {
      throw new TypeError('x is undefined');
    });
    expect(await reply).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        detail: 'could not set the network status: an unexpected error occurred; it has been logged',
      },
    });
  });

  it('admits callers by role', async () => {
    const serve = (principal: Principal) =>
      serveRequest(
        recordingLogger(),
        asking(principal),
        { action: 'read estimates', caller: inRole('clinic', 'patient'), refusal: 'read estimates' },
        ({ caller }) => Promise.resolve(ok<'clinic' | 'patient'>(caller)),
      );
    expect(await serve(clinic)).toEqual({ ok: true, value: 'clinic' });
    expect(await serve(insurer)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'role insurer may not read estimates' },
    });
  });
});
