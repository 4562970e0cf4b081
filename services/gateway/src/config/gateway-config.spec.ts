import { ConfigError } from '#libs/config';
import { readGatewayConfig } from './gateway-config.js';

describe('readGatewayConfig', () => {
  it('has working local defaults', () => {
    expect(readGatewayConfig({})).toMatchObject({
      service: 'gateway',
      port: 8080,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/hc_gateway',
      natsUrl: 'nats://127.0.0.1:4222',
      rpcTimeoutMs: 5000,
      idempotencyTtlHours: 24,
      upstreamReadyUrls: [],
      auditAnchorIntervalSeconds: 300,
      admission: { maxReviewBacklog: 100, refreshMs: 250 },
      auth: { kind: 'shared-secret', isDevelopmentDefault: true },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ RPC_TIMEOUT_MS: '5' }, 'RPC_TIMEOUT_MS'],
    [{ IDEMPOTENCY_TTL_HOURS: '1' }, 'IDEMPOTENCY_TTL_HOURS'],
    [{ UPSTREAM_READY_URLS: 'http://claims:8081/health/ready,nope' }, 'UPSTREAM_READY_URLS'],
    [{ NODE_ENV: 'production' }, 'AUTH_JWKS_URL'],
    [{ AUDIT_ANCHOR_INTERVAL_SECONDS: '-1' }, 'AUDIT_ANCHOR_INTERVAL_SECONDS'],
    [{ AUDIT_ANCHOR_INTERVAL_SECONDS: 'often' }, 'AUDIT_ANCHOR_INTERVAL_SECONDS'],
    [{ ADMISSION_MAX_REVIEW_BACKLOG: '-1' }, 'ADMISSION_MAX_REVIEW_BACKLOG'],
    [{ ADMISSION_MAX_REVIEW_BACKLOG: 'lots' }, 'ADMISSION_MAX_REVIEW_BACKLOG'],
    [{ ADMISSION_BACKLOG_REFRESH_MS: '5' }, 'ADMISSION_BACKLOG_REFRESH_MS'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => readGatewayConfig(env)).toThrow(ConfigError);
    expect(() => readGatewayConfig(env)).toThrow(variable);
  });

  it('turns admission control off with ADMISSION_MAX_REVIEW_BACKLOG=0', () => {
    expect(readGatewayConfig({ ADMISSION_MAX_REVIEW_BACKLOG: '0' }).admission.maxReviewBacklog).toBe(0);
  });
});
