import { ConfigError, readInt, readUrl } from './env.js';
import { readNatsUrl } from './nats-url.js';

/** What every service process needs: its port, its database, the bus and its namespace. */
export interface ServiceConfig {
  service: string;
  port: number;
  databaseUrl: string;
  natsUrl: string;
  busNamespace: string;
  /**
   * `OPS_TOKEN`: the bearer token that opens `/metrics` and the detail of `/health/ready`
   * (docs/decisions/0011-ops-endpoints.md). Unset, nobody can read them; the probes still answer.
   */
  opsToken?: string;
}

/** Local default port of each service's operations endpoint (health, metrics); the gateway is 8080. */
export const DEFAULT_PORTS: Record<string, number> = {
  gateway: 8080,
  claims: 8081,
  underwriting: 8082,
  billing: 8083,
  fraud: 8084,
  'ledger-bridge': 8085,
};

export function defaultDatabaseUrl(service: string): string {
  return `postgres://postgres@127.0.0.1:5432/hc_${service.replace(/-/g, '_')}`;
}

export function readServiceConfig(service: string, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    service,
    port: readInt(env, 'PORT', DEFAULT_PORTS[service] ?? 0, 0, 65535),
    databaseUrl: readUrl(env, 'DATABASE_URL', defaultDatabaseUrl(service), ['postgres:', 'postgresql:']),
    natsUrl: readNatsUrl(env),
    busNamespace: readBusNamespace(env),
    ...readOpsToken(env),
  };
}

/** Long enough that guessing is hopeless; no whitespace, so it survives a header and a shell. */
const OPS_TOKEN_PATTERN = /^[\x21-\x7e]{24,}$/;

export function readOpsToken(env: NodeJS.ProcessEnv): { opsToken?: string } {
  const value = env.OPS_TOKEN;
  if (value === undefined || value === '') return {};
  if (!OPS_TOKEN_PATTERN.test(value)) {
    throw new ConfigError('OPS_TOKEN', `must be at least 24 printable characters without spaces, got ${value.length}`);
  }
  return { opsToken: value };
}

/** `BUS_NAMESPACE`: empty in production; a test run sets its own so it never meets a running stack's messages. */
export function readBusNamespace(env: NodeJS.ProcessEnv): string {
  const value = env.BUS_NAMESPACE ?? '';
  if (value && !/^[a-z0-9_-]+$/.test(value)) {
    throw new ConfigError('BUS_NAMESPACE', `must be lower-case letters, digits, "-" or "_", got "${value}"`);
  }
  return value;
}
