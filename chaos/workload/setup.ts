import { HDNodeWallet, Mnemonic, Wallet, id } from 'ethers';
import { signDevelopmentToken } from '#libs/auth';
import { runClosedLoop } from '../../bench/lib/load.js';
import { deployContracts, grantDemoConsentOnceKnown } from '../../scripts/stack/deploy-contracts.js';
import { COINSURANCE_PCT, COVERAGE_START, FEES, INSURER, memberId, PLAN, providerId } from './claim-mix.js';

/** Members' keys are development-mnemonic accounts from here on (0–19 are the node's own accounts). */
const FIRST_MEMBER_ACCOUNT = 100;
const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export interface SetupShape {
  members: number;
  providers: number;
  /** Whole tokens deposited in the insurer's escrow. */
  escrowTokens: number;
}

/** A fixed address per name, so that payees are the same from run to run. */
const addressOf = (name: string) => new Wallet(id(`chaos-${name}`)).address;

/**
 * The insurer the campaign's claims go to, set up through the API as an admin, the insurer and its
 * members would: the plan (no deductible or copay, 20 % coinsurance, imaging not covered), the fee
 * schedule (no fee for 80053), clinics in its network, members with addresses, each member's consent
 * signed with the member's own key and relayed on chain; then the contracts are deployed (if the bridge
 * has not yet) and the escrow funded from the treasury.
 */
export async function setUpInsurer(
  gateway: string,
  jwtSecret: string,
  shape: SetupShape,
  bridgeEnv: Record<string, string>,
): Promise<void> {
  const admin = await signDevelopmentToken({ role: 'admin' }, jwtSecret);
  const insurer = await signDevelopmentToken({ role: 'insurer', org: INSURER }, jwtSecret);
  const send = sender(gateway);
  await send(admin, 'POST', '/v1/insurers', { id: INSURER, name: 'Chaos Health', address: addressOf(INSURER) }, 201);
  await send(
    insurer,
    'POST',
    '/v1/plans',
    {
      id: PLAN,
      name: 'Chaos plan',
      currency: 'USD',
      deductible: 0,
      coinsurancePct: COINSURANCE_PCT,
      outOfNetworkCoinsurancePct: 40,
      copays: {},
      oopMax: 100_000_000,
      annualLimit: 0,
      coveredCategories: ['office_visit', 'lab'],
      coveredCodes: [],
      excludedCodes: [],
      preauthCodes: [],
      waitingPeriodDays: 0,
    },
    201,
  );
  const entries = Object.entries(FEES).map(([code, amount]) => ({ code, amount }));
  await send(insurer, 'PUT', '/v1/fee-schedule', { entries }, 200);
  for (let n = 0; n < shape.providers; n += 1) {
    const body = { id: providerId(n), name: `Chaos clinic ${n}`, address: addressOf(providerId(n)) };
    await send(admin, 'POST', '/v1/providers', body, 201);
    await send(insurer, 'PUT', `/v1/network/${providerId(n)}`, { status: 'in' }, 200);
  }
  const root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), "m/44'/60'/0'/0");
  for (let n = 0; n < shape.members; n += 1) {
    const member = {
      id: memberId(n),
      name: `Chaos member ${n}`,
      birthDate: '1980-05-17',
      planId: PLAN,
      coverageStart: COVERAGE_START,
      coverageEnd: null,
      address: root.deriveChild(FIRST_MEMBER_ACCOUNT + n).address,
    };
    await send(insurer, 'POST', '/v1/members', member, 201);
  }
  const consents = await runClosedLoop(shape.members, 4, async (n) => {
    const patient = await signDevelopmentToken({ role: 'patient', patient: memberId(n) }, jwtSecret, 3_600);
    await grantDemoConsentOnceKnown(gateway, patient, INSURER, FIRST_MEMBER_ACCOUNT + n, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  });
  if (consents.errors.length) throw new Error(`consents not granted: ${consents.errors[0]}`);
  await deployContracts(bridgeEnv, [{ insurerId: INSURER, tokens: shape.escrowTokens }]);
}

function sender(gateway: string) {
  return async (token: string, method: string, path: string, body: unknown, status: number) => {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== status)
      throw new Error(`set-up: ${method} ${path} → ${response.status}, not ${status}: ${text}`);
  };
}
