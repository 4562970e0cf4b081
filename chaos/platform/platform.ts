import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from '#libs/auth';
import { provisionStreams } from '#libs/messaging';
import { freePort, repoRoot } from '#libs/testing';
import { startChain } from '../../scripts/chain.js';
import { killAllNow } from '../../scripts/stack/managed-process.js';
import { missingBuildOutputs } from '../../scripts/stack/service-runner.js';
import { SERVICES, type ServiceName } from '../schedule/fault.js';
import { startNatsServer, type NatsServer } from './nats-server.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';
import { superviseService } from './restarting-service.js';
import type { ServiceControl } from './service-control.js';
import type { Teardown } from './teardown.js';

/** The isolated platform the campaign runs against: nothing in it is shared with the machine's own. */
export interface Platform {
  gatewayUrl: string;
  chainRpcUrl: string;
  jwtSecret: string;
  postgres: PostgresServer;
  nats: NatsServer;
  services: Record<ServiceName, ServiceControl>;
  databaseUrl: (service: ServiceName) => string;
  /** Where the data directories are (removed on exit unless kept). */
  dataDir: string;
  logDir: string;
}

export interface PlatformOptions {
  teardown: Teardown;
  keep: boolean;
  /** Milliseconds since the campaign started. */
  clock: () => number;
  say: (line: string) => void;
}

/** How long a service may take to be ready on a busy 2-core machine. */
const READY_TIMEOUT_MS = 90_000;

/**
 * Starts a private PostgreSQL and NATS (JetStream) on free ports, the embedded chain, and the six
 * services, each supervised (restarted when it dies), wired to them exactly as `npm start` wires its
 * own. Everything it starts is registered with `teardown`, so Ctrl-C at any point leaves nothing behind.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { teardown, say } = options;
  const root = repoRoot();
  const missing = missingBuildOutputs(root, SERVICES);
  if (missing.length) throw new Error(`the build is incomplete (run npm run build):\n  ${missing.join('\n  ')}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'hc-chaos-'));
  // PostgreSQL may run as another user (when this is root): it must reach its directory inside.
  chmodSync(dataDir, 0o755);
  teardown.add(
    `remove ${dataDir}`,
    async () => removeUnlessKept(dataDir, options),
    () => removeUnlessKept(dataDir, options),
  );
  const logDir = join(root, '.stack', 'chaos-logs');
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const logs: WriteStream[] = [];
  const logTo = (name: string) => {
    const stream = createWriteStream(join(logDir, `${name}.log`));
    logs.push(stream);
    return (line: string) => stream.write(`${new Date().toISOString()} ${line}\n`);
  };
  teardown.add(
    'close the logs',
    async () => logs.forEach((stream) => stream.end()),
    () => undefined,
  );

  say(`Private PostgreSQL and NATS under ${dataDir}; logs in ${logDir}`);
  const postgres = await startPostgresServer(join(dataDir, 'postgres'), await freePort());
  teardown.add('stop PostgreSQL', () => postgres.stopImmediate().catch(() => postgres.killNow()), postgres.killNow);
  const nats = await startNatsServer(join(dataDir, 'nats'), await freePort());
  teardown.add('stop NATS', nats.kill, nats.killNow);
  await provisionStreams(nats.url, '');

  const chain = await startChain({ port: await freePort(), write: logTo('chain') });
  teardown.add(
    'stop the chain',
    () => chain.process.stop(5_000),
    () => killAllNow([chain.process]),
  );

  const jwtSecret = DEV_JWT_SECRET;
  const databaseUrl = (service: ServiceName) => `${postgres.url}/hc_${service.replace(/-/g, '_')}`;
  const services = {} as Record<ServiceName, ServiceControl>;
  const launch = async (name: ServiceName) => {
    const port = await freePort();
    const service = superviseService({
      name,
      port,
      root,
      clock: options.clock,
      write: logTo(name),
      env: {
        PORT: String(port),
        OTEL_SERVICE_NAME: name,
        DATABASE_URL: databaseUrl(name),
        NATS_URL: nats.url,
        BUS_NAMESPACE: '',
        AUTH_JWT_SECRET: jwtSecret,
        CHAIN_RPC_URL: chain.rpcUrl,
        LOG_LEVEL: 'warn',
        ...(name === 'gateway' ? { HOST: '127.0.0.1' } : {}),
      },
    });
    services[name] = service;
    teardown.add(`stop ${name}`, service.stop, service.killNow);
    await service.waitReady(READY_TIMEOUT_MS);
  };
  // The gateway fronts the others, so it starts once they are ready (as npm start does).
  say(`Starting ${SERVICES.filter((name) => name !== 'gateway').join(', ')}, then the gateway…`);
  await Promise.all(SERVICES.filter((name) => name !== 'gateway').map(launch));
  await launch('gateway');
  return {
    gatewayUrl: services.gateway.url,
    chainRpcUrl: chain.rpcUrl,
    jwtSecret,
    postgres,
    nats,
    services,
    databaseUrl,
    dataDir,
    logDir,
  };
}

function removeUnlessKept(dir: string, options: PlatformOptions): void {
  if (options.keep) {
    options.say(`Kept the data directories in ${dir} (--keep)`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}
