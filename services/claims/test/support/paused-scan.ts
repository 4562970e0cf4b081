import type { DataSource, EntityManager } from 'typeorm';
import type { inTransaction } from '#libs/persistence';

type IsolationLevel = NonNullable<Parameters<typeof inTransaction>[2]>;

/**
 * A view of `dataSource` whose transactions hold their first locking scan (the statement with SKIP LOCKED)
 * between its snapshot and its row locks: the statement is declared as a cursor (its snapshot taken, as
 * a statement's is when it starts), then `meanwhile` runs, then the cursor is fetched (rows locked as
 * they are fetched, under the usual re-check of rows that changed). This is a slow scanner caught at the
 * worst moment, deterministically: it saw the rows before another scanner committed and locks after.
 */
export function scanPausedBeforeLocking(dataSource: DataSource, meanwhile: () => Promise<unknown>): DataSource {
  const paused = Object.create(dataSource) as DataSource;
  const transaction = (isolation: IsolationLevel, work: (manager: EntityManager) => Promise<unknown>) =>
    dataSource.transaction(isolation, (manager) => work(pausingFirstScan(manager, meanwhile)));
  paused.transaction = transaction as DataSource['transaction'];
  return paused;
}

function pausingFirstScan(manager: EntityManager, meanwhile: () => Promise<unknown>): EntityManager {
  const query = manager.query.bind(manager);
  let held = false;
  const pausing = async (sql: string, parameters?: unknown[]): Promise<unknown> => {
    if (held || !sql.includes('SKIP LOCKED')) return query(sql, parameters);
    held = true;
    await query(`DECLARE paused_scan NO SCROLL CURSOR FOR ${sql}`, parameters);
    await meanwhile();
    const rows: unknown = await query('FETCH ALL FROM paused_scan');
    await query('CLOSE paused_scan');
    return rows;
  };
  manager.query = pausing as EntityManager['query'];
  return manager;
}
