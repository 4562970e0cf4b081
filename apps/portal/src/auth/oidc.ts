import type { components } from '../api/generated/schema';
import { BASE } from '../router/router';
import { checkCallback, startSignIn, tokenRequestBody, type PendingSignIn } from './pkce';
import { signIn, tokenClaims, type Role } from './session';

type OidcClient = components['schemas']['OidcClientView'];

const PENDING_KEY = 'healthclaims.oidc.pending';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** The issuer's discovery document (OpenID Connect Discovery 1.0, §4). */
async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the sign-in service did not answer (${response.status})`);
  const document = (await response.json()) as Partial<Discovery>;
  if (!document.authorization_endpoint || !document.token_endpoint) {
    throw new Error('the sign-in service’s discovery document names no authorization or token endpoint');
  }
  return { authorization_endpoint: document.authorization_endpoint, token_endpoint: document.token_endpoint };
}

export const redirectUri = () => `${window.location.origin}${BASE}/callback`;

/** Leaves for the issuer's sign-in page; the tab remembers the verifier and state to finish on return. */
export async function beginOidcSignIn(client: OidcClient, returnTo: string): Promise<void> {
  const { authorization_endpoint } = await discover(client.issuer);
  const { url, pending } = await startSignIn(
    authorization_endpoint,
    { clientId: client.clientId, scope: client.scope, redirectUri: redirectUri() },
    returnTo,
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(url);
}

/**
 * Back from the issuer: checks the state, exchanges the code (with the PKCE verifier) for tokens, keeps
 * the access token in the session and wipes the code from the address bar. Returns where to go next.
 */
export async function finishOidcSignIn(client: OidcClient, query: URLSearchParams): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  window.history.replaceState(null, '', `${BASE}/callback`);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  const checked = checkCallback(query, pending);
  if (!checked.ok || !pending) throw new Error(checked.ok ? 'no sign-in was started in this tab' : checked.reason);
  const { token_endpoint } = await discover(client.issuer);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(checked.code, pending, { clientId: client.clientId, redirectUri: redirectUri() }),
  });
  if (!response.ok) throw new Error(`the sign-in service refused the code (${response.status})`);
  const tokens = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!tokens.access_token) throw new Error('the sign-in service sent no access token');
  const claims = tokenClaims(tokens.access_token);
  const role = claims.role as Role;
  const expiresAt =
    typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + (tokens.expires_in ?? 3600) * 1000;
  const who = typeof claims.org === 'string' ? claims.org : typeof claims.patient === 'string' ? claims.patient : '';
  signIn({ token: tokens.access_token, role, label: [role, who].filter(Boolean).join(' '), expiresAt });
  return pending.returnTo;
}
