import { createDataSource, dropDatabase, inTransaction, openAndMigrate } from '#libs/persistence';
import { sleep, testDatabaseUrl, testNamespace, waitFor } from '#libs/testing';
import type { DataSource } from 'typeorm';
import { allocateNonce } from '../src/chain/signer-nonces.js';
import { ChainLeadership, LeadershipLost } from '../src/leadership/chain-leadership.js';
import { ledgerBridgeMigrations } from '../src/migrations/index.js';

const SIGNER = '0x0000000000000000000000000000000000000abc';

/** Leader election on PostgreSQL alone (no chain): the lock, its loss, and the fencing epoch. */
describe('the chain leader, elected on PostgreSQL', () => {
  const databaseUrl = testDatabaseUrl('ledger-bridge', testNamespace('lblead'));
  let db: DataSource;
  const running: ChainLeadership[] = [];

  const anInstance = () => {
    const leadership = new ChainLeadership({ databaseUrl, intervalMs: 50 });
    running.push(leadership);
    leadership.onApplicationBootstrap();
    return leadership;
  };

  beforeAll(async () => {
    db = await openAndMigrate(createDataSource({ url: databaseUrl, entities: [], migrations: ledgerBridgeMigrations }));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((leadership) => leadership.stop()));
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(databaseUrl);
  });

  it('lets one instance lead, and another take over once the leader’s session is cut', async () => {
    const first = anInstance();
    await waitFor(() => first.isLeader(), { what: 'the first instance to lead' });
    const second = anInstance();
    await sleep(300);
    expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);

    // What PostgreSQL does when a leader's host dies or is partitioned away: its session ends.
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'ledger-bridge-leader-lock'
         AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
    );
    await waitFor(() => second.isLeader(), { timeoutMs: 3000, what: 'the second instance to take over' });
    expect(first.isLeader()).toBe(false);
    const [row] = await db.query<{ holder: string }[]>(`SELECT holder FROM chain_leadership`);
    expect(row.holder).toBe(second.holder);
  });

  it('refuses a nonce to a leader that missed the loss of its lock', async () => {
    const stale = anInstance();
    await waitFor(() => stale.isLeader(), { what: 'an instance to lead' });
    const [{ next_nonce: before }] = await db.query<{ next_nonce: string }[]>(
      `INSERT INTO signer_nonces (address, next_nonce) VALUES ($1, 7)
       ON CONFLICT (address) DO UPDATE SET next_nonce = signer_nonces.next_nonce RETURNING next_nonce`,
      [SIGNER],
    );

    // Another instance took over while this one was paused (its lock gone, the epoch raised).
    await db.query(`UPDATE chain_leadership SET epoch = epoch + 1, holder = 'another instance'`);
    const reservation = inTransaction(db, async (manager) => {
      await stale.fence(manager);
      return allocateNonce(manager, SIGNER, 0);
    });

    await expect(reservation).rejects.toBeInstanceOf(LeadershipLost);
    const [{ next_nonce: after }] = await db.query<{ next_nonce: string }[]>(
      `SELECT next_nonce FROM signer_nonces WHERE address = $1`,
      [SIGNER],
    );
    expect(after).toBe(before);
  });
});
