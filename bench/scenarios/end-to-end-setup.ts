import { HDNodeWallet, Mnemonic, Wallet, id } from 'ethers';
import { signDevelopmentToken } from '#libs/auth';
import { grantDemoConsentOnceKnown } from '../../scripts/stack/deploy-contracts.js';

export const INSURER = 'I-E2E';
const PLAN = 'PLAN-E2E';
/** Members and clinics the claims are spread over, so that no fraud rule fires (see aCleanClaim). */
export const MEMBER_COUNT = 200;
export const PROVIDER_COUNT = 20;
/** Service dates from 2026-01-02 on, one per member and day: (member, date) never repeats. */
const FIRST_DATE_MS = Date.UTC(2026, 0, 2);
/** Members' keys are development-mnemonic accounts from here on (0–19 are the node's own accounts). */
const FIRST_MEMBER_ACCOUNT = 100;
const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** Office visit and a blood count: fee 10,000 + 2,000 cents, the plan pays 80 % of it. */
const LINES = [
  { code: '99213', units: 1, charge: 12_000 },
  { code: '85025', units: 1, charge: 2_500 },
];

export const memberId = (n: number) => `M-E2E-${n}`;
export const providerId = (n: number) => `P-E2E-${n}`;

/**
 * Claim `index`, clean for every fraud rule: its member and service date pair is unique (no
 * DUPLICATE/NEAR_DUPLICATE); each clinic sees MEMBER_COUNT / PROVIDER_COUNT claims a day, 10 × 25
 * typical minutes (no IMPOSSIBLE_DAY); clinics have no history before the run (no PROVIDER_SPIKE);
 * charges are the same for every claim (no CHARGE_OUTLIER). Index < MEMBER_COUNT × days to today.
 */
export function aCleanClaim(index: number) {
  const day = Math.floor(index / MEMBER_COUNT);
  const serviceDate = new Date(FIRST_DATE_MS + day * 86_400_000).toISOString().slice(0, 10);
  if (serviceDate > new Date().toISOString().slice(0, 10)) throw new Error(`claim ${index} would be in the future`);
  return {
    memberId: memberId(index % MEMBER_COUNT),
    providerId: providerId(index % PROVIDER_COUNT),
    serviceDate,
    diagnosisCodes: ['J06.9'],
    lines: LINES,
  };
}

/** Claims the date range allows (one per member and day, up to today). */
export function cleanClaimCapacity(): number {
  return Math.floor((Date.now() - FIRST_DATE_MS) / 86_400_000) * MEMBER_COUNT;
}

/** A fixed address per name, so reruns pay the same payees. */
const addressOf = (name: string) => new Wallet(id(`bench-e2e-${name}`)).address;

async function send(gateway: string, token: string, method: string, path: string, body: unknown, status: number) {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${path} → ${response.status}, not ${status}: ${text}`);
}

/**
 * Set-up through the API, as an admin, the insurer and its members would do it: the insurer, its
 * plan (no deductible or copay, so every claim has something to pay), fee schedule, clinics in its
 * network, members with addresses, and each member's consent to the insurer, signed with the member's
 * own key (development-mnemonic account 100 + n) and relayed on chain.
 */
export async function setUpEndToEnd(gateway: string, jwtSecret: string): Promise<void> {
  const admin = await signDevelopmentToken({ role: 'admin' }, jwtSecret);
  const insurer = await signDevelopmentToken({ role: 'insurer', org: INSURER }, jwtSecret);
  await send(
    gateway,
    admin,
    'POST',
    '/v1/insurers',
    { id: INSURER, name: 'E2E Health', address: addressOf(INSURER) },
    201,
  );
  await send(
    gateway,
    insurer,
    'POST',
    '/v1/plans',
    {
      id: PLAN,
      name: 'E2E plan',
      currency: 'USD',
      deductible: 0,
      coinsurancePct: 20,
      outOfNetworkCoinsurancePct: 40,
      copays: {},
      oopMax: 10_000_000,
      annualLimit: 0,
      coveredCategories: ['office_visit', 'lab'],
      coveredCodes: [],
      excludedCodes: [],
      preauthCodes: [],
      waitingPeriodDays: 0,
    },
    201,
  );
  const fees = {
    entries: [
      { code: '99213', amount: 10_000 },
      { code: '85025', amount: 2_000 },
    ],
  };
  await send(gateway, insurer, 'PUT', '/v1/fee-schedule', fees, 200);
  for (let n = 0; n < PROVIDER_COUNT; n += 1) {
    const body = { id: providerId(n), name: `Clinic ${n}`, address: addressOf(providerId(n)) };
    await send(gateway, admin, 'POST', '/v1/providers', body, 201);
    await send(gateway, insurer, 'PUT', `/v1/network/${providerId(n)}`, { status: 'in' }, 200);
  }
  const root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), "m/44'/60'/0'/0");
  for (let n = 0; n < MEMBER_COUNT; n += 1) {
    await send(
      gateway,
      insurer,
      'POST',
      '/v1/members',
      {
        id: memberId(n),
        name: `Member ${n}`,
        birthDate: '1980-05-17',
        planId: PLAN,
        coverageStart: '2026-01-01',
        coverageEnd: null,
        address: root.deriveChild(FIRST_MEMBER_ACCOUNT + n).address,
      },
      201,
    );
  }
  for (let n = 0; n < MEMBER_COUNT; n += 1) {
    const patient = await signDevelopmentToken({ role: 'patient', patient: memberId(n) }, jwtSecret, 3_600);
    await grantDemoConsentOnceKnown(gateway, patient, INSURER, FIRST_MEMBER_ACCOUNT + n, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  }
}
