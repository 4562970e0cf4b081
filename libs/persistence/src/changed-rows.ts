import type { EntityManager } from 'typeorm';

/** What runs SQL: an EntityManager (inside a transaction) or a DataSource (one statement on its own). */
export type SqlRunner = Pick<EntityManager, 'query'>;

/**
 * TypeORM's postgres driver answers an UPDATE or DELETE with `[rows, rowCount]`, not the rows alone as it
 * does for SELECT and INSERT. These two helpers unpack that answer in one place, so a call site says what it
 * wants (the rows, or how many) instead of destructuring a tuple that reads wrong everywhere else.
 */

/** Runs an UPDATE or DELETE … RETURNING and gives the rows it returned. */
export async function updateReturning<T>(runner: SqlRunner, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await changeOf<T>(runner, sql, params);
  return rows;
}

/** Runs an UPDATE or DELETE and gives how many rows it changed. */
export async function affectedRows(runner: SqlRunner, sql: string, params: unknown[] = []): Promise<number> {
  const [, count] = await changeOf<unknown>(runner, sql, params);
  return count;
}

async function changeOf<T>(runner: SqlRunner, sql: string, params: unknown[]): Promise<[T[], number]> {
  const answer: unknown = await runner.query(sql, params);
  // Anything else (a SELECT, an INSERT) would silently give a wrong row or count: fail loudly instead.
  if (!Array.isArray(answer) || answer.length !== 2 || !Array.isArray(answer[0]) || typeof answer[1] !== 'number') {
    throw new Error(`expected an UPDATE or DELETE, got another kind of statement: ${sql.trim().slice(0, 60)}`);
  }
  return answer as [T[], number];
}
