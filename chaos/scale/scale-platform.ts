import { join } from 'node:path';
import { DEV_JWT_SECRET } from '#libs/auth';
import { provisionStreams } from '#libs/messaging';
import {
  freePort,
  repoRoot,
  startPrivateNatsCluster,
  startPrivatePostgres,
  type PrivateNatsCluster,
  type PrivatePostgres,
  TEST_OPS_TOKEN,
  UNTHROTTLED,
} from '#libs/testing';
import { startChain } from '../../scripts/chain.js';
import { killAllNow } from '../../scripts/stack/managed-process.js';
import { missingBuildOutputs, serviceLaunchSpec } from '../../scripts/stack/service-runner.js';
import {
  portVariableOf,
  serviceDatabaseUrl,
  serviceEnv,
  type StackConfig,
  type StackService,
} from '../../scripts/stack/stack-config.js';
import { NO_TRACE_VIEWER } from '../../scripts/stack/trace-options.js';
import { openLogs } from '../platform/platform.js';
import type { ServiceControl } from '../platform/service-control.js';
import { supervisedControl } from '../platform/supervised-control.js';
import type { Teardown } from '../platform/teardown.js';
import { SERVICES, type ServiceName } from '../schedule/fault.js';
import type { ObservedPlatform } from '../verify/observe-outcome.js';

/** Copies of every stream on the 3-node cluster, as the production overlay keeps them. */
export const STREAM_REPLICAS = 3;
const NATS_NODES = 3;
/** How long a service may take to be ready while eleven others start on a busy 2-core machine. */
const READY_TIMEOUT_MS = 180_000;

/** One process of a service; `name` is how logs and the report call it, e.g. `claims#2`. */
export interface ServiceInstance {
  service: ServiceName;
  name: string;
  url: string;
  control: ServiceControl;
}

/** The replicated platform the scale check runs against, all of it private to the check. */
export interface ScalePlatform extends ObservedPlatform {
  gatewayUrls: string[];
  jwtSecret: string;
  postgres: PrivatePostgres;
  cluster: PrivateNatsCluster;
  instances: ServiceInstance[];
  databaseUrl: (service: ServiceName) => string;
  dataDirs: string[];
  logDir: string;
}

export interface ScalePlatformOptions {
  /** Instances of every service, the gateway included. */
  replicas: number;
  teardown: Teardown;
  keep: boolean;
  clock: () => number;
  say: (line: string) => void;
}

/**
 * Starts a private PostgreSQL, a 3-node NATS JetStream cluster (streams at 3 replicas), the embedded
 * chain, and `replicas` instances of each of the six services under the stack's supervisor, each
 * instance on its own port, the instances of a service sharing its database, every one given all three
 * NATS nodes in `NATS_URL`. The first instance of each back-end service starts first (the ledger bridge
 * deploys the contracts), then the others, then the gateways.
 */
