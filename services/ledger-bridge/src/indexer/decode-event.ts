import type { LogDescription } from 'ethers';

export type IndexedKind = 'anchored' | 'granted' | 'revoked' | 'deposited' | 'settled' | 'skipped';

/** One contract event as the index keeps it: a kind, the key it is looked up by, and its fields as text. */
export interface IndexedEvent {
  kind: IndexedKind;
  key: string;
  data: Record<string, string>;
}

const text = (value: unknown) => (typeof value === 'bigint' ? value.toString() : String(value));

/**
 * Maps a decoded event of the platform's contracts to its index row; null for events the index does not keep
 * (token transfers, role changes). Keys: the record id hash, the patient–insurer pair, the insurer or claim id hash.
 */
export function indexedEvent(parsed: LogDescription): IndexedEvent | null {
  const fields = Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name, text(parsed.args[i])]));
  switch (parsed.name) {
    case 'RecordAnchored':
      return { kind: 'anchored', key: fields.recordId, data: fields };
    case 'ConsentGranted':
      return { kind: 'granted', key: `${fields.patient}:${fields.insurer}`, data: fields };
    case 'ConsentRevoked':
      return { kind: 'revoked', key: `${fields.patient}:${fields.insurer}`, data: fields };
    case 'Deposited':
      return { kind: 'deposited', key: fields.insurer, data: fields };
    case 'Settled':
      return { kind: 'settled', key: fields.claimId, data: fields };
    case 'SettlementSkipped':
      return { kind: 'skipped', key: fields.claimId, data: fields };
    default:
      return null;
  }
}
