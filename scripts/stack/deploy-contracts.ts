import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '#libs/testing';

export interface DeployedForStack {
  chainId: number;
  token: string;
  recordRegistry: string;
  consentRegistry: string;
  settlement: string;
  /** Each funded insurer's escrow after the deposit, token base units as a decimal string. */
  escrows: Record<string, string>;
}

/**
 * Deploys the contracts for `npm start` (idempotent: the ledger bridge's database remembers them, and a
 * fresh embedded chain gets a fresh deployment) and funds the demo insurers' escrows from the treasury.
 * It runs the bridge's own deploy command as a process, since scripts never import a service's code.
 * Pass the bridge's environment (DATABASE_URL, CHAIN_RPC_URL, optionally LEDGER_SIGNER_KEY).
 */
export async function deployContracts(
  env: Record<string, string>,
  fund: { insurerId: string; tokens: number }[] = [],
): Promise<DeployedForStack> {
  const cli = join(repoRoot(), 'dist', 'services', 'ledger-bridge', 'src', 'deployment', 'deploy-cli.js');
  const args = fund.flatMap(({ insurerId, tokens }) => ['--fund', `${insurerId}=${tokens}`]);
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    timeout: 120_000,
  });
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as DeployedForStack;
}
