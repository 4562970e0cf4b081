import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

type Work = (manager: EntityManager) => Promise<unknown>;

/**
 * A view of `dataSource` whose transactions (through `transaction` or a query runner) hold their first
 * locking scan, the statement with SKIP LOCKED, between its snapshot and its row locks: the statement is
 * declared as a cursor (its snapshot taken, as a statement's is when it starts), then `meanwhile` runs,
 * then the cursor is fetched (rows locked as they are fetched, under PostgreSQL's usual re-check of rows
 * that changed). A slow instance caught at the worst moment, deterministically: it saw the rows before
 * another instance committed and locks them after.
 */
export function scanPausedBeforeLocking(dataSource: DataSource, meanwhile: () => Promise<unknown>): DataSource {
  const paused = Object.create(dataSource) as DataSource;
  // Both forms of `transaction`: with an isolation level and without one.
  const transaction = (first: string | Work, second?: Work) => {
    const pausing = (work: Work) => (manager: EntityManager) => work(pausingFirstScan(manager, meanwhile));
    if (typeof first === 'function') return dataSource.transaction(pausing(first));
    return dataSource.transaction(first as 'READ COMMITTED', pausing(second as Work));
  };
  paused.transaction = transaction;
  paused.createQueryRunner = (): QueryRunner => {
    const runner = dataSource.createQueryRunner();
    pausingFirstScan(runner.manager, meanwhile);
    return runner;
  };
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
