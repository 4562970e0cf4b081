import { signDevelopmentToken } from '#libs/auth';
import { freePort } from '#libs/testing';
import { startChain } from '../../scripts/chain.js';
import { jsonPoster, type PostResult } from '../lib/http-post.js';
import { startIsolatedStack, type IsolatedStack } from '../lib/isolated-stack.js';
import type { BenchOptions } from '../lib/scenario.js';
import { deployedAddresses, fundEscrow } from './payouts-chain.js';
import { aCleanClaim, INSURER, providerId, PROVIDER_COUNT, setUpEndToEnd } from './end-to-end-setup.js';

export const SERVICES = ['claims', 'underwriting', 'billing', 'fraud', 'ledger-bridge', 'gateway'] as const;
/** What the plan pays per claim (80 % of 12,000 cents) in token base units (1 cent = 10^16), with room. */
const ESCROW_PER_CLAIM = 2n * 96n * 10n ** 18n;

/** The whole platform on the embedded chain, set up for clean claims, with a poster per clinic. */
export interface EndToEndStack {
  stack: IsolatedStack;
  chainPid: number | undefined;
  gateway: string;
  claimsDatabaseUrl: string;
  /** POSTs clean claim `index` as its clinic. */
  postClaim: (index: number) => Promise<PostResult>;
  /** Funds the insurer's escrow for `claims` more claims. */
  fund: (claims: number) => Promise<void>;
  close: () => Promise<void>;
}

/** BENCH_SERVICE_ENV (JSON) adds environment to the services for what-if runs, e.g. {"OTEL_SDK_DISABLED":"true"}. */
export function whatIfEnv(): Record<string, string> {
  const raw = process.env.BENCH_SERVICE_ENV;
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

/** `--max-backlog N` turns the gateway's admission control on (the bench stack has it off otherwise). */
export function backlogEnv(options: BenchOptions): Record<string, string> {
  return options.maxBacklog === undefined ? {} : { ADMISSION_MAX_REVIEW_BACKLOG: String(options.maxBacklog) };
}

/**
 * Starts the chain and every service as its own process (as `npm start` runs them), sets up the insurer,
 * plan, clinics and members through the API, and opens one kept-alive poster per clinic with `maxSockets`.
 */
export async function openEndToEndStack(maxSockets: number, env: Record<string, string>): Promise<EndToEndStack> {
  const chain = await startChain({ port: await freePort(), write: () => undefined });
  const stack = await startIsolatedStack([...SERVICES], { ...whatIfEnv(), ...env, CHAIN_RPC_URL: chain.rpcUrl }).catch(
    async (error: unknown) => {
      await chain.process.stop(5000);
      throw error;
    },
  );
  const closers: (() => void)[] = [];
  const close = async () => {
    for (const closeOne of closers) closeOne();
    await stack.stop();
    await chain.process.stop(5000);
  };
  try {
    const gateway = stack.url('gateway');
    await setUpEndToEnd(gateway, stack.jwtSecret);
    const addresses = await deployedAddresses(stack.databaseUrl('ledger-bridge'));
    const clinics: ReturnType<typeof jsonPoster>[] = [];
    for (let n = 0; n < PROVIDER_COUNT; n += 1) {
      const token = await signDevelopmentToken({ role: 'clinic', org: providerId(n) }, stack.jwtSecret, 7_200);
      const client = jsonPoster(gateway, { authorization: `Bearer ${token}` }, maxSockets);
      closers.push(client.close);
      clinics.push(client);
    }
    return {
      stack,
      chainPid: chain.process.child.pid,
      gateway,
      claimsDatabaseUrl: stack.databaseUrl('claims'),
      postClaim: (index) => clinics[index % PROVIDER_COUNT].post('/v1/claims', aCleanClaim(index)),
      fund: (claims) => fundEscrow(chain.rpcUrl, addresses, INSURER, ESCROW_PER_CLAIM * BigInt(claims)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
