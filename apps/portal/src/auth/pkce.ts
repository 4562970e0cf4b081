/**
 * The parts of OpenID Connect's authorization code flow with PKCE (RFC 7636) that must be right: a
 * verifier with enough entropy, its S256 challenge, and a state that ties the callback to the request
 * this browser tab made. Pure functions over Web Crypto, unit-tested.
 */

/** 32 random bytes, base64url: 43 characters, within RFC 7636's 43–128. */
export function randomUrlSafe(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636 §4.2, S256). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What the tab remembers between leaving for the issuer and coming back (sessionStorage). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** The app path to return to. */
  returnTo: string;
  createdAt: number;
}

/** A sign-in left unfinished longer than this is refused on return. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60 * 1000;

export async function startSignIn(
  authorizationEndpoint: string,
  client: { clientId: string; scope: string; redirectUri: string },
  returnTo: string,
  now = Date.now(),
): Promise<{ url: string; pending: PendingSignIn }> {
  const pending: PendingSignIn = {
    state: randomUrlSafe(),
    nonce: randomUrlSafe(),
    verifier: randomUrlSafe(),
    returnTo,
    createdAt: now,
  };
  const url = new URL(authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', client.scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await s256Challenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), pending };
}

export type CallbackCheck = { ok: true; code: string } | { ok: false; reason: string };

/**
 * The issuer's redirect back (`?code=&state=` or `?error=`), checked against the pending sign-in: the
 * state must be the one this tab sent (CSRF, RFC 6749 §10.12), and recent.
 */
export function checkCallback(
  query: URLSearchParams,
  pending: PendingSignIn | undefined,
  now = Date.now(),
): CallbackCheck {
  const error = query.get('error');
  if (error) return { ok: false, reason: `the sign-in was refused: ${query.get('error_description') ?? error}` };
  if (!pending) return { ok: false, reason: 'no sign-in was started in this tab' };
  if (query.get('state') !== pending.state) return { ok: false, reason: 'the sign-in answer does not match this tab' };
  if (now - pending.createdAt > PENDING_SIGN_IN_TTL_MS) return { ok: false, reason: 'the sign-in took too long' };
  const code = query.get('code');
  if (!code) return { ok: false, reason: 'the sign-in answer has no code' };
  return { ok: true, code };
}

/** The form body of the code exchange at the token endpoint (a public client: the verifier, no secret). */
export function tokenRequestBody(
  code: string,
  pending: PendingSignIn,
  client: { clientId: string; redirectUri: string },
): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    client_id: client.clientId,
    code_verifier: pending.verifier,
  });
}
