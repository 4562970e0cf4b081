import { affectedRows } from '#libs/persistence';
import type { DataSource } from 'typeorm';

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
 */
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: IdempotencyStoreOptions,
  ) {}

  async reserve(scope: string, key: string, fingerprint: string, holder: string): Promise<Reservation> {
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
                  AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                  AND idempotency_keys.locked_at < now() - make_interval(secs => $5))
         RETURNING 1`,
        [scope, key, fingerprint, this.options.ttlHours, this.options.staleAfterMs / 1000, holder],
      );
      if (taken.length > 0) return { outcome: 'reserved' };
      const rows = await this.dataSource.query<
        { fingerprint: string; state: string; response_status: number | null; response_body: unknown }[]
      >(
        'SELECT fingerprint, state, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      if (row.state === 'in_flight') return { outcome: 'in-flight' };
      return { outcome: 'replay', status: row.response_status ?? 200, body: row.response_body };
    }
    return { outcome: 'in-flight' };
  }

  /** Keeps the answer of `holder`'s request for replays; a no-op if the reservation is no longer its own. */
  async complete(scope: string, key: string, holder: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $4, response_body = $5::jsonb
       WHERE scope = $1 AND key = $2 AND holder = $3 AND state = 'in_flight'`,
      [scope, key, holder, status, JSON.stringify(body ?? null)],
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
