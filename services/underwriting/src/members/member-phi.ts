import { phiContext, type PhiCipher, type PhiColumn } from '#libs/phi';

/**
 * The member's personal data, sealed at rest (libs/phi): name, birth date and date of death. The
 * wallet address stays in the clear: it is public on chain already, and the relays look it up.
 * No query searches or compares these columns in SQL; the rules read them after opening.
 */
export const MEMBER_PHI_COLUMNS: readonly PhiColumn[] = [
  { table: 'members', rowKey: 'id', column: 'name' },
  { table: 'members', rowKey: 'id', column: 'birth_date' },
  { table: 'members', rowKey: 'id', column: 'date_of_death' },
];

export interface MemberPhi {
  name: string;
  birthDate: string;
  dateOfDeath: string | null;
}

/** The values to store, each bound to its member's row. */
export function sealMemberPhi(cipher: PhiCipher, memberId: string, phi: MemberPhi): MemberPhi {
  return {
    name: cipher.encrypt(phi.name, phiContext('members', 'name', memberId)),
    birthDate: cipher.encrypt(phi.birthDate, phiContext('members', 'birth_date', memberId)),
    dateOfDeath: sealDateOfDeath(cipher, memberId, phi.dateOfDeath),
  };
}

export function sealDateOfDeath(cipher: PhiCipher, memberId: string, dateOfDeath: string | null): string | null {
  return cipher.encryptOptional(dateOfDeath, phiContext('members', 'date_of_death', memberId));
}

/** The stored values opened; a value written before encryption is read as it is. */
export async function openMemberPhi(cipher: PhiCipher, memberId: string, stored: MemberPhi): Promise<MemberPhi> {
  const [name, birthDate, dateOfDeath] = await Promise.all([
    cipher.decrypt(stored.name, phiContext('members', 'name', memberId)),
    cipher.decrypt(stored.birthDate, phiContext('members', 'birth_date', memberId)),
    cipher.decryptOptional(stored.dateOfDeath, phiContext('members', 'date_of_death', memberId)),
  ]);
  return { name, birthDate, dateOfDeath };
}
