import { isRpcReply, problemForRpcError } from './rpc-problem.js';

describe('RPC errors as problems', () => {
  it.each([
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    ['CONFLICT', 409],
    ['VALIDATION', 400],
    ['UNAVAILABLE', 503],
    ['INTERNAL', 500],
  ] as const)('answers %s with %i and the service’s detail', (code, status) => {
    expect(problemForRpcError({ code, detail: 'why' })).toMatchObject({ status, detail: 'why' });
  });

  it('keeps the field errors of a validation error and of a conflict', () => {
    const errors = [{ field: 'providerId', message: 'not yours' }];
    expect(problemForRpcError({ code: 'VALIDATION', detail: 'bad', errors }).errors).toEqual(errors);
    expect(problemForRpcError({ code: 'CONFLICT', detail: 'taken', errors }).errors).toEqual(errors);
    expect(problemForRpcError({ code: 'CONFLICT', detail: 'taken' })).not.toHaveProperty('errors');
  });

  it('recognises replies and nothing else', () => {
    expect(isRpcReply({ ok: true, value: null })).toBe(true);
    expect(isRpcReply({ ok: false, error: { code: 'NOT_FOUND', detail: 'x' } })).toBe(true);
    expect(isRpcReply({ ok: false, error: { code: 'INTERNAL', detail: 'x' } })).toBe(true);
    expect(isRpcReply({ ok: false, error: { code: 'TEAPOT', detail: 'x' } })).toBe(false);
    expect(isRpcReply({ ok: true })).toBe(false);
    expect(isRpcReply('ok')).toBe(false);
    expect(isRpcReply(null)).toBe(false);
  });
});
