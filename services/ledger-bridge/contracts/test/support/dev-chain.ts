import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HDNodeWallet, JsonRpcProvider, Mnemonic } from 'ethers';
import { freePort, repoRoot, waitFor } from '#libs/testing';

/** Hardhat's standard development mnemonic: account 0 is deployer, treasury and settler (DOMAIN.md). */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEV_CHAIN_ID = 31337n;

export interface DevChain {
  url: string;
  provider: JsonRpcProvider;
  /** Funded development account `index` of the standard mnemonic, connected to this chain. */
  account: (index: number) => HDNodeWallet;
  stop: () => Promise<void>;
}

/**
 * Starts a private embedded Hardhat node on a free port (never the shared 8545), so a test file owns its chain
 * and may move its clock.
 */
export async function startDevChain(): Promise<DevChain> {
  const port = await freePort();
  const root = repoRoot();
  const hardhat = join(root, 'node_modules', 'hardhat', 'internal', 'cli', 'bootstrap.js');
  const child = spawn(process.execPath, [hardhat, 'node', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: join(root, 'services', 'ledger-bridge', 'chain'),
    env: { ...process.env, NODE_OPTIONS: '', HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The node logs every request; keep only a tail for failure messages, but keep draining the pipes so the
  // node never blocks on a full one.
  let tail = '';
  const keepTail = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const url = `http://127.0.0.1:${port}`;
  // No cache and fast polling: tests send transactions back to back and wait for each receipt.
  const provider = new JsonRpcProvider(url, Number(DEV_CHAIN_ID), {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 20,
  });
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`hardhat node exited with ${child.exitCode}:\n${tail}`);
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        }).catch(() => undefined);
        return response?.ok === true;
      },
      { timeoutMs: 30000, intervalMs: 100, what: 'the embedded chain to answer' },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const root0 = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), "m/44'/60'/0'/0");
  const accounts = new Map<number, HDNodeWallet>();
  const account = (index: number) => {
    let wallet = accounts.get(index);
    if (!wallet) {
      wallet = root0.deriveChild(index).connect(provider);
      accounts.set(index, wallet);
    }
    return wallet;
  };
  return {
    url,
    provider,
    account,
    stop: async () => {
      provider.destroy();
      await stop();
    },
  };
}

/** The latest block's timestamp (unix seconds): the chain's clock, which tests move with `advanceTime`. */
export async function chainTime(provider: JsonRpcProvider): Promise<bigint> {
  const block = await provider.getBlock('latest');
  if (!block) throw new Error('no latest block');
  return BigInt(block.timestamp);
}

/** Moves the chain's clock forward by `seconds` and mines a block at the new time. */
export async function advanceTime(provider: JsonRpcProvider, seconds: bigint): Promise<void> {
  await provider.send('evm_increaseTime', [Number(seconds)]);
  await provider.send('evm_mine', []);
}
