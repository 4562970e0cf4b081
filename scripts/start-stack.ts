/**
 * `npm start`: the whole platform on this machine. Checks PostgreSQL and NATS, provisions the JetStream
 * streams, starts the embedded chain (unless CHAIN_RPC_URL names another) and every service as its own
 * process (each creates its database and applies its migrations before it reports ready), waits until all
 * are ready, seeds the demo through the API and on chain, then prints where everything is, a development
 * token per role and a walkthrough. Ctrl-C (or SIGTERM) stops everything.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from '#libs/auth';
import { ConfigError } from '#libs/config';
import { deleteStreams, provisionStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { repoRoot } from '#libs/testing';
import { startChain } from './chain.js';
import { readyBanner } from './stack/banner.js';
import { seedDemoChain } from './stack/demo-chain.js';
import { seedDemo } from './stack/demo-seed.js';
import { deployContracts } from './stack/deploy-contracts.js';
import { killAllNow, type ManagedProcess } from './stack/managed-process.js';
import { takenPorts } from './stack/ports.js';
import { describeProblem, preflight } from './stack/preflight.js';
import { launchService, missingBuildOutputs } from './stack/service-runner.js';
import { readStackConfig, serviceEnv, STACK_SERVICES, type StackConfig } from './stack/stack-config.js';

/** How long a process gets between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 10000;

class StackError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);
const running: ManagedProcess[] = [];
let stopping: Promise<never> | undefined;

async function main(): Promise<void> {
  const root = repoRoot();
  const config = readStackConfig(process.env, DEV_JWT_SECRET);
  await checkBeforeStarting(root, config);

  if (!config.externalChainUrl) {
    // The embedded chain forgets everything when it stops; the databases must forget with it, or the
    // bridge would sign with nonces and follow batches of a chain that is gone.
    say('The embedded chain starts empty, so the platform does too: resetting its databases and streams…');
    await resetPlatformData(config);
  }
  say(`Provisioning JetStream streams on ${config.natsUrl}…`);
  await provisionStreams(config.natsUrl, config.busNamespace);
  const chainRpcUrl = config.externalChainUrl ?? (await startEmbeddedChain(root, config));

  const prefixWidth = Math.max(...STACK_SERVICES.map((name) => name.length));
  const launch = (service: StackConfig['services'][number]) => {
    if (stopping) throw new StackError('stopping');
    return launchService({
      name: service.name,
      port: service.port,
      env: serviceEnv(config, service, chainRpcUrl),
      root,
      write: say,
      prefixWidth,
      onSpawn: track,
    });
  };
  // The gateway fronts the others, so it starts once they are ready.
  const backends = config.services.filter((service) => service.name !== 'gateway');
  say(`Starting ${backends.map((service) => service.name).join(', ')}…`);
  await Promise.all(backends.map(launch));
  say('Starting gateway…');
  const gateways = config.services.filter((service) => service.name === 'gateway');
  await Promise.all(gateways.map(launch));

  const caller = { gatewayUrl: `http://127.0.0.1:${gateways[0]?.port ?? 8080}`, jwtSecret: config.jwtSecret };
  say('Seeding the demo through the API…');
  say(`  ${(await seedDemo(caller.gatewayUrl, config.jwtSecret)).join(', ')}`);
  const bridge = config.services.find((service) => service.name === 'ledger-bridge');
  if (bridge) {
    const deployed = await deployContracts(serviceEnv(config, bridge, chainRpcUrl), [
      { insurerId: 'INS-1', tokens: DEMO_ESCROW_TOKENS },
    ]);
    say(`  contracts on chain ${deployed.chainId}: token ${deployed.token}, settlement ${deployed.settlement}`);
    say(`  escrow of INS-1 funded: ${BigInt(deployed.escrows['INS-1'] ?? '0') / 10n ** 18n} HCET`);
    if (!config.externalChainUrl) say(`  ${(await seedDemoChain(caller)).join(', ')}`);
  }

  say(await readyBanner(config, chainRpcUrl));
}

/** The demo insurer's escrow, in whole tokens: enough for any walkthrough. */
const DEMO_ESCROW_TOKENS = 1_000_000;

async function startEmbeddedChain(root: string, config: StackConfig): Promise<string> {
  // The chain logs every JSON-RPC call; it goes to a file so the services' lines stay readable.
  mkdirSync(join(root, '.stack'), { recursive: true });
  const chainLogPath = join(root, '.stack', 'chain.log');
  const chainLog = createWriteStream(chainLogPath, { flags: 'w' });
  say(`Starting the embedded chain on 127.0.0.1:${config.chainPort} (log: ${chainLogPath})…`);
  const chain = await startChain({
    port: config.chainPort,
    write: (line) => chainLog.write(`${line}\n`),
    onSpawn: track,
  });
  return chain.rpcUrl;
}

async function resetPlatformData(config: StackConfig): Promise<void> {
  await deleteStreams(config.natsUrl, config.busNamespace, { unprefixed: true });
  for (const service of config.services) await dropDatabase(service.databaseUrl);
}

async function checkBeforeStarting(root: string, config: StackConfig): Promise<void> {
  const missing = missingBuildOutputs(root, STACK_SERVICES);
  if (missing.length) throw new StackError(`The build is incomplete (run npm run build):\n  ${missing.join('\n  ')}`);
  const problems = await preflight(config.postgresUrl, config.natsUrl);
  if (problems.length) throw new StackError(problems.map(describeProblem).join('\n\n'));
  const taken = await takenPorts([
    ...config.services.map((service) => ({ what: service.name, port: service.port, variable: service.portVariable })),
    ...(config.externalChainUrl
      ? []
      : [{ what: 'the embedded chain', port: config.chainPort, variable: 'CHAIN_PORT' }]),
  ]);
  if (taken.length) throw new StackError(taken.join('\n'));
}

/** Keeps a started process for shutdown, and stops the stack if it dies without being asked to. */
function track(managed: ManagedProcess): void {
  running.push(managed);
  void managed.exited.then((how) => {
    if (stopping || managed.stopRequested()) return;
    say(`${managed.name} stopped on its own (${how}); stopping the stack.`);
    void shutdown(1);
  });
}

/** The gateway first (no new requests), then the services, the chain last. Safe to call twice. */
function shutdown(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    if (running.some((p) => p.isRunning())) say('Stopping…');
    const stageOf = (name: string) => (name === 'gateway' ? 0 : name === 'chain' ? 2 : 1);
    for (const stage of [0, 1, 2]) {
      await Promise.all(running.filter((p) => stageOf(p.name) === stage).map((p) => p.stop(STOP_GRACE_MS)));
    }
    if (running.length) say('Stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

process.once('exit', () => killAllNow(running));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now".
    if (stopping) {
      killAllNow(running);
      process.exit(130);
    }
    void shutdown(0);
  });
}

main().catch(async (error: unknown) => {
  // A start-up interrupted by Ctrl-C fails on the way out; that is not news.
  if (!stopping) {
    const expected = error instanceof StackError || error instanceof ConfigError;
    say(`\n${expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  await shutdown(1);
});
