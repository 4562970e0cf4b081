import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { bearerToken, TOKEN_VERIFIER, type TokenVerifier } from '#libs/auth';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../http/problem.js';
import { PostgresRateLimitCounter, postgresRateLimitStore } from './postgres-rate-limit-store.js';
import type { RateLimitConfig } from './security-config.js';

/** Liveness probes must never be refused: a throttled probe would get a healthy gateway restarted. */
const EXEMPT_PATHS = new Set(['/health/live']);

type Limiter = (request: FastifyRequest) => Promise<LimiterResult>;
type LimiterResult =
  | { isAllowed: true; key: string }
  | { isAllowed: false; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean };
type Counted = Extract<LimiterResult, { isAllowed: false }>;

/**
 * Limits requests per client address and per caller (the subject of a valid bearer token) in
 * fixed windows counted in PostgreSQL, so replicas share them. Every counted response carries
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` of the tighter limit; beyond it
 * the answer is a 429 problem with `Retry-After`. If the shared counts are late or unavailable
 * (database slow, hung or down), each replica counts on its own (see PostgresRateLimitCounter):
 * limiting is protection, not a reason to refuse service, nor to stop protecting.
 */
export async function useRateLimits(app: NestFastifyApplication, config: RateLimitConfig): Promise<void> {
  if (config.perIp === 0 && config.perPrincipal === 0) return;
  const logger = new Logger('RateLimit');
  const verify = app.get<TokenVerifier>(TOKEN_VERIFIER);
  const counter = new PostgresRateLimitCounter(app.get(DataSource), { timeoutMs: config.storeTimeoutMs });
  const timeWindow = config.windowSeconds * 1000;
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(counter), timeWindow });
  const fastify = app.getHttpAdapter().getInstance();

  const subjects = new WeakMap<FastifyRequest, string>();
  const limiters: Limiter[] = [];
  if (config.perIp > 0) {
    limiters.push(
      fastify.createRateLimit({
        max: config.perIp,
        timeWindow,
        keyGenerator: (request) => `ip:${normalizeIP(request.ip)}`,
      }),
    );
  }
  if (config.perPrincipal > 0) {
    limiters.push(
      fastify.createRateLimit({
        max: config.perPrincipal,
        timeWindow,
        keyGenerator: (request) => `principal:${subjects.get(request) ?? ''}`,
        // Without a valid token there is no caller to count; the address limit still applies.
        allowList: (request) => !subjects.has(request),
      }),
    );
  }

  fastify.addHook('onRequest', async (request, reply) => {
    if (EXEMPT_PATHS.has(request.url.split('?')[0] ?? '')) return;
    const token = bearerToken(request.headers.authorization);
    const subject = token
      ? await verify(token).then(
          (principal) => principal.sub,
          () => undefined,
        )
      : undefined;
    if (subject !== undefined) subjects.set(request, subject);
    let results: LimiterResult[];
    try {
      results = await Promise.all(limiters.map((limiter) => limiter(request)));
    } catch (error) {
      logger.warn(`not limited, counts unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const tightest = tightestOf(results);
    if (tightest) return answer(request, reply, tightest, config.windowSeconds);
  });

  const purge = setInterval(() => {
    counter.purgeExpired().catch((error: unknown) => logger.warn(`purge failed: ${String(error)}`));
  }, timeWindow);
  purge.unref();
  fastify.addHook('onClose', async () => clearInterval(purge));
}

/** An exceeded limit first, else the one with the fewest requests left. */
function tightestOf(results: LimiterResult[]): Counted | undefined {
  const counted = results.filter((result): result is Counted => !result.isAllowed);
  return counted.find((result) => result.isExceeded) ?? counted.sort((a, b) => a.remaining - b.remaining)[0];
}

function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  limit: Counted,
  windowSeconds: number,
): FastifyReply | undefined {
  reply.header('ratelimit-limit', limit.max);
  reply.header('ratelimit-remaining', limit.remaining);
  reply.header('ratelimit-reset', limit.ttlInSeconds);
  reply.header('ratelimit-policy', `${limit.max};w=${windowSeconds}`);
  if (!limit.isExceeded) return undefined;
  reply.header('retry-after', limit.ttlInSeconds);
  const detail = `more than ${limit.max} requests in ${windowSeconds} s; retry in ${limit.ttlInSeconds} s`;
  return reply
    .code(429)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problemOf('too-many-requests', detail), requestId: request.id });
}
