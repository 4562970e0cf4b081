import type { Principal } from '#libs/contracts';
import { InvalidTokenError } from './principal-claims.js';
import { cachingVerifier, VerifiedTokenCache, type VerifiedToken } from './verified-token-cache.js';

const admin: Principal = { sub: 'root', role: 'admin' };
const clinic: Principal = { sub: 'nurse', role: 'clinic', org: 'P-1' };

/** A clock the test moves, and a stub verifier that counts its calls and answers from a table. */
function setUp(answers: Record<string, VerifiedToken | Error>, maxEntries = 10) {
  let nowMs = 1_000_000;
  const calls: string[] = [];
  const cache = new VerifiedTokenCache(maxEntries, () => nowMs);
  const verify = cachingVerifier(async (token) => {
    calls.push(token);
    const answer = answers[token];
    if (!answer || answer instanceof Error) throw answer ?? new InvalidTokenError('unknown token');
    return answer;
  }, cache);
  return { verify, calls, cache, advance: (ms: number) => (nowMs += ms), at: () => nowMs };
}

describe('verified token cache', () => {
  it('does not verify a remembered token again', async () => {
    const { verify, calls } = setUp({ a: { principal: admin, expiresAtMs: 2_000_000 } });
    await expect(verify('a')).resolves.toEqual(admin);
    await expect(verify('a')).resolves.toEqual(admin);
    expect(calls).toEqual(['a']);
  });

  it('verifies a different token', async () => {
    const { verify, calls } = setUp({
      a: { principal: admin, expiresAtMs: 2_000_000 },
      b: { principal: clinic, expiresAtMs: 2_000_000 },
    });
    await verify('a');
    await expect(verify('b')).resolves.toEqual(clinic);
    await expect(verify('c')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls).toEqual(['a', 'b', 'c']);
  });

  it('verifies again once the remembered token reaches its exp, and passes the refusal on', async () => {
    const answers: Record<string, VerifiedToken | Error> = { a: { principal: admin, expiresAtMs: 1_060_000 } };
    const { verify, calls, advance } = setUp(answers);
    await verify('a');
    advance(59_999);
    await expect(verify('a')).resolves.toEqual(admin);
    expect(calls).toEqual(['a']);
    answers.a = new InvalidTokenError('token has expired');
    advance(1);
    await expect(verify('a')).rejects.toThrow('token has expired');
    expect(calls).toEqual(['a', 'a']);
  });

  it('never remembers a failure', async () => {
    const answers: Record<string, VerifiedToken | Error> = { a: new InvalidTokenError('JWKS unreachable') };
    const { verify, calls } = setUp(answers);
    await expect(verify('a')).rejects.toBeInstanceOf(InvalidTokenError);
    answers.a = { principal: admin, expiresAtMs: 2_000_000 };
    await expect(verify('a')).resolves.toEqual(admin);
    expect(calls).toEqual(['a', 'a']);
  });

  it('does not remember a token verified within the clock tolerance after its exp', async () => {
    const { verify, calls, cache } = setUp({ a: { principal: admin, expiresAtMs: 999_000 } });
    await verify('a');
    await verify('a');
    expect(calls).toEqual(['a', 'a']);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used token beyond its size', async () => {
    const verified = { principal: admin, expiresAtMs: 2_000_000 };
    const { verify, calls, cache } = setUp({ a: verified, b: verified, c: verified }, 2);
    await verify('a');
    await verify('b');
    await verify('a'); // a is now the most recently used
    await verify('c'); // evicts b
    expect(cache.size).toBe(2);
    await verify('a');
    await verify('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('gives each caller its own copy of the principal', async () => {
    const { verify } = setUp({ a: { principal: { sub: 'root', role: 'admin' }, expiresAtMs: 2_000_000 } });
    const first = await verify('a');
    first.sub = 'changed';
    const second = await verify('a');
    second.sub = 'changed again';
    await expect(verify('a')).resolves.toEqual({ sub: 'root', role: 'admin' });
  });

  it('remembers nothing with size 0', async () => {
    const { verify, calls } = setUp({ a: { principal: admin, expiresAtMs: 2_000_000 } }, 0);
    await verify('a');
    await verify('a');
    expect(calls).toEqual(['a', 'a']);
  });
});
