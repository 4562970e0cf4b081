import type { DataSource } from 'typeorm';
import type { PhiCipher } from './phi-cipher.js';
import { phiContext } from './phi-cipher.js';
import type { PhiColumn } from './phi-column.js';

const DEFAULT_BATCH = 200;

/** Told where a value that does not open is (`table.column/rowKey`), never the value. */
export type UnreadableValue = (where: string, error: Error) => void;

interface StoredValue {
  row_key: string;
  value: string;
}

/**
 * Moves one batch of `column` to the active data key: values sealed under a retired key, and
 * plaintext written before encryption. Rows are locked with SKIP LOCKED, so replicas share the work
 * and business writes are never waited on for long. Returns how many values it re-encrypted.
 */
export async function reencryptBatch(
  dataSource: DataSource,
  cipher: PhiCipher,
  target: PhiColumn,
  batch = DEFAULT_BATCH,
  onUnreadable?: UnreadableValue,
): Promise<number> {
  const table = quoteIdentifier(target.table);
  const rowKey = quoteIdentifier(target.rowKey);
  const column = quoteIdentifier(target.column);
  const asText = target.type === 'jsonb' ? `(${column} #>> '{}')` : column;
  return dataSource.transaction(async (manager) => {
    const rows: StoredValue[] = await manager.query(
      `SELECT ${rowKey}::text AS row_key, ${asText} AS value FROM ${table}
        WHERE ${column} IS NOT NULL AND left(${asText}, length($1)) <> $1
        LIMIT ${Math.trunc(batch)} FOR UPDATE SKIP LOCKED`,
      [cipher.currentPrefix()],
    );
    if (rows.length === 0) return 0;
    const keys: string[] = [];
    const values: string[] = [];
    for (const row of rows) {
      const context = phiContext(target.table, target.column, row.row_key);
      let plaintext: string;
      try {
        plaintext = await cipher.decrypt(row.value, context);
      } catch (error) {
        // A value that does not open (altered, or copied from another row) must not hold up the rest:
        // it is left as it is, named for the operator, and still refused wherever it is read.
        onUnreadable?.(`${target.table}.${target.column}/${row.row_key}`, error as Error);
        continue;
      }
      keys.push(row.row_key);
      values.push(cipher.encrypt(plaintext, context));
    }
    if (keys.length === 0) return 0;
    const assigned = target.type === 'jsonb' ? 'to_jsonb(v.value)' : 'v.value';
    await manager.query(
      `UPDATE ${table} SET ${column} = ${assigned}
         FROM unnest($1::text[], $2::text[]) AS v(row_key, value)
        WHERE ${table}.${rowKey}::text = v.row_key`,
      [keys, values],
    );
    return keys.length;
  });
}

/** Re-encrypts every listed column until none is left behind; returns the count per table.column. */
export async function reencryptAll(
  dataSource: DataSource,
  cipher: PhiCipher,
  columns: readonly PhiColumn[],
  batch = DEFAULT_BATCH,
  onUnreadable?: UnreadableValue,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const target of columns) {
    let total = 0;
    for (let moved = await reencryptBatch(dataSource, cipher, target, batch, onUnreadable); moved > 0;) {
      total += moved;
      moved = await reencryptBatch(dataSource, cipher, target, batch, onUnreadable);
    }
    counts[`${target.table}.${target.column}`] = total;
  }
  return counts;
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: "${name}"`);
  return `"${name}"`;
}
