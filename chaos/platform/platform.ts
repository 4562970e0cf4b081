import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from '#libs/auth';
import { provisionStreams } from '#libs/messaging';
import {
  freePort,
  repoRoot,
  startPrivateNats,
  startPrivatePostgres,
  type PrivateNats,
  type PrivatePostgres,
  TEST_OPS_TOKEN,
  UNTHROTTLED,
} from '#libs/testing';
import { startChain } from '../../scripts/chain.js';
import { killAllNow } from '../../scripts/stack/managed-process.js';
import { missingBuildOutputs, serviceLaunchSpec } from '../../scripts/stack/service-runner.js';
import { portVariableOf, serviceDatabaseUrl, serviceEnv, type StackConfig } from '../../scripts/stack/stack-config.js';
import { NO_TRACE_VIEWER } from '../../scripts/stack/trace-options.js';
import { SERVICES, type ServiceName } from '../schedule/fault.js';
import { ConsumerBacklog, type Backlog } from './consumer-backlog.js';
import type { ServiceControl } from './service-control.js';
import { supervisedControl } from './supervised-control.js';
import type { Teardown } from './teardown.js';

/** The isolated platform the campaign runs against: nothing in it is shared with the machine's own. */
export interface Platform {
  gatewayUrl: string;
  chainRpcUrl: string;
  jwtSecret: string;
  postgres: PrivatePostgres;
  nats: PrivateNats;
  services: Record<ServiceName, ServiceControl>;
  databaseUrl: (service: ServiceName) => string;
  /** What a service's durable consumers have not finished. */
  backlogOf: (service: ServiceName) => Promise<Backlog | undefined>;
  /** PostgreSQL's and NATS's folders (removed at the end unless kept). */
  dataDirs: string[];
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
 * services under the stack's supervisor, configured as `npm start` configures its own (stack-config.ts)
 * but on these. Everything it starts is registered with `teardown`, so Ctrl-C at any point leaves
 * nothing behind.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { teardown, say } = options;
  const root = repoRoot();
  const missing = missingBuildOutputs(root, SERVICES);
  if (missing.length) throw new Error(`the build is incomplete (run npm run build):\n  ${missing.join('\n  ')}`);
  const logDir = join(root, '.stack', 'chaos-logs');
  const logTo = openLogs(logDir, teardown);

  const postgres = await startPrivatePostgres();
  teardown.add(
    'stop PostgreSQL',
    () => (options.keep ? postgres.stopImmediate() : postgres.destroy()),
    () => undefined, // its own exit hook stops it
  );
  const nats = await startPrivateNats();
  teardown.add(
    'stop NATS',
    () => (options.keep ? nats.stop() : nats.destroy()),
    () => undefined, // its own exit hook kills it
  );
  const backlog = new ConsumerBacklog(nats.url);
  teardown.add(
    'close the backlog probe',
    () => backlog.close(),
    () => undefined,
  );
  say(
    `Private PostgreSQL on port ${postgres.port} (${postgres.dir}), NATS on ${nats.port} (${nats.dir}); logs in ${logDir}`,
  );
  await provisionStreams(nats.url, '');

  const chain = await startChain({ port: await freePort(), write: logTo('chain') });
  teardown.add(
    'stop the chain',
    () => chain.process.stop(5_000),
    () => killAllNow([chain.process]),
  );

  const config = await stackConfig(postgres, nats);
  const services = {} as Record<ServiceName, ServiceControl>;
  const launch = async (service: StackConfig['services'][number]) => {
    // The workload comes from one address: the gateway counts it but must not throttle it.
    const env = { ...serviceEnv(config, service, chain.rpcUrl), LOG_LEVEL: 'warn', ...UNTHROTTLED };
    const control = supervisedControl({
      name: service.name,
      url: `http://127.0.0.1:${service.port}`,
      spec: { ...serviceLaunchSpec(root, service.name, service.port, env), readyTimeoutMs: READY_TIMEOUT_MS },
      supervise: { write: logTo(service.name), outputLocation: join(logDir, `${service.name}.log`) },
      clock: options.clock,
    });
    services[service.name] = control;
    teardown.add(`stop ${service.name}`, control.stop, control.killNow);
    await control.waitReady(READY_TIMEOUT_MS);
  };
  // The gateway fronts the others, so it starts once they are ready (as npm start does).
  say(`Starting ${SERVICES.filter((name) => name !== 'gateway').join(', ')}, then the gateway…`);
  await Promise.all(config.services.filter((service) => service.name !== 'gateway').map(launch));
  await Promise.all(config.services.filter((service) => service.name === 'gateway').map(launch));
  return {
    gatewayUrl: services.gateway.url,
    chainRpcUrl: chain.rpcUrl,
    jwtSecret: config.jwtSecret,
    postgres,
    nats,
    services,
    databaseUrl: (name) => config.services.find((service) => service.name === name)!.databaseUrl,
    backlogOf: (service) => backlog.of(service),
    dataDirs: [postgres.dir, nats.dir],
    logDir,
  };
}

/** The stack's configuration, pointed at the private servers, free ports and no namespace (a bus of its own). */
async function stackConfig(postgres: PrivatePostgres, nats: PrivateNats): Promise<StackConfig> {
  const postgresUrl = `postgres://postgres@127.0.0.1:${postgres.port}`;
  const services: StackConfig['services'] = [];
  for (const name of SERVICES) {
    const port = await freePort();
    services.push({
      name,
      port,
      portVariable: portVariableOf(name),
      databaseUrl: serviceDatabaseUrl(postgresUrl, name),
    });
  }
  return {
    postgresUrl,
    natsUrl: nats.url,
    busNamespace: '',
    jwtSecret: DEV_JWT_SECRET,
    // Fixed, so whoever inspects a campaign's services can read their metrics.
    opsToken: TEST_OPS_TOKEN,
    opsTokenGenerated: false,
    traces: NO_TRACE_VIEWER,
    host: '127.0.0.1',
    chainPort: 0,
    externalChainUrl: null,
    services,
  };
}

/** One log file per process under `dir` (emptied first), each line timestamped. */
export function openLogs(dir: string, teardown: Teardown): (name: string) => (line: string) => void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const streams: WriteStream[] = [];
  teardown.add(
    'close the logs',
    async () => streams.forEach((stream) => stream.end()),
    () => undefined,
  );
  return (name) => {
    const stream = createWriteStream(join(dir, `${name}.log`));
    streams.push(stream);
    return (line) => stream.write(`${new Date().toISOString()} ${line}\n`);
  };
}
