import { randomBytes } from 'node:crypto';
import {
  ConfigError,
  DEFAULT_PORTS,
  readHost,
  readInt,
  readNatsUrl,
  readOpsToken,
  readString,
  readUrl,
} from '#libs/config';
import { BusNamespace } from '#libs/contracts';
import { readTraceOptions, viewerExportEnv, type TraceOptions } from './trace-options.js';

/** Every service of the platform, in the order they start (the gateway last: it fronts the others). */
export const STACK_SERVICES = ['claims', 'underwriting', 'billing', 'fraud', 'ledger-bridge', 'gateway'] as const;
export type StackServiceName = (typeof STACK_SERVICES)[number];

export interface StackService {
  name: StackServiceName;
  port: number;
  /** The variable that moves this service's port when the default is taken. */
  portVariable: string;
  databaseUrl: string;
}

export interface StackConfig {
  /** PostgreSQL server without a database; each service gets `<server>/hc_<service>`. */
  postgresUrl: string;
  natsUrl: string;
  busNamespace: string;
  jwtSecret: string;
  /** Opens every service's `/metrics` and readiness detail: `OPS_TOKEN`, or one made up for this run. */
  opsToken: string;
  /** True when `opsToken` was made up here, so the banner must show it. */
  opsTokenGenerated: boolean;
  chainPort: number;
  /** `HOST`: where every service listens; 127.0.0.1 unless set (the development secret signs the demo tokens). */
  host: string;
  /** A chain to use instead of starting the embedded one (`CHAIN_RPC_URL`); null = embedded. */
  externalChainUrl: string | null;
  /** `npm start -- --traces` (a local trace viewer), or the collector the environment names. */
  traces: TraceOptions;
  services: StackService[];
}

type Env = Record<string, string | undefined>;

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';

/** `ledger-bridge` → `LEDGER_BRIDGE_PORT`. */
export function portVariableOf(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_PORT`;
}

/**
 * The database of one service on the stack's PostgreSQL server: `hc_<service>`, or
 * `hc_<namespace>_<service>` when the stack runs under a bus namespace, so that a second stack (or
 * a test of this one) is isolated in its databases as well as on the bus.
 */
export function serviceDatabaseUrl(postgresUrl: string, service: string, namespace = ''): string {
  const url = new URL(postgresUrl);
  url.pathname = `/hc_${[namespace, service].filter(Boolean).join('_').replace(/-/g, '_')}`;
  return url.toString();
}

/**
 * What `npm start` runs against, from the environment (and its arguments) with local defaults. Validated up front so a
 * bad value stops the stack with the variable's name before anything starts.
 */
export function readStackConfig(env: Env, developmentSecret: string, argv: readonly string[] = []): StackConfig {
  const postgresUrl = readUrl(env, 'DATABASE_BASE_URL', DEFAULT_POSTGRES_URL, ['postgres:', 'postgresql:']);
  const busNamespace = readNamespace(env);
  const { opsToken } = readOpsToken(env);
  return {
    postgresUrl,
    natsUrl: readNatsUrl(env),
    busNamespace,
    jwtSecret: readString(env, 'AUTH_JWT_SECRET', developmentSecret),
    opsToken: opsToken ?? randomBytes(24).toString('base64url'),
    opsTokenGenerated: opsToken === undefined,
    chainPort: readInt(env, 'CHAIN_PORT', 8545, 1, 65535),
    host: readHost({ HOST: env.HOST ?? '127.0.0.1' }),
    externalChainUrl: env.CHAIN_RPC_URL ? readUrl(env, 'CHAIN_RPC_URL', '', ['http:', 'https:', 'ws:', 'wss:']) : null,
    traces: readTraceOptions(argv, env),
    services: STACK_SERVICES.map((name) => ({
      name,
      port: readInt(env, portVariableOf(name), DEFAULT_PORTS[name] ?? 0, 1, 65535),
      portVariable: portVariableOf(name),
      databaseUrl: serviceDatabaseUrl(postgresUrl, name, busNamespace),
    })),
  };
}

/** The environment one service process gets from the stack (on top of the stack's own). */
export function serviceEnv(config: StackConfig, service: StackService, chainRpcUrl: string): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(service.port),
    OTEL_SERVICE_NAME: service.name,
    DATABASE_URL: service.databaseUrl,
    NATS_URL: config.natsUrl,
    BUS_NAMESPACE: config.busNamespace,
    AUTH_JWT_SECRET: config.jwtSecret,
    OPS_TOKEN: config.opsToken,
    CHAIN_RPC_URL: chainRpcUrl,
    // Tokens signed with the public development secret work here: keep the API and the services' operations
    // endpoints on this machine unless told otherwise.
    HOST: config.host,
    ...viewerExportEnv(config.traces),
  };
  if (service.name !== 'gateway') return env;
  return {
    ...env,
    // The gateway is ready when the services behind it are (API.md, Operations).
    UPSTREAM_READY_URLS: config.services
      .filter((other) => other.name !== 'gateway')
      .map((other) => `http://127.0.0.1:${other.port}/health/ready`)
      .join(','),
  };
}

/** Where a PostgreSQL or NATS URL points, for messages (no credentials). */
export function hostAndPort(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : defaultPort };
}

function readNamespace(env: Env): string {
  try {
    return new BusNamespace(env.BUS_NAMESPACE ?? '').prefix;
  } catch {
    throw new ConfigError(
      'BUS_NAMESPACE',
      `must be lower-case letters, digits, "-" or "_", got "${env.BUS_NAMESPACE}"`,
    );
  }
}
