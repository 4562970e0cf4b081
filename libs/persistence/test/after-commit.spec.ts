import type { DataSource } from 'typeorm';
import { afterCommit, createDataSource, dropDatabase, inTransaction, openAndMigrate } from '#libs/persistence';
import { testDatabaseUrl, testNamespace } from '#libs/testing';

describe('effects after commit, on PostgreSQL', () => {
  const url = testDatabaseUrl('persistence', testNamespace('aftercommit'));
  let db: DataSource;

  beforeAll(async () => {
    db = await openAndMigrate(createDataSource({ url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });

  it('runs the effects once the transaction commits, in order, and not before', async () => {
    const told: string[] = [];
    await inTransaction(db, async (manager) => {
      afterCommit(manager, () => told.push('first'));
      afterCommit(manager, () => told.push('second'));
      await manager.query('SELECT 1');
      expect(told).toEqual([]);
    });
    expect(told).toEqual(['first', 'second']);
  });

  it('drops the effects of a transaction that rolls back', async () => {
    const told: string[] = [];
    await expect(
      inTransaction(db, async (manager) => {
        afterCommit(manager, () => told.push('undone'));
        await manager.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    // The next transaction on a pooled connection does not inherit them either.
    await inTransaction(db, async (manager) => afterCommit(manager, () => told.push('done')));
    expect(told).toEqual(['done']);
  });

  it('waits for the outer transaction past a released savepoint', async () => {
    const told: string[] = [];
    await inTransaction(db, async (manager) => {
      await manager.transaction(async (inner) => afterCommit(inner, () => told.push('inner')));
      expect(told).toEqual([]);
    });
    expect(told).toEqual(['inner']);
  });

  it('runs at once outside a transaction, and an effect that throws does not stop the next', async () => {
    const told: string[] = [];
    afterCommit(db.manager, () => told.push('now'));
    expect(told).toEqual(['now']);
    await inTransaction(db, async (manager) => {
      afterCommit(manager, () => {
        throw new Error('a broken metric');
      });
      afterCommit(manager, () => told.push('still told'));
    });
    expect(told).toEqual(['now', 'still told']);
  });
});
