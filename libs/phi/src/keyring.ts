import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { KeyManagementService } from './key-management.js';

type Purpose = 'data' | 'index';

interface DataKeyRow {
  id: string;
  purpose: Purpose;
  master_key_id: string;
  wrapped_key: string;
  retired_at: Date | null;
}

export interface ActiveDataKey {
  id: string;
  key: Buffer;
}

/** Raised when a value names a data key this service does not have. */
export class UnknownDataKeyError extends Error {
  constructor(id: string) {
    super(`no data key "${id}" in phi_data_keys`);
    this.name = 'UnknownDataKeyError';
  }
}

/**
 * The service's data keys in the clear, in memory only, unwrapped through the key-management service.
 * Replicas share the table: the first creates the keys, a rotation by any one is seen by the others at
 * their next refresh (values they seal meanwhile under the retired key are re-encrypted later).
 */
export class PhiKeyring {
  private readonly keys = new Map<string, Buffer>();
  private active: ActiveDataKey | undefined;
  private index: Buffer | undefined;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly kms: KeyManagementService,
  ) {}

  /** Loads the keys, creating the first ones, and rewraps any under a retired master key. */
  static async open(dataSource: DataSource, kms: KeyManagementService): Promise<PhiKeyring> {
    const keyring = new PhiKeyring(dataSource, kms);
    await keyring.rewrapUnderActiveMaster();
    await keyring.refresh();
    return keyring;
  }

  activeDataKey(): ActiveDataKey {
    if (!this.active) throw new Error('keyring not loaded');
    return this.active;
  }

  indexKey(): Buffer {
    if (!this.index) throw new Error('keyring not loaded');
    return this.index;
  }

  /** The data key `id`, reloading once if another replica created it after this one loaded. */
  async dataKey(id: string): Promise<Buffer> {
    const known = this.keys.get(id);
    if (known) return known;
    await this.refresh();
    const loaded = this.keys.get(id);
    if (!loaded) throw new UnknownDataKeyError(id);
    return loaded;
  }

  /** Re-reads the table: new keys, and which is active now. */
  async refresh(): Promise<void> {
    for (const purpose of ['data', 'index'] as const) await this.ensureActive(purpose);
    const rows: DataKeyRow[] = await this.dataSource.query(
      `SELECT id, purpose, master_key_id, wrapped_key, retired_at FROM phi_data_keys`,
    );
    for (const row of rows) {
      if (!this.keys.has(row.id)) this.keys.set(row.id, await this.unwrap(row));
      if (row.retired_at !== null) continue;
      const key = this.keys.get(row.id) as Buffer;
      if (row.purpose === 'data') this.active = { id: row.id, key };
      else this.index = key;
    }
  }

  /** Retires the active data key and makes a new one; values move to it in the background. */
  async rotate(): Promise<string> {
    const { plaintext, wrapped } = await this.kms.generateDataKey();
    const id = newKeyId();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE phi_data_keys SET retired_at = now() WHERE purpose = 'data' AND retired_at IS NULL`);
      await manager.query(
        `INSERT INTO phi_data_keys (id, purpose, master_key_id, wrapped_key) VALUES ($1, 'data', $2, $3)`,
        [id, wrapped.masterKeyId, wrapped.ciphertext],
      );
    });
    this.keys.set(id, plaintext);
    this.active = { id, key: plaintext };
    return id;
  }

  /** Master-key rotation: every data key wrapped under another master key is wrapped again. */
  async rewrapUnderActiveMaster(): Promise<number> {
    const stale: DataKeyRow[] = await this.dataSource.query(
      `SELECT id, purpose, master_key_id, wrapped_key, retired_at FROM phi_data_keys WHERE master_key_id <> $1`,
      [this.kms.activeMasterKeyId],
    );
    for (const row of stale) {
      const wrapped = await this.kms.rewrapDataKey({ masterKeyId: row.master_key_id, ciphertext: row.wrapped_key });
      await this.dataSource.query(
        `UPDATE phi_data_keys SET master_key_id = $2, wrapped_key = $3 WHERE id = $1 AND master_key_id = $4`,
        [row.id, wrapped.masterKeyId, wrapped.ciphertext, row.master_key_id],
      );
    }
    return stale.length;
  }

  private async ensureActive(purpose: Purpose): Promise<void> {
    const existing: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM phi_data_keys WHERE purpose = $1 AND retired_at IS NULL`,
      [purpose],
    );
    if (existing.length > 0) return;
    const { wrapped } = await this.kms.generateDataKey();
    // Replicas starting together race here; the partial unique index lets exactly one key win.
    await this.dataSource.query(
      `INSERT INTO phi_data_keys (id, purpose, master_key_id, wrapped_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [newKeyId(), purpose, wrapped.masterKeyId, wrapped.ciphertext],
    );
  }

  private unwrap(row: DataKeyRow): Promise<Buffer> {
    return this.kms.decryptDataKey({ masterKeyId: row.master_key_id, ciphertext: row.wrapped_key });
  }
}

function newKeyId(): string {
  return `dk${randomBytes(6).toString('hex')}`;
}
