import { phiContext, type PhiCipher, type PhiColumn } from '#libs/phi';

/**
 * The claim's diagnosis codes, sealed at rest (libs/phi) as JSON text bound to the claim's row. No query
 * filters on them; the saga opens them to re-ask a check. Procedure codes stay in the clear on the
 * lines: pricing, the coverage edits and the fraud rules compare them in SQL.
 */
export const CLAIM_PHI_COLUMNS: readonly PhiColumn[] = [{ table: 'claims', rowKey: 'id', column: 'diagnosis_codes' }];

export function sealDiagnosisCodes(cipher: PhiCipher, claimId: string, codes: string[]): string {
  return cipher.encryptJson(codes, phiContext('claims', 'diagnosis_codes', claimId));
}

/** Opens the stored codes; JSON written before encryption reads as it is. */
export function openDiagnosisCodes(cipher: PhiCipher, claimId: string, stored: string): Promise<string[]> {
  return cipher.decryptJson<string[]>(stored, phiContext('claims', 'diagnosis_codes', claimId));
}
