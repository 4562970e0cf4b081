import { signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';

/**
 * The demo organisations `npm start` sets up through the public API, so the printed tokens have
 * something to work on: insurer INS-1 with plan PLAN-1, clinics P-1 and P-2 in its network with a fee
 * schedule, and its members M-1 and M-2. Addresses are
 * accounts of the standard development mnemonic (index in the comment); account 0 is the chain's
 * deployer, treasury and settler.
 */
export const DEMO_ADDRESSES = {
  insurer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', // 1
  memberM1: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', // 2
  clinicP1: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', // 3
  clinicP2: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', // 4
  memberM2: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc', // 5
} as const;

/** What INS-1 pays for the demo's codes, in cents. */
export const DEMO_FEES: Record<string, number> = {
  '99202': 7500,
  '99203': 11000,
  '99212': 5500,
  '99213': 9500,
  '99214': 14000,
  '36415': 600,
  '80053': 2500,
  '85025': 1800,
  '71046': 6000,
  '70551': 42000,
  '93000': 3000,
};

export interface DemoStep {
  what: string;
  as: DevelopmentTokenClaims;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  body: unknown;
}

const admin: DevelopmentTokenClaims = { role: 'admin' };
const insurer: DevelopmentTokenClaims = { role: 'insurer', org: 'INS-1' };

export const DEMO_STEPS: DemoStep[] = [
  {
    what: 'insurer INS-1',
    as: admin,
    method: 'POST',
    path: '/v1/insurers',
    body: { id: 'INS-1', name: 'Demo Health', address: DEMO_ADDRESSES.insurer },
  },
  {
    what: 'plan PLAN-1',
    as: insurer,
    method: 'POST',
    path: '/v1/plans',
    body: {
      id: 'PLAN-1',
      name: 'Demo Gold',
      currency: 'USD',
      deductible: 50000,
      coinsurancePct: 20,
      outOfNetworkCoinsurancePct: 40,
      copays: { office_visit: 2500 },
      oopMax: 400000,
      annualLimit: 0,
      coveredCategories: ['office_visit', 'lab', 'diagnostic', 'imaging'],
      coveredCodes: [],
      excludedCodes: ['99205'],
      preauthCodes: ['70551'],
      waitingPeriodDays: 0,
    },
  },
  ...(
    [
      ['P-1', 'Riverside Clinic', DEMO_ADDRESSES.clinicP1],
      ['P-2', 'Hillview Practice', DEMO_ADDRESSES.clinicP2],
    ] as const
  ).flatMap(([id, name, address]): DemoStep[] => [
    { what: `provider ${id}`, as: admin, method: 'POST', path: '/v1/providers', body: { id, name, address } },
    { what: `${id} in network`, as: insurer, method: 'PUT', path: `/v1/network/${id}`, body: { status: 'in' } },
  ]),
  {
    what: 'fee schedule',
    as: insurer,
    method: 'PUT',
    path: '/v1/fee-schedule',
    body: { entries: Object.entries(DEMO_FEES).map(([code, amount]) => ({ code, amount })) },
  },
  ...(
    [
      ['M-1', 'Ada Lovelace', '1985-12-10', DEMO_ADDRESSES.memberM1],
      ['M-2', 'Alan Turing', '1972-06-23', DEMO_ADDRESSES.memberM2],
    ] as const
  ).map(([id, name, birthDate, address]): DemoStep => ({
    what: `member ${id}`,
    as: insurer,
    method: 'POST',
    path: '/v1/members',
    body: { id, name, birthDate, planId: 'PLAN-1', coverageStart: '2026-01-01', coverageEnd: null, address },
  })),
];

/**
 * Applies the demo steps in order. A 409 means the step was done by an earlier `npm start` (the
 * databases outlive the stack), so seeding twice is harmless; anything else stops the start-up.
 */
export async function seedDemo(gatewayUrl: string, jwtSecret: string, steps = DEMO_STEPS): Promise<string[]> {
  const done: string[] = [];
  for (const step of steps) {
    const token = await signDevelopmentToken(step.as, jwtSecret, 300);
    const response = await fetch(`${gatewayUrl}${step.path}`, {
      method: step.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(step.body),
    });
    if (response.status === 409) {
      done.push(`${step.what} (already there)`);
      continue;
    }
    if (!response.ok) {
      throw new Error(
        `demo seed: ${step.method} ${step.path} (${step.what}) → ${response.status}: ${await response.text()}`,
      );
    }
    done.push(step.what);
  }
  return done;
}
