import type { DevelopmentTokenClaims } from './sign.js';

/**
 * The demo's principals (insurer INS-1, clinic P-1, member M-1), one per role: `npm start` prints a token
 * for each, and the gateway's development sign-in (portal) issues the same ones. Only ever signed with the
 * public development secret.
 */
export interface DemoPrincipal {
  /** The shell variable the banner exports the token as, e.g. PATIENT. */
  variable: string;
  claims: DevelopmentTokenClaims;
}

export const DEMO_PRINCIPALS: readonly DemoPrincipal[] = [
  { variable: 'ADMIN', claims: { role: 'admin' } },
  { variable: 'INSURER', claims: { role: 'insurer', org: 'INS-1' } },
  { variable: 'CLINIC', claims: { role: 'clinic', org: 'P-1' } },
  { variable: 'ANALYST', claims: { role: 'analyst', org: 'INS-1' } },
  { variable: 'PATIENT', claims: { role: 'patient', patient: 'M-1' } },
];

/** A working day, so the demo tokens outlive a session of clicking around. */
export const DEMO_TOKEN_TTL_SECONDS = 8 * 3600;

/** The standard development mnemonic (DOMAIN.md, Development chain): public, for local chains only. */
export const DEV_WALLET_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * Which account of the public development mnemonic (DEV_MNEMONIC) is each demo member's wallet: the demo
 * seed registers these addresses, and the portal's demo wallet signs with them.
 */
export const DEMO_MEMBER_WALLET_ACCOUNTS: Readonly<Record<string, number>> = { 'M-1': 2, 'M-2': 5 };

/**
 * Which account of the public development mnemonic is each demo clinic's wallet: the demo seed registers
 * these addresses as the clinics' payee and anchor signer, and the portal's demo wallet signs anchors with them.
 */
export const DEMO_CLINIC_WALLET_ACCOUNTS: Readonly<Record<string, number>> = { 'P-1': 3, 'P-2': 4 };

/** The development wallet of a demo principal (a member's or a clinic's), if it has one. */
export function demoWalletAccount({ role, org, patient }: DevelopmentTokenClaims): number | undefined {
  if (role === 'patient' && patient !== undefined) return DEMO_MEMBER_WALLET_ACCOUNTS[patient];
  if (role === 'clinic' && org !== undefined) return DEMO_CLINIC_WALLET_ACCOUNTS[org];
  return undefined;
}

/** "patient M-1", "clinic P-1", "admin". */
export function demoPrincipalLabel({ role, org, patient }: DevelopmentTokenClaims): string {
  return [role, org ?? patient].filter(Boolean).join(' ');
}
