/**
 * The platform's services as supervised processes (supervisor.ts): the backends first, the gateway once
 * they are ready (it fronts them). A service that crashes is restarted with its own env and port while the
 * others keep running. Used by `npm start` and by the fault campaign (`npm run chaos`), each with a config
 * of its own (ports, PostgreSQL, NATS, namespace):
 *
 *   const platform = startPlatformProcesses({ config, chainRpcUrl, root, write });
 *   await platform.ready;                      // every service ready; rejects if one does not start
 *   platform.service('billing').kill('SIGKILL'); // …and it comes back: await platform.service('billing').ready()
 *   await platform.stop();                     // the gateway first (no new requests), then the others
 *
 * The chain is not among them: see start-stack.ts for why it is never restarted.
 */
import type { RestartPolicy } from './restart-policy.js';
import { serviceLaunchSpec } from './service-runner.js';
import { serviceEnv, STACK_SERVICES, type StackConfig, type StackServiceName } from './stack-config.js';
import { superviseService, type SupervisedService } from './supervisor.js';

export interface PlatformOptions {
  config: StackConfig;
  chainRpcUrl: string;
  /** The repository root, whose `dist/` holds the built services. */
  root: string;
  write: (line: string) => void;
  policy?: RestartPolicy;
  stopGraceMs?: number;
  /** Where a service's output can be read, for the crash-loop warning (default: above, under its name). */
  outputLocation?: (service: StackServiceName) => string;
}

export interface PlatformProcesses {
  /** Resolves once every service is ready; rejects with the first that did not start. */
  ready: Promise<void>;
  /** The supervisor of one service; throws if it has not been started (the gateway starts last). */
  service: (name: StackServiceName) => SupervisedService;
  /** The services started so far. */
  services: () => SupervisedService[];
  /** The gateway, then the others; nothing starts or restarts once this was called. */
  stop: () => Promise<void>;
  /** SIGKILL to all at once, synchronously (for process 'exit' handlers). */
  stopNow: () => void;
}

export function startPlatformProcesses(options: PlatformOptions): PlatformProcesses {
  const { config, write } = options;
  const prefixWidth = Math.max(...STACK_SERVICES.map((name) => name.length));
  const started = new Map<StackServiceName, SupervisedService>();
  let stopping = false;

  const supervise = (service: StackConfig['services'][number]) => {
    const spec = serviceLaunchSpec(
      options.root,
      service.name,
      service.port,
      serviceEnv(config, service, options.chainRpcUrl),
    );
    const supervised = superviseService(spec, {
      write,
      policy: options.policy,
      prefixWidth,
      stopGraceMs: options.stopGraceMs,
      outputLocation: options.outputLocation?.(service.name),
    });
    started.set(service.name, supervised);
    return supervised.ready();
  };

  const backends = config.services.filter((service) => service.name !== 'gateway');
  const gateways = config.services.filter((service) => service.name === 'gateway');
  const ready = (async () => {
    write(`Starting ${backends.map((service) => service.name).join(', ')}…`);
    await Promise.all(backends.map(supervise));
    if (stopping) throw new Error('stopped while starting');
    write('Starting gateway…');
    await Promise.all(gateways.map(supervise));
  })();
  // The caller awaits `ready`; an early stop must not surface as an unhandled rejection meanwhile.
  ready.catch(() => undefined);

  return {
    ready,
    service: (name) => {
      const supervised = started.get(name);
      if (!supervised) throw new Error(`${name} has not been started`);
      return supervised;
    },
    services: () => [...started.values()],
    stop: async () => {
      stopping = true;
      const isGateway = (supervised: SupervisedService) => supervised.name === 'gateway';
      const all = [...started.values()];
      await Promise.all(all.filter(isGateway).map((supervised) => supervised.stop()));
      await Promise.all(all.filter((supervised) => !isGateway(supervised)).map((supervised) => supervised.stop()));
    },
    stopNow: () => {
      stopping = true;
      for (const supervised of started.values()) supervised.stopNow();
    },
  };
}
