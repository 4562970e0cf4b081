import { createHash } from 'node:crypto';
import {
  DEMO_CLINIC_WALLET_ACCOUNTS,
  DEMO_MEMBER_WALLET_ACCOUNTS,
  signDevelopmentToken,
  type DevelopmentTokenClaims,
} from '#libs/auth';
import { devAccount, signTypedData, type TypedData } from './dev-accounts.js';

/** The demo's medical record: anchored by clinic P-1 for member M-1, cited by the sample claim. */
export const DEMO_RECORD = {
  recordId: 'REC-DEMO-1',
  memberId: 'M-1',
  sha256: createHash('sha256').update('Demo visit note: sore throat, rapid strep negative.').digest('hex'),
};

/** Who signs what in the demo: development account indices (see DEMO_ADDRESSES). */
export const DEMO_SIGNERS = {
  clinicP1: DEMO_CLINIC_WALLET_ACCOUNTS['P-1'] ?? 3,
  memberM1: DEMO_MEMBER_WALLET_ACCOUNTS['M-1'] ?? 2,
  memberM2: DEMO_MEMBER_WALLET_ACCOUNTS['M-2'] ?? 5,
} as const;

interface Caller {
  gatewayUrl: string;
  jwtSecret: string;
}

/**
 * Prepare → sign → submit, as a clinic or patient would (API.md, On chain). The bridge learns parties'
 * addresses from events, so right after set-up the prepare step may be refused for a moment: it is
 * retried until `timeoutMs`.
 */
export async function submitSigned(
  caller: Caller,
  as: DevelopmentTokenClaims,
  path: string,
  body: Record<string, unknown>,
  accountIndex: number,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const token = await signDevelopmentToken(as, caller.jwtSecret, 300);
  const post = (suffix: string, payload: unknown) =>
    fetch(`${caller.gatewayUrl}${path}${suffix}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  const deadline = Date.now() + timeoutMs;
  let prepared = await post('/typed-data', body);
  while (prepared.status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    prepared = await post('/typed-data', body);
  }
  if (prepared.status !== 200) {
    throw new Error(`POST ${path}/typed-data answered ${prepared.status}: ${await prepared.text()}`);
  }
  const typed = (await prepared.json()) as TypedData;
  const signature = await signTypedData(devAccount(accountIndex), typed);
  const submitted = await post('', { ...body, message: typed.message, signature });
  const text = await submitted.text();
  if (submitted.status !== 202) throw new Error(`POST ${path} answered ${submitted.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The demo's on-chain facts, on a chain that starts empty: M-1 and M-2 grant INS-1 the `claims` scope
 * for a year, and clinic P-1 anchors M-1's record. Returns what was done, for the start-up log.
 */
export async function seedDemoChain(caller: Caller): Promise<string[]> {
  const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const consent = { insurerId: 'INS-1', scope: 'claims', expiresAt };
  await submitSigned(caller, { role: 'patient', patient: 'M-1' }, '/v1/consents', consent, DEMO_SIGNERS.memberM1);
  await submitSigned(caller, { role: 'patient', patient: 'M-2' }, '/v1/consents', consent, DEMO_SIGNERS.memberM2);
  await submitSigned(caller, { role: 'clinic', org: 'P-1' }, '/v1/records', DEMO_RECORD, DEMO_SIGNERS.clinicP1);
  return ['consents of M-1 and M-2 to INS-1', `record ${DEMO_RECORD.recordId} anchored by P-1`];
}
