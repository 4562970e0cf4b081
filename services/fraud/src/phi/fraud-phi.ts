import { phiContext, type PhiCipher, type PhiColumn } from '#libs/phi';
import type { FlagRuleView } from '#libs/contracts';

/**
 * Fraud's personal data, sealed at rest (libs/phi): a member's date of death (from underwriting's
 * snapshots), a flag's rule hits (their explanations quote the date of death and claim dates) and the
 * analysts' notes, which may name the patient. No query compares these in SQL: SERVICE_AFTER_DEATH compares
 * the opened date in TypeScript. Exclusion reasons stay in the clear: they are about a provider, written
 * by an admin, and the exclusion rules read them with the exclusion.
 */
export const FRAUD_OWN_PHI_COLUMNS: readonly PhiColumn[] = [
  { table: 'members', rowKey: 'member_id', column: 'date_of_death' },
  { table: 'flags', rowKey: 'id', column: 'rules', type: 'jsonb' },
  { table: 'flag_actions', rowKey: 'id', column: 'note' },
];

const deathContext = (memberId: string) => phiContext('members', 'date_of_death', memberId);
const rulesContext = (flagId: string) => phiContext('flags', 'rules', flagId);
const noteContext = (actionId: string) => phiContext('flag_actions', 'note', actionId);

export function sealDateOfDeath(cipher: PhiCipher, memberId: string, date: string | null): string | null {
  return cipher.encryptOptional(date, deathContext(memberId));
}

export function openDateOfDeath(cipher: PhiCipher, memberId: string, stored: string | null): Promise<string | null> {
  return cipher.decryptOptional(stored, deathContext(memberId));
}

/** The rule hits as the jsonb value to store: one JSON string holding the sealed array. */
export function sealRules(cipher: PhiCipher, flagId: string, rules: readonly FlagRuleView[]): string {
  return JSON.stringify(cipher.encryptJson(rules, rulesContext(flagId)));
}

/** `stored` is the column read as text (`rules #>> '{}'`): sealed, or a plaintext array from before. */
export function openRules(cipher: PhiCipher, flagId: string, stored: string): Promise<FlagRuleView[]> {
  return cipher.decryptJson<FlagRuleView[]>(stored, rulesContext(flagId));
}

export function sealNote(cipher: PhiCipher, actionId: string, note: string | null): string | null {
  return cipher.encryptOptional(note, noteContext(actionId));
}

export function openNote(cipher: PhiCipher, actionId: string, stored: string | null): Promise<string | null> {
  return cipher.decryptOptional(stored, noteContext(actionId));
}
