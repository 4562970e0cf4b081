import { join } from 'node:path';
import { ConfigError, readString, readUrl } from '#libs/config';
import { readExplorerTxUrl } from './explorer-tx-url.js';
import { repoRoot } from './repo-root.js';

/** The portal's OpenID Connect client (authorization code with PKCE, a public client: no secret). */
export interface PortalOidcConfig {
  /** The issuer, as its discovery document (`/.well-known/openid-configuration`) names itself. */
  issuer: string;
  clientId: string;
  /** Space-separated scopes; `openid` at least. */
  scope: string;
}

export interface PortalConfig {
  /** The built web app (`vite build` output): `dist/portal` of the repository or image by default. */
  dir: string;
  /** Production sign-in; absent, the portal offers the development sign-in (development secret only). */
  oidc?: PortalOidcConfig;
  /** Where the app links a transaction hash: a URL template with `{txHash}` (explorer-tx-url.ts). */
  explorerTxUrl?: string;
}

/**
 * `PORTAL_DIR`, and `PORTAL_OIDC_ISSUER` with `PORTAL_OIDC_CLIENT_ID` (both or neither) and
 * `PORTAL_OIDC_SCOPE` (default `openid`). The issuer's origin is added to the portal's connect-src, since
 * the browser fetches its discovery document and exchanges the code at its token endpoint. And
 * `PORTAL_EXPLORER_TX_URL`, the block explorer's transaction page (a link leaves the app: the CSP, which governs
 * what the app loads, not where a link goes, is unchanged).
 */
export function readPortalConfig(env: NodeJS.ProcessEnv): PortalConfig {
  const dir = readString(env, 'PORTAL_DIR', join(repoRoot(), 'dist', 'portal'));
  const issuerSet = Boolean(env.PORTAL_OIDC_ISSUER);
  const clientSet = Boolean(env.PORTAL_OIDC_CLIENT_ID);
  if (issuerSet !== clientSet) {
    throw new ConfigError(
      issuerSet ? 'PORTAL_OIDC_CLIENT_ID' : 'PORTAL_OIDC_ISSUER',
      'must be set together with the other (PORTAL_OIDC_ISSUER and PORTAL_OIDC_CLIENT_ID)',
    );
  }
  const explorerTxUrl = readExplorerTxUrl(env);
  const links = explorerTxUrl === undefined ? {} : { explorerTxUrl };
  if (!issuerSet) return { dir, ...links };
  const issuer = readUrl(env, 'PORTAL_OIDC_ISSUER', '', ['https:', 'http:']);
  const scope = readString(env, 'PORTAL_OIDC_SCOPE', 'openid');
  if (!scope.split(' ').includes('openid')) throw new ConfigError('PORTAL_OIDC_SCOPE', 'must include "openid"');
  return { dir, oidc: { issuer, clientId: readString(env, 'PORTAL_OIDC_CLIENT_ID'), scope }, ...links };
}
