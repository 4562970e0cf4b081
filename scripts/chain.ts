import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readInt } from '#libs/config';
import { repoRoot } from '#libs/testing';
import { spawnManaged, type ManagedProcess } from './stack/managed-process.js';
import { takenPorts } from './stack/ports.js';
import { waitWhileAlive } from './stack/wait-while-alive.js';

/** Hardhat's default development chain id (hardhat.config.cjs pins it). */
export const DEV_CHAIN_ID = 31337;
export const DEFAULT_CHAIN_PORT = 8545;

export interface ChainOptions {
  port: number;
  write?: (line: string) => void;
  prefixWidth?: number;
  readyTimeoutMs?: number;
  onSpawn?: (managed: ManagedProcess) => void;
}

export interface RunningChain {
  rpcUrl: string;
  chainId: number;
  process: ManagedProcess;
}

/**
 * Starts the embedded development chain (Hardhat 2 node, config in services/ledger-bridge/chain) as a
 * child process and resolves once it answers `eth_chainId` with 31337. Nothing is downloaded: the node
 * needs no compiler, and contracts are compiled by the build with solc-js.
 */
export async function startChain({
  port,
  write = (line) => console.log(line),
  prefixWidth = 5,
  readyTimeoutMs = 30000,
  onSpawn,
}: ChainOptions): Promise<RunningChain> {
  const [taken] = await takenPorts([{ what: 'the embedded chain', port, variable: 'CHAIN_PORT' }]);
  if (taken) throw new Error(taken);
  const root = repoRoot();
  const hardhatCli = join(
    dirname(createRequire(join(root, 'package.json')).resolve('hardhat/package.json')),
    'internal/cli/bootstrap.js',
  );
  const args = [hardhatCli, 'node', '--hostname', '127.0.0.1', '--port', String(port)];
  const chain = spawnManaged('chain', process.execPath, args, {
    cwd: join(root, 'services', 'ledger-bridge', 'chain'),
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', NODE_OPTIONS: '' },
    write,
    prefixWidth,
    onSpawn,
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    await waitWhileAlive(
      chain,
      async () => {
        const chainId = await chainIdAt(rpcUrl);
        return chainId === DEV_CHAIN_ID || `chain id ${chainId ?? 'unknown'}`;
      },
      { timeoutMs: readyTimeoutMs, what: `the embedded chain answered on ${rpcUrl}` },
    );
  } catch (error) {
    await chain.stop(2000);
    throw error;
  }
  return { rpcUrl, chainId: DEV_CHAIN_ID, process: chain };
}

/** The chain id a JSON-RPC endpoint reports, or undefined when it does not answer. */
export async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal: AbortSignal.timeout(1000),
  }).catch(() => undefined);
  if (!response?.ok) return undefined;
  const body = (await response.json()) as { result?: string };
  return body.result ? Number.parseInt(body.result, 16) : undefined;
}

/** `npm run chain`: the chain alone, until Ctrl-C. */
async function main(): Promise<void> {
  const port = readInt(process.env, 'CHAIN_PORT', DEFAULT_CHAIN_PORT, 1, 65535);
  const chain = await startChain({ port });
  console.log(`Embedded chain ready: ${chain.rpcUrl} (chain id ${chain.chainId}). Ctrl-C stops it.`);
  let stopping = false;
  const stop = () => {
    stopping = true;
    void chain.process.stop(5000).then(() => process.exit(0));
  };
  void chain.process.exited.then((how) => {
    if (stopping) return;
    console.error(`The embedded chain stopped on its own (${how}).`);
    process.exit(1);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
