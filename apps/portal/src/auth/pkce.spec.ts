import { createHash } from 'node:crypto';
import { checkCallback, PENDING_SIGN_IN_TTL_MS, s256Challenge, startSignIn, tokenRequestBody } from './pkce';

const client = { clientId: 'portal', scope: 'openid profile', redirectUri: 'https://hc.example/app/callback' };

describe('PKCE and state (OpenID Connect sign-in)', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('asks for a code with a fresh verifier, state and nonce, and the S256 challenge of that verifier', async () => {
    const first = await startSignIn('https://login.example/authorize?ui=x', client, '/patient', 1000);
    const second = await startSignIn('https://login.example/authorize?ui=x', client, '/patient', 1000);
    const url = new URL(first.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ui: 'x',
      response_type: 'code',
      client_id: 'portal',
      redirect_uri: client.redirectUri,
      scope: 'openid profile',
      state: first.pending.state,
      nonce: first.pending.nonce,
      code_challenge: createHash('sha256').update(first.pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(first.pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([first.pending.state, first.pending.nonce, first.pending.verifier]).size).toBe(3);
    expect(second.pending.state).not.toBe(first.pending.state);
    expect(second.pending.verifier).not.toBe(first.pending.verifier);
    expect(url.searchParams.get('code_verifier')).toBeNull();
  });

  it('takes the code only with the state this tab sent, in time', async () => {
    const { pending } = await startSignIn('https://login.example/authorize', client, '/', 1000);
    const answer = (query: Record<string, string>) => new URLSearchParams(query);
    expect(checkCallback(answer({ code: 'abc', state: pending.state }), pending, 2000)).toEqual({
      ok: true,
      code: 'abc',
    });
    expect(checkCallback(answer({ code: 'abc', state: 'forged' }), pending, 2000)).toMatchObject({ ok: false });
    expect(checkCallback(answer({ code: 'abc', state: pending.state }), undefined, 2000)).toMatchObject({
      ok: false,
    });
    expect(
      checkCallback(answer({ code: 'abc', state: pending.state }), pending, 1000 + PENDING_SIGN_IN_TTL_MS + 1),
    ).toEqual({ ok: false, reason: 'the sign-in took too long' });
    expect(checkCallback(answer({ error: 'access_denied', state: pending.state }), pending, 2000)).toEqual({
      ok: false,
      reason: 'the sign-in was refused: access_denied',
    });
    expect(checkCallback(answer({ state: pending.state }), pending, 2000)).toMatchObject({ ok: false });
  });

  it('exchanges the code with the verifier and no client secret', async () => {
    const { pending } = await startSignIn('https://login.example/authorize', client, '/', 1000);
    expect(Object.fromEntries(tokenRequestBody('abc', pending, client))).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: client.redirectUri,
      client_id: 'portal',
      code_verifier: pending.verifier,
    });
  });
});