export async function startScalePlatform(options: ScalePlatformOptions): Promise<ScalePlatform> {
  const { teardown, say } = options;
  const root = repoRoot();
  const missing = missingBuildOutputs(root, SERVICES);
  if (missing.length) throw new Error(`the build is incomplete (run npm run build):\n  ${missing.join('\n  ')}`);
  const logDir = join(root, '.stack', 'scale-logs');
  const logTo = openLogs(logDir, teardown);

  const postgres = await startPrivatePostgres();
  teardown.add(
    'stop PostgreSQL',
    () => (options.keep ? postgres.stopImmediate() : postgres.destroy()),
    () => undefined, // its own exit hook stops it
  );
  const cluster = await startPrivateNatsCluster(NATS_NODES);
  teardown.add(
    'stop the NATS cluster',
    () =>
      options.keep ? Promise.all(cluster.nodes.map((node) => node.kill())).then(() => undefined) : cluster.destroy(),
    () => undefined, // their own exit hook kills them
  );
  say(
    `Private PostgreSQL on port ${postgres.port}; NATS cluster on ports ${cluster.nodes.map((node) => node.port).join(', ')}; logs in ${logDir}`,
  );
  await provisionStreams(cluster.url, '', STREAM_REPLICAS);

  const chain = await startChain({ port: await freePort(), write: logTo('chain') });
  teardown.add(
    'stop the chain',
    () => chain.process.stop(5_000),
    () => killAllNow([chain.process]),
  );

  const config = await stackConfig(postgres, cluster, options.replicas);
  const instances: ServiceInstance[] = [];
  const launch = async (service: StackService, ordinal: number) => {
    const name = `${service.name}#${ordinal}`;
    const env = {
      ...serviceEnv(config.stack, service, chain.rpcUrl),
      LOG_LEVEL: 'warn',
      STREAM_REPLICAS: String(STREAM_REPLICAS),
      // Behind a Kubernetes Service a gateway reaches any ready instance; here each has its own port, so
      // the gateway's readiness is its own (its database and the bus), not that of one chosen instance.
      ...(service.name === 'gateway' ? { UPSTREAM_READY_URLS: '' } : {}),
      // The workload comes from one address: the gateways count it but must not throttle it.
      ...UNTHROTTLED,
    };
    const control = supervisedControl({
      name: service.name,
      url: `http://127.0.0.1:${service.port}`,
      spec: {
        ...serviceLaunchSpec(root, service.name, service.port, env),
        name,
        readyTimeoutMs: READY_TIMEOUT_MS,
      },
      supervise: {
        write: logTo(name.replace('#', '-')),
        outputLocation: join(logDir, `${name.replace('#', '-')}.log`),
      },
      clock: options.clock,
    });
    instances.push({ service: service.name, name, url: control.url, control });
    teardown.add(`stop ${name}`, control.stop, control.killNow);
    await control.waitReady(READY_TIMEOUT_MS);
  };
  const backEnd = SERVICES.filter((name) => name !== 'gateway');
  for (let ordinal = 1; ordinal <= options.replicas; ordinal += 1) {
    say(`Starting instance ${ordinal} of ${backEnd.join(', ')}…`);
    await Promise.all(backEnd.map((name) => launch(config.replicas[name][ordinal - 1], ordinal)));
  }
  say(`Starting ${options.replicas} gateways…`);
  await Promise.all(config.replicas.gateway.map((service, index) => launch(service, index + 1)));
  const gatewayUrls = instances.filter((instance) => instance.service === 'gateway').map((instance) => instance.url);
  return {
    gatewayUrl: gatewayUrls[0],
    gatewayUrls,
    chainRpcUrl: chain.rpcUrl,
    jwtSecret: config.stack.jwtSecret,
    postgres,
    cluster,
    nats: { url: cluster.url },
    instances,
    databaseUrl: (name) => config.replicas[name][0].databaseUrl,
    dataDirs: [postgres.dir, cluster.dir],
    logDir,
  };
}

/** The stack's configuration on the private servers, with `replicas` ports per service. */
async function stackConfig(
  postgres: PrivatePostgres,
  cluster: PrivateNatsCluster,
  replicas: number,
): Promise<{ stack: StackConfig; replicas: Record<ServiceName, StackService[]> }> {
  const postgresUrl = `postgres://postgres@127.0.0.1:${postgres.port}`;
  const byService = {} as Record<ServiceName, StackService[]>;
  for (const name of SERVICES) {
    byService[name] = [];
    for (let n = 0; n < replicas; n += 1) {
      byService[name].push({
        name,
        port: await freePort(),
        portVariable: portVariableOf(name),
        databaseUrl: serviceDatabaseUrl(postgresUrl, name),
      });
    }
  }
  const stack: StackConfig = {
    postgresUrl,
    natsUrl: cluster.url,
    busNamespace: '',
    jwtSecret: DEV_JWT_SECRET,
    // Fixed, so whoever inspects the check's services can read their metrics.
    opsToken: TEST_OPS_TOKEN,
    opsTokenGenerated: false,
    traces: NO_TRACE_VIEWER,
    host: '127.0.0.1',
    chainPort: 0,
    externalChainUrl: null,
    services: SERVICES.map((name) => byService[name][0]),
  };
  return { stack, replicas: byService };
}
