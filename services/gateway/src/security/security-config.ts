import { readInt } from '#libs/config';

/** How the gateway protects its responses and itself; read once at start (README, Configuration). */
export interface SecurityConfig {
  /**
   * `Strict-Transport-Security` max-age in seconds; 0 (the default) sends no HSTS header, because
   * browsers would then refuse plain http on localhost. Set it where TLS ends at the gateway's host.
   */
  hstsMaxAgeSeconds: number;
  rateLimit: RateLimitConfig;
}

export interface RateLimitConfig {
  /** Requests one caller (a verified token's subject) may make per window; 0 turns the limit off. */
  perPrincipal: number;
  /** Requests one client address may make per window, whoever it claims to be; 0 turns it off. */
  perIp: number;
  windowSeconds: number;
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** A bad value stops the gateway with a message naming the variable. */
export function readSecurityConfig(env: NodeJS.ProcessEnv): SecurityConfig {
  return {
    hstsMaxAgeSeconds: readInt(env, 'HSTS_MAX_AGE_SECONDS', 0, 0, 2 * ONE_YEAR_SECONDS),
    rateLimit: {
      perPrincipal: readInt(env, 'RATE_LIMIT_PER_PRINCIPAL', 1200, 0, 1_000_000),
      perIp: readInt(env, 'RATE_LIMIT_PER_IP', 3000, 0, 1_000_000),
      windowSeconds: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
    },
  };
}
