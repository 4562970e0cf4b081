import { affectedRows } from '#libs/persistence';
import { phiContext, type PhiCipher, type PhiColumn } from '#libs/phi';
import type { DataSource } from 'typeorm';

/** The kept responses, sealed: a response to replay holds names, birth dates and diagnoses. */
export const IDEMPOTENCY_RESPONSE_PHI_COLUMN: PhiColumn = {
  table: 'idempotency_keys',
  rowKey: 'row_key',
  column: 'response_body',
  type: 'jsonb',
};

/** The purpose of the fingerprints' keyed hash (libs/phi `keyedHash`). */
const FINGERPRINT_PURPOSE = 'idempotency-fingerprint';

export type Reservation =
  | { outcome: 'reserved' }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'mismatch' }
  | { outcome: 'in-flight' };

export interface IdempotencyStoreOptions {
  ttlHours: number;
  /** An in-flight key older than this is taken to belong to a request whose gateway died. */
  staleAfterMs: number;
}

/**
 * The `idempotency_keys` table. A key is reserved atomically (one INSERT … ON CONFLICT), so of two
 * concurrent requests with the same key exactly one runs; the other sees it in flight. Each
 * reservation carries its holder's id, and only that holder completes or releases it.
 *
 * Nothing personal rests in the clear: the response kept for replays is sealed (libs/phi, bound to its
 * row), and the request's fingerprint is stored as a keyed hash, since a plain SHA-256 of a small body
 * lets whoever reads the table confirm a guessed name or diagnosis. Rows written before either are
 * still read right (a clear response as it is, a plain fingerprint matched as well) until they expire.
 */
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PhiCipher,
    private readonly options: IdempotencyStoreOptions,
  ) {}

  async reserve(scope: string, key: string, requestFingerprint: string, holder: string): Promise<Reservation> {
    const fingerprint = this.cipher.keyedHash(requestFingerprint, FINGERPRINT_PURPOSE);
    const sameRequest = (stored: string) => stored === fingerprint || stored === requestFingerprint;
    // A row can vanish between the upsert and the read (its request failed and released it): retry.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const taken = await this.dataSource.query<unknown[]>(
        `INSERT INTO idempotency_keys (scope, key, fingerprint, state, expires_at, holder)
         VALUES ($1, $2, $3, 'in_flight', now() + make_interval(hours => $4), $6)
         ON CONFLICT (scope, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, state = 'in_flight', response_status = NULL,
               response_body = NULL, created_at = now(), locked_at = now(), expires_at = EXCLUDED.expires_at,
               holder = EXCLUDED.holder
           WHERE idempotency_keys.expires_at < now()
              OR (idempotency_keys.state = 'in_flight'
                  AND idempotency_keys.fingerprint IN (EXCLUDED.fingerprint, $7)
                  AND idempotency_keys.locked_at < now() - make_interval(secs => $5))
         RETURNING 1`,
        [scope, key, fingerprint, this.options.ttlHours, this.options.staleAfterMs / 1000, holder, requestFingerprint],
      );
      if (taken.length > 0) return { outcome: 'reserved' };
      // `#>> '{}'`: the sealed response itself, or the JSON text of one kept in the clear before.
      const rows = await this.dataSource.query<
        { fingerprint: string; state: string; response_status: number | null; response: string | null }[]
      >(
        `SELECT fingerprint, state, response_status, response_body #>> '{}' AS response
           FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (!sameRequest(row.fingerprint)) return { outcome: 'mismatch' };
      if (row.state === 'in_flight') return { outcome: 'in-flight' };
      const body = row.response === null ? null : await this.cipher.decryptJson(row.response, context(scope, key));
      return { outcome: 'replay', status: row.response_status ?? 200, body };
    }
    return { outcome: 'in-flight' };
  }

  /** Keeps the answer of `holder`'s request for replays; a no-op if the reservation is no longer its own. */
  async complete(scope: string, key: string, holder: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $4, response_body = to_jsonb($5::text)
       WHERE scope = $1 AND key = $2 AND holder = $3 AND state = 'in_flight'`,
      [scope, key, holder, status, this.cipher.encryptJson(body ?? null, context(scope, key))],
    );
  }

  /** Forgets `holder`'s reservation, whose request got no definite answer, so the caller may retry. */
  async release(scope: string, key: string, holder: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND holder = $3 AND state = 'in_flight'`,
      [scope, key, holder],
    );
  }

  async deleteExpired(): Promise<number> {
    return affectedRows(this.dataSource, 'DELETE FROM idempotency_keys WHERE expires_at < now()');
  }
}

/** Binds a sealed response to its row: the text of the row's generated `row_key` column. */
function context(scope: string, key: string): string {
  return phiContext(IDEMPOTENCY_RESPONSE_PHI_COLUMN.table, IDEMPOTENCY_RESPONSE_PHI_COLUMN.column, `${scope}\n${key}`);
}
