import { readAuthConfig, type AuthConfig } from '#libs/auth';
import { ConfigError, readInt, readServiceConfig, type ServiceConfig } from '#libs/config';
import { readAdmissionConfig, type AdmissionConfig } from '../admission/admission-config.js';
import { readPortalConfig, type PortalConfig } from '../portal/portal-config.js';
import { readSecurityConfig, type SecurityConfig } from '../security/security-config.js';

export interface GatewayConfig extends ServiceConfig {
  auth: AuthConfig;
  /** How long a request/reply call to a service may take before the caller gets 503. */
  rpcTimeoutMs: number;
  /** How long an Idempotency-Key is remembered; API.md promises at least 24 hours. */
  idempotencyTtlHours: number;
  /** `/health/ready` of the services behind the gateway, which its own readiness includes. */
  upstreamReadyUrls: string[];
  /** Security headers and rate limits. */
  security: SecurityConfig;
  /** How often the audit chain's head is anchored on chain when it moved; 0: never. */
  auditAnchorIntervalSeconds: number;
  /** The web app under /app: where its files are, how people sign in. */
  portal: PortalConfig;
  /** When POST /v1/claims refuses new claims because too many wait for review. */
  admission: AdmissionConfig;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Read once at start; a bad value stops the gateway with a message naming the variable. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    ...readServiceConfig('gateway', env),
    auth: readAuthConfig(env),
    rpcTimeoutMs: readInt(env, 'RPC_TIMEOUT_MS', 5000, 100, 60_000),
    idempotencyTtlHours: readInt(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24, 24 * 365),
    upstreamReadyUrls: readUrlList(env, 'UPSTREAM_READY_URLS'),
    security: readSecurityConfig(env),
    auditAnchorIntervalSeconds: readInt(env, 'AUDIT_ANCHOR_INTERVAL_SECONDS', 300, 0, 7 * 86_400),
    portal: readPortalConfig(env),
    admission: readAdmissionConfig(env),
  };
}

function readUrlList(env: NodeJS.ProcessEnv, name: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError(name, `must be a comma-separated list of http(s) URLs, got "${item}"`);
    }
  }
  return items;
}
