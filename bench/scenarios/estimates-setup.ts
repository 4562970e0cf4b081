import { signDevelopmentToken } from '#libs/auth';
import { aPlanRequest } from '#libs/testing';

/** The clinic that asks for every estimate, and the insurer whose members they are for. */
export const CLINIC = 'P-BENCH';
const INSURER = 'I-BENCH';
const PLAN = 'PLAN-BENCH';
/** Members the estimates are spread over, so no single accumulator row or day is the only one read. */
export const MEMBER_COUNT = 200;

/** An office visit (copay), a blood count (deductible) and a metabolic panel that needs pre-authorisation. */
const LINES = [
  { code: '99213', units: 1, charge: 15_000 },
  { code: '85025', units: 1, charge: 60_000 },
  { code: '80053', units: 1, charge: 50_000 },
];

export function memberId(index: number): string {
  return `M-BENCH-${index % MEMBER_COUNT}`;
}

/** Half the estimates ask for pre-authorisation (underwriting then records the approval from the event). */
export function anEstimate(index: number, plannedDate: string) {
  return {
    memberId: memberId(index),
    providerId: CLINIC,
    plannedDate,
    preauthorization: index % 2 === 0,
    lines: LINES.map((line) => ({ ...line, charge: line.charge + (index % 100) })),
  };
}

function addressOf(n: number): string {
  return `0x${n.toString(16).padStart(40, '0')}`;
}

async function expectStatus(
  gateway: string,
  token: string,
  status: number,
  method: string,
  path: string,
  body: unknown,
) {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${path} → ${response.status}, not ${status}: ${text}`);
}

/**
 * Set-up through the API, as an insurer and an admin would do it: the insurer, the clinic, a plan,
 * the members, the insurer's fee schedule and the clinic in its network.
 */
export async function setUpEstimates(gateway: string, jwtSecret: string): Promise<void> {
  const admin = await signDevelopmentToken({ role: 'admin' }, jwtSecret);
  const insurer = await signDevelopmentToken({ role: 'insurer', org: INSURER }, jwtSecret);
  await expectStatus(gateway, admin, 201, 'POST', '/v1/insurers', {
    id: INSURER,
    name: 'Bench Health',
    address: addressOf(1),
  });
  await expectStatus(gateway, admin, 201, 'POST', '/v1/providers', {
    id: CLINIC,
    name: 'Bench Clinic',
    address: addressOf(2),
  });
  await expectStatus(
    gateway,
    insurer,
    201,
    'POST',
    '/v1/plans',
    aPlanRequest({ id: PLAN, name: 'Bench plan', coveredCodes: [] }),
  );
  for (let index = 0; index < MEMBER_COUNT; index += 1) {
    await expectStatus(gateway, insurer, 201, 'POST', '/v1/members', {
      id: memberId(index),
      name: `Member ${index}`,
      birthDate: '1985-12-10',
      planId: PLAN,
      coverageStart: '2026-01-01',
      coverageEnd: null,
      address: addressOf(1_000 + index),
    });
  }
  await expectStatus(gateway, insurer, 200, 'PUT', '/v1/fee-schedule', {
    entries: [
      { code: '99213', amount: 10_000 },
      { code: '85025', amount: 20_000 },
      { code: '80053', amount: 40_000 },
    ],
  });
  await expectStatus(gateway, insurer, 200, 'PUT', `/v1/network/${CLINIC}`, { status: 'in' });
}
