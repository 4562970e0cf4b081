/**
 * `npm start`: the whole platform on this machine. Checks PostgreSQL and NATS, provisions the JetStream
 * streams, starts the embedded chain (unless CHAIN_RPC_URL names another) and every service as its own
 * supervised process (each creates its database and applies its migrations before it reports ready), waits
 * until all are ready, seeds the demo through the API and on chain, then prints where everything is, a
 * development token per role and a walkthrough. A service that crashes is restarted with back-off
 * (stack/supervisor.ts); only Ctrl-C (or SIGTERM) or the loss of the embedded chain stops the stack.
 * `npm start -- --traces` also runs a local trace viewer the services export to (stack/trace-viewer.ts).
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
import { startPlatformProcesses, type PlatformProcesses } from './stack/platform-processes.js';
import { takenPorts } from './stack/ports.js';
import { describeProblem, preflight } from './stack/preflight.js';
import { missingBuildOutputs } from './stack/service-runner.js';
import { readStackConfig, serviceEnv, STACK_SERVICES, type StackConfig } from './stack/stack-config.js';
import { describeExit } from './stack/supervisor.js';
import { startTraceViewer, type TraceViewer } from './stack/trace-viewer.js';

/** How long a process gets between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 10000;

class StackError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);
let chain: ManagedProcess | undefined;
let platform: PlatformProcesses | undefined;
let traceViewer: TraceViewer | undefined;
let stopping: Promise<never> | undefined;

async function main(): Promise<void> {
  const root = repoRoot();
  const config = readStackConfig(process.env, DEV_JWT_SECRET, process.argv.slice(2));
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

  if (config.traces.viewerPort !== null) {
    traceViewer = await startTraceViewer({ port: config.traces.viewerPort, write: say });
  }
  if (stopping) throw new StackError('stopping');
  platform = startPlatformProcesses({ config, chainRpcUrl, root, write: say, stopGraceMs: STOP_GRACE_MS });
  await platform.ready;

  const gateway = config.services.find((service) => service.name === 'gateway');
  const caller = { gatewayUrl: `http://127.0.0.1:${gateway?.port ?? 8080}`, jwtSecret: config.jwtSecret };
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

  say(await readyBanner(config, chainRpcUrl, traceViewer?.url));
  traceViewer?.startPrinting();
}

/** The demo insurer's escrow, in whole tokens: enough for any walkthrough. */
const DEMO_ESCROW_TOKENS = 1_000_000;

async function startEmbeddedChain(root: string, config: StackConfig): Promise<string> {
  // The chain logs every JSON-RPC call; it goes to a file so the services' lines stay readable.
  mkdirSync(join(root, '.stack'), { recursive: true });
  const chainLogPath = join(root, '.stack', 'chain.log');
  const chainLog = createWriteStream(chainLogPath, { flags: 'w' });
  say(`Starting the embedded chain on 127.0.0.1:${config.chainPort} (log: ${chainLogPath})…`);
  const started = await startChain({
    port: config.chainPort,
    write: (line) => chainLog.write(`${line}\n`),
    onSpawn: (managed) => {
      chain = managed;
      void managed.exited.then((how) => {
        if (stopping || managed.stopRequested()) return;
        say(chainLost(describeExit(how), chainLogPath));
        void shutdown(1);
      });
    },
  });
  return started.rpcUrl;
}

/**
 * Why the stack stops when the embedded chain dies instead of restarting it like a service: Hardhat keeps
 * its state in memory, so a new chain would be empty under a platform whose databases point at contracts,
 * escrow and payouts that no longer exist.
 */
function chainLost(how: string, logPath: string): string {
  return [
    '',
    `The embedded chain exited (${how}); its log is ${logPath}.`,
    'It keeps its state in memory only: the contracts, the escrow, consents, records and payouts on it are gone,',
    'and a new chain would be empty under a platform that has deployed to this one. Stopping the stack.',
    'Run npm start again for a fresh platform, or set CHAIN_RPC_URL to a chain that keeps its state.',
    '',
  ].join('\n');
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
    ...(config.traces.viewerPort === null
      ? []
      : [{ what: 'the trace viewer', port: config.traces.viewerPort, variable: 'TRACES_PORT' }]),
  ]);
  if (taken.length) throw new StackError(taken.join('\n'));
}

/**
 * The gateway first (no new requests), then the services, the chain last. No service is restarted once
 * this began, not even one whose restart was pending. Safe to call twice.
 */
function shutdown(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    const started = Boolean(platform?.services().length || chain);
    if (started) say('Stopping…');
    await platform?.stop();
    await chain?.stop(STOP_GRACE_MS);
    await traceViewer?.close();
    if (started) say('Stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

const killEverythingNow = () => {
  platform?.stopNow();
  if (chain) killAllNow([chain]);
};
process.once('exit', killEverythingNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now".
    if (stopping) {
      killEverythingNow();
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
