import type { DataSource } from 'typeorm';
import {
  affectedRows,
  createDataSource,
  dropDatabase,
  inTransaction,
  openAndMigrate,
  updateReturning,
} from '#libs/persistence';
import { testDatabaseUrl, testNamespace } from '#libs/testing';

describe('rows changed by an UPDATE or DELETE, on PostgreSQL', () => {
  const url = testDatabaseUrl('persistence', testNamespace('rows'));
  let db: DataSource;

  beforeAll(async () => {
    db = await openAndMigrate(createDataSource({ url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });
  beforeEach(async () => {
    await db.query(`DROP TABLE IF EXISTS payouts`);
    await db.query(`CREATE TABLE payouts (id text PRIMARY KEY, status text NOT NULL)`);
    await db.query(`INSERT INTO payouts (id, status) VALUES ('P-1', 'pending'), ('P-2', 'pending'), ('P-3', 'paid')`);
  });

  it('gives the rows an UPDATE … RETURNING changed', async () => {
    const rows = await updateReturning<{ id: string }>(
      db.manager,
      `UPDATE payouts SET status = 'batched' WHERE status = 'pending' RETURNING id`,
      [],
    );
    expect(rows.map((row) => row.id).sort()).toEqual(['P-1', 'P-2']);
  });

  it('gives no rows when the UPDATE matched nothing', async () => {
    const rows = await updateReturning(db, `UPDATE payouts SET status = 'x' WHERE id = $1 RETURNING id`, ['P-9']);
    expect(rows).toEqual([]);
  });

  it('gives the rows a DELETE … RETURNING removed', async () => {
    const rows = await updateReturning<{ id: string }>(db, `DELETE FROM payouts WHERE id = $1 RETURNING id`, ['P-3']);
    expect(rows).toEqual([{ id: 'P-3' }]);
  });

  it('counts the rows an UPDATE changed, inside a transaction', async () => {
    const count = await inTransaction(db, (manager) =>
      affectedRows(manager, `UPDATE payouts SET status = 'batched' WHERE id = ANY($1) AND status = 'pending'`, [
        ['P-1', 'P-3'],
      ]),
    );
    expect(count).toBe(1);
  });

  it('counts the rows a DELETE removed, and none when nothing matched', async () => {
    expect(await affectedRows(db, `DELETE FROM payouts WHERE status = 'pending'`)).toBe(2);
    expect(await affectedRows(db, `DELETE FROM payouts WHERE status = 'pending'`)).toBe(0);
  });

  it('refuses a statement that is not an UPDATE or DELETE rather than misreading its answer', async () => {
    await expect(affectedRows(db, `SELECT id FROM payouts WHERE id IN ('P-1', 'P-2')`)).rejects.toThrow(
      /expected an UPDATE or DELETE/,
    );
    await expect(
      updateReturning(db, `INSERT INTO payouts (id, status) VALUES ('P-4', 'pending') RETURNING id`, []),
    ).rejects.toThrow(/expected an UPDATE or DELETE/);
  });
});
