import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, keepNewerSnapshot, openAndMigrate } from '#libs/persistence';
import { testDatabaseUrl, testNamespace } from '#libs/testing';

describe('keeping the newer snapshot of a read model, on PostgreSQL', () => {
  const url = testDatabaseUrl('persistence', testNamespace('snap'));
  let db: DataSource;

  beforeAll(async () => {
    db = await openAndMigrate(createDataSource({ url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });
  beforeEach(async () => {
    await db.query(`DROP TABLE IF EXISTS members`);
    await db.query(
      `CREATE TABLE members (member_id text PRIMARY KEY, insurer_id text NOT NULL, plan_id text, version integer NOT NULL)`,
    );
  });

  const rowsNow = () => db.query(`SELECT member_id, insurer_id, plan_id, version FROM members ORDER BY member_id`);

  it('inserts a first snapshot and replaces it with a newer one', async () => {
    const m1 = { member_id: 'M-1', insurer_id: 'INS-1', plan_id: 'PLAN-1', version: 1 };
    expect(await keepNewerSnapshot(db.manager, 'members', 'member_id', m1)).toBe(true);
    expect(await keepNewerSnapshot(db.manager, 'members', 'member_id', { ...m1, plan_id: 'PLAN-2', version: 3 })).toBe(
      true,
    );
    expect(await rowsNow()).toEqual([{ member_id: 'M-1', insurer_id: 'INS-1', plan_id: 'PLAN-2', version: 3 }]);
  });

  it('ignores an older or repeated snapshot that arrives late', async () => {
    const m1 = { member_id: 'M-1', insurer_id: 'INS-1', plan_id: 'PLAN-2', version: 3 };
    await keepNewerSnapshot(db.manager, 'members', 'member_id', m1);
    expect(await keepNewerSnapshot(db.manager, 'members', 'member_id', { ...m1, plan_id: 'PLAN-1', version: 2 })).toBe(
      false,
    );
    expect(await keepNewerSnapshot(db.manager, 'members', 'member_id', m1)).toBe(false);
    expect(await rowsNow()).toEqual([m1]);
  });

  it('refuses a table or column name that is not a plain identifier, writing nothing', async () => {
    const row = { member_id: 'M-1', insurer_id: 'INS-1', version: 1 };
    await expect(keepNewerSnapshot(db.manager, 'members; DROP TABLE x', 'member_id', row)).rejects.toThrow(
      /not a plain identifier/,
    );
    await expect(keepNewerSnapshot(db.manager, 'members', 'member_id', { ...row, 'plan_id)': 'x' })).rejects.toThrow(
      /not a plain identifier/,
    );
    await expect(keepNewerSnapshot(db.manager, 'members', 'id', row)).rejects.toThrow(/no key column/);
    expect(await rowsNow()).toEqual([]);
  });
});
