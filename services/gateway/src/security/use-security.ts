import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { useRateLimits } from './rate-limits.js';
import type { SecurityConfig } from './security-config.js';
import { useSecurityHeaders } from './security-headers.js';

/** Security headers on every response, then the rate limits (so a 429 carries the headers too). */
export async function useSecurity(
  app: NestFastifyApplication,
  config: SecurityConfig,
  portal: { portalConnectTo?: string[] } = {},
): Promise<void> {
  await useSecurityHeaders(app, config, portal);
  await useRateLimits(app, config.rateLimit);
}
