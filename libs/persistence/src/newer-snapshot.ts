import type { EntityManager } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A snapshot row: its columns by name, and the version of the event it came from. */
export type SnapshotRow = Record<string, unknown> & { version: number };

/**
 * Keeps the newest snapshot of an entity another service owns (a read model): the row is inserted when new
 * and replaced only by a higher version, so snapshots that arrive out of order or twice never undo a newer
 * change. Answers whether this snapshot was written. `table`, `key` and the column names are the caller's
 * constants, never input: they are checked to be plain lower-case identifiers.
 */
export async function keepNewerSnapshot(
  manager: EntityManager,
  table: string,
  key: string,
  row: SnapshotRow,
): Promise<boolean> {
  const columns = Object.keys(row);
  for (const name of [table, key, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`keepNewerSnapshot: "${name}" is not a plain identifier`);
  }
  if (!columns.includes(key)) throw new Error(`keepNewerSnapshot: the row has no key column "${key}"`);
  const updates = columns.filter((column) => column !== key).map((column) => `${column} = EXCLUDED.${column}`);
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}
     WHERE ${table}.version < EXCLUDED.version
     RETURNING ${key}`,
    columns.map((column) => row[column]),
  );
  return rows.length > 0;
}
