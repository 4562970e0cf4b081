import { phiContext, type PhiCipher, type PhiColumn } from '#libs/phi';

/**
 * The outbox's envelope column, sealed at rest: every service lists it among its `PhiColumn`s, so a
 * data-key rotation re-encrypts the envelopes still waiting (and any written before encryption).
 */
export const OUTBOX_PHI_COLUMN: PhiColumn = { table: 'outbox', rowKey: 'id', column: 'envelope', type: 'jsonb' };

/** The seal of an envelope is bound to its outbox row: a sealed envelope copied to another row does not open. */
export function outboxEnvelopeContext(id: string): string {
  return phiContext(OUTBOX_PHI_COLUMN.table, OUTBOX_PHI_COLUMN.column, id);
}

/**
 * The value of the `envelope` column (jsonb) for an envelope: its JSON text sealed, as a JSON string.
 * Events carry personal data (names, birth dates, diagnosis codes), which must not rest in the clear.
 */
export function sealOutboxEnvelope(cipher: PhiCipher, id: string, envelopeJson: string): string {
  return JSON.stringify(cipher.encrypt(envelopeJson, outboxEnvelopeContext(id)));
}

/**
 * The envelope's JSON text from the column read as text with `envelope #>> '{}'`: a sealed value opens,
 * and an envelope stored in the clear before encryption existed comes back as it is.
 */
export function openOutboxEnvelope(cipher: PhiCipher, id: string, stored: string): Promise<string> {
  return cipher.decrypt(stored, outboxEnvelopeContext(id));
}

/** What a query selects for `openOutboxEnvelope`: the sealed string itself, or a clear envelope's JSON text. */
export const OUTBOX_ENVELOPE_TEXT = `envelope #>> '{}'`;
