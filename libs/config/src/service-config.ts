import { ConfigError, readInt, readString, readUrl } from './env.js';
import { readNatsUrl } from './nats-url.js';

/** What every service process needs: its address, its database, the bus and its namespace. */
export interface ServiceConfig {
  service: string;
  /** `HOST`: the interface to listen on; every interface by default (a container), `npm start` sets 127.0.0.1. */
  host: string;
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
    host: readHost(env),
    port: readInt(env, 'PORT', DEFAULT_PORTS[service] ?? 0, 0, 65535),
    databaseUrl: readUrl(env, 'DATABASE_URL', defaultDatabaseUrl(service), ['postgres:', 'postgresql:']),
    natsUrl: readNatsUrl(env),
    busNamespace: readBusNamespace(env),
    ...readOpsToken(env),
  };
}

/** An IPv4 or IPv6 literal or a host name: what `listen` takes, nothing a typo could turn into something else. */
const HOST_PATTERN = /^(?:[0-9a-fA-F:.]+|[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(?:\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*)$/;

export function readHost(env: NodeJS.ProcessEnv): string {
  const value = readString(env, 'HOST', '0.0.0.0');
  if (!HOST_PATTERN.test(value)) {
    throw new ConfigError('HOST', `must be an IP address or a host name to listen on, got "${value}"`);
  }
  return value;
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
