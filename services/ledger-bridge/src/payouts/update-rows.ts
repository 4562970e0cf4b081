import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE … RETURNING and gives its rows. TypeORM's postgres driver answers an UPDATE with
 * `[rows, rowCount]` rather than the rows alone, which reads wrong at every call site otherwise.
 */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await manager.query<[T[], number]>(sql, params);
  return rows;
}
