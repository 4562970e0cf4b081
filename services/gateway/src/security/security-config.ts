import { isIP } from 'node:net';
import { ConfigError, readInt } from '#libs/config';

/** How the gateway protects its responses and itself; read once at start (README, Configuration). */
export interface SecurityConfig {
  /**
   * `Strict-Transport-Security` max-age in seconds; 0 (the default) sends no HSTS header, because
   * browsers would then refuse plain http on localhost. Set it where TLS ends at the gateway's host.
   */
  hstsMaxAgeSeconds: number;
  /**
   * Proxies (IPs or CIDR ranges) whose `X-Forwarded-For` names the client. Empty (the default): the
   * client is the socket's peer and the header is ignored, so a caller cannot pick its own address
   * to escape the per-address limit.
   */
  trustedProxies: string[];
  rateLimit: RateLimitConfig;
}

export interface RateLimitConfig {
  /** Requests one caller (a verified token's subject) may make per window; 0 turns the limit off. */
  perPrincipal: number;
  /** Requests one client address may make per window, whoever it claims to be; 0 turns it off. */
  perIp: number;
  windowSeconds: number;
  /**
   * Longest wait for the shared counts before the request is counted by this replica alone: a slow
   * or hung database must neither stall the API nor let abuse through unlimited.
   */
  storeTimeoutMs: number;
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** A bad value stops the gateway with a message naming the variable. */
export function readSecurityConfig(env: NodeJS.ProcessEnv): SecurityConfig {
  return {
    hstsMaxAgeSeconds: readInt(env, 'HSTS_MAX_AGE_SECONDS', 0, 0, 2 * ONE_YEAR_SECONDS),
    trustedProxies: readAddressList(env, 'TRUSTED_PROXIES'),
    rateLimit: {
      perPrincipal: readInt(env, 'RATE_LIMIT_PER_PRINCIPAL', 1200, 0, 1_000_000),
      perIp: readInt(env, 'RATE_LIMIT_PER_IP', 3000, 0, 1_000_000),
      windowSeconds: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      storeTimeoutMs: readInt(env, 'RATE_LIMIT_STORE_TIMEOUT_MS', 500, 50, 10_000),
    },
  };
}

/** A comma-separated list of IP addresses and CIDR ranges (`10.0.0.0/8`, `::1`), as Fastify's `trustProxy` takes. */
function readAddressList(env: NodeJS.ProcessEnv, name: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!isAddressOrRange(item)) {
      throw new ConfigError(name, `must be a comma-separated list of IP addresses or CIDR ranges, got "${item}"`);
    }
  }
  return items;
}

function isAddressOrRange(item: string): boolean {
  const [address = '', prefix, ...rest] = item.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
