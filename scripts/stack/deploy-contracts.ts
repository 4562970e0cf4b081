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

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * For the demo: the member whose address is development account `accountIndex` grants `insurerId` the
 * `claims` scope through the API (prepare → sign with the member's key → submit), as a patient would, so
 * the demo's claims pass verification. Returns the consent id.
 */
export async function grantDemoConsent(
  gatewayUrl: string,
  patientToken: string,
  insurerId: string,
  accountIndex: number,
  expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
): Promise<string> {
  const { HDNodeWallet, Mnemonic } = await import('ethers');
  const key = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), `m/44'/60'/0'/0/${accountIndex}`);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patientToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const request = { insurerId, scope: 'claims', expiresAt };
  const typed = (await post('/v1/consents/typed-data', request)) as {
    domain: Record<string, unknown>;
    types: Record<string, { name: string; type: string }[]>;
    message: Record<string, unknown>;
  };
  const signature = await key.signTypedData(typed.domain, typed.types, typed.message);
  const granted = await post('/v1/consents', { ...request, message: typed.message, signature });
  return String(granted.id);
}

/**
 * `grantDemoConsent` right after set-up: the bridge learns a member's address from underwriting's event,
 * so until it has, preparing the consent is refused; it is asked again until `timeoutMs`.
 */
export async function grantDemoConsentOnceKnown(
  gatewayUrl: string,
  patientToken: string,
  insurerId: string,
  accountIndex: number,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await grantDemoConsent(gatewayUrl, patientToken, insurerId, accountIndex);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
