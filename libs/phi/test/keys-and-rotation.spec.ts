import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, openAndMigrate } from '#libs/persistence';
import {
  LocalKeyManagement,
  PhiCipher,
  PhiKeyring,
  phiContext,
  phiMigrations,
  reencryptAll,
  reencryptBatch,
  type PhiColumn,
} from '#libs/phi';
import { scanPausedBeforeLocking, testDatabaseUrl, testNamespace } from '#libs/testing';

const COLUMNS: PhiColumn[] = [
  { table: 'people', rowKey: 'id', column: 'name' },
  { table: 'envelopes', rowKey: 'id', column: 'body', type: 'jsonb' },
];

describe('PHI data keys, rotation and background re-encryption, on PostgreSQL', () => {
  const url = testDatabaseUrl('phi', testNamespace('keys'));
  const oldMaster = randomBytes(32);
  const newMaster = randomBytes(32);
  const kms = new LocalKeyManagement(new Map([['m1', oldMaster]]), 'm1');
  let db: DataSource;

  beforeAll(async () => {
    db = await openAndMigrate(createDataSource({ url, entities: [], migrations: phiMigrations }));
    await db.query(`CREATE TABLE people (id text PRIMARY KEY, name text NULL)`);
    await db.query(`CREATE TABLE envelopes (id uuid PRIMARY KEY, body jsonb NOT NULL)`);
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });

  const nameOf = async (id: string): Promise<string> =>
    (await db.query(`SELECT name FROM people WHERE id = $1`, [id]))[0].name;

  it('creates one data key and one index key, shared by replicas opening together', async () => {
    const [first, second] = await Promise.all([PhiKeyring.open(db, kms), PhiKeyring.open(db, kms)]);
    expect(first.activeDataKey().id).toBe(second.activeDataKey().id);
    expect(first.indexKey().equals(second.indexKey())).toBe(true);
    const rows = await db.query(`SELECT purpose, master_key_id, wrapped_key FROM phi_data_keys ORDER BY purpose`);
    expect(rows.map((row: { purpose: string }) => row.purpose)).toEqual(['data', 'index']);
    // Stored wrapped only: the key in the clear is nowhere in the table.
    const clear = first.activeDataKey().key.toString('base64');
    expect(JSON.stringify(rows)).not.toContain(clear);
  });

  it('seals so the database holds no plaintext, and opens only in the right row', async () => {
    const cipher = new PhiCipher(await PhiKeyring.open(db, kms));
    await db.query(`INSERT INTO people VALUES ('M-1', $1)`, [
      cipher.encrypt('Ada Lovelace', phiContext('people', 'name', 'M-1')),
    ]);
    const stored = await nameOf('M-1');
    expect(stored).toMatch(/^phi1:dk[0-9a-f]{12}:/);
    expect(stored).not.toContain('Ada');
    expect(await cipher.decrypt(stored, phiContext('people', 'name', 'M-1'))).toBe('Ada Lovelace');
    await expect(cipher.decrypt(stored, phiContext('people', 'name', 'M-2'))).rejects.toThrow(/does not open/);
  });

  it('gives equal keyed hashes for equal values of one purpose only', async () => {
    const cipher = new PhiCipher(await PhiKeyring.open(db, kms));
    expect(cipher.keyedHash('1985-12-10', 'birth-date')).toBe(cipher.keyedHash('1985-12-10', 'birth-date'));
    expect(cipher.keyedHash('1985-12-10', 'birth-date')).not.toBe(cipher.keyedHash('1985-12-10', 'name'));
    expect(cipher.keyedHash('1985-12-10', 'birth-date')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rotates the data key without downtime: old values open, the background pass moves them, plaintext too', async () => {
    const cipher = new PhiCipher(await PhiKeyring.open(db, kms));
    const otherReplica = new PhiCipher(await PhiKeyring.open(db, kms));
    const context = (id: string) => phiContext('people', 'name', id);
    await db.query(`INSERT INTO people VALUES ('M-2', $1), ('M-3', 'Grace Hopper'), ('M-4', NULL)`, [
      cipher.encrypt('Alan Turing', context('M-2')),
    ]);
    const envelopeId = '7d0a8a55-5d2d-4a52-9f4f-6d1b1a0c2b11';
    await db.query(`INSERT INTO envelopes VALUES ($1, $2)`, [envelopeId, { diagnosisCodes: ['J02.9'] }]);

    const retired = cipher.currentPrefix();
    const active = await cipher.rotate();
    // The other replica still seals under the retired key until it refreshes; that value still opens.
    await db.query(`INSERT INTO people VALUES ('M-5', $1)`, [
      otherReplica.encrypt('Katherine Johnson', context('M-5')),
    ]);
    expect(await nameOf('M-5')).toMatch(new RegExp(`^${retired}`));
    expect(await otherReplica.decrypt(cipher.encrypt('new', context('M-9')), context('M-9'))).toBe('new');

    const counts = await reencryptAll(db, cipher, COLUMNS, 2);
    expect(counts).toEqual({ 'people.name': 4, 'envelopes.body': 1 });
    for (const [id, name] of [
      ['M-1', 'Ada Lovelace'],
      ['M-2', 'Alan Turing'],
      ['M-3', 'Grace Hopper'],
      ['M-5', 'Katherine Johnson'],
    ]) {
      const stored = await nameOf(id);
      expect(stored.startsWith(`phi1:${active}:`)).toBe(true);
      expect(await cipher.decrypt(stored, context(id))).toBe(name);
    }
    expect(await nameOf('M-4')).toBeNull();
    const [{ body }] = await db.query(`SELECT body FROM envelopes WHERE id = $1`, [envelopeId]);
    expect(typeof body).toBe('string');
    expect(body).not.toContain('J02.9');
    expect(await cipher.decryptJson(body, phiContext('envelopes', 'body', envelopeId))).toEqual({
      diagnosisCodes: ['J02.9'],
    });
    expect(await reencryptAll(db, cipher, COLUMNS)).toEqual({ 'people.name': 0, 'envelopes.body': 0 });
  });

  it('moves each value once with two replicas re-encrypting: one locks the rows just after the other committed them', async () => {
    await db.query(`CREATE TABLE visits (id text PRIMARY KEY, note text NULL)`);
    await db.query(`INSERT INTO visits SELECT 'V-' || n, 'note ' || n FROM generate_series(1, 20) AS n`);
    const cipher = new PhiCipher(await PhiKeyring.open(db, kms));
    const visits: PhiColumn = { table: 'visits', rowKey: 'id', column: 'note' };
    let movedByFast = 0;
    const slow = scanPausedBeforeLocking(db, async () => (movedByFast = await reencryptBatch(db, cipher, visits)));

    const movedBySlow = await reencryptBatch(slow, cipher, visits);

    // The slow replica saw 20 plaintext values; once it could lock them they were sealed, and it left them.
    expect([movedByFast, movedBySlow]).toEqual([20, 0]);
    const rows: { id: string; note: string }[] = await db.query(`SELECT id, note FROM visits ORDER BY id`);
    for (const row of rows) {
      expect(row.note.startsWith(cipher.currentPrefix())).toBe(true);
      expect(await cipher.decrypt(row.note, phiContext('visits', 'note', row.id))).toBe(`note ${row.id.slice(2)}`);
    }
  });

  it('rotates the master key: data keys are rewrapped as the service starts, values untouched', async () => {
    const before = await nameOf('M-1');
    const both = new LocalKeyManagement(
      new Map([
        ['m1', oldMaster],
        ['m2', newMaster],
      ]),
      'm2',
    );
    const cipher = new PhiCipher(await PhiKeyring.open(db, both));
    const masters = await db.query(`SELECT DISTINCT master_key_id FROM phi_data_keys`);
    expect(masters).toEqual([{ master_key_id: 'm2' }]);
    // The old master key can now be removed from the configuration.
    const onlyNew = new LocalKeyManagement(new Map([['m2', newMaster]]), 'm2');
    const restarted = new PhiCipher(await PhiKeyring.open(db, onlyNew));
    expect(await nameOf('M-1')).toBe(before);
    expect(await restarted.decrypt(before, phiContext('people', 'name', 'M-1'))).toBe('Ada Lovelace');
    expect(cipher.keyedHash('x', 'p')).toBe(restarted.keyedHash('x', 'p'));
  });

  it('leaves a value that does not open where it is, names it, and moves the rest', async () => {
    const cipher = new PhiCipher(await PhiKeyring.open(db, new LocalKeyManagement(new Map([['m2', newMaster]]), 'm2')));
    // A sealed value copied into another row: its context no longer matches, so it must never open there.
    await db.query(`INSERT INTO people SELECT 'M-6', name FROM people WHERE id = 'M-1'`);
    await cipher.rotate();
    const unreadable: string[] = [];
    const counts = await reencryptAll(db, cipher, COLUMNS, 2, (where) => unreadable.push(where));
    expect(unreadable.length).toBeGreaterThan(0);
    expect(new Set(unreadable)).toEqual(new Set(['people.name/M-6']));
    expect(counts['people.name']).toBe(4);
    expect(await cipher.decrypt(await nameOf('M-1'), phiContext('people', 'name', 'M-1'))).toBe('Ada Lovelace');
    await expect(cipher.decrypt(await nameOf('M-6'), phiContext('people', 'name', 'M-6'))).rejects.toThrow(
      /does not open/,
    );
  });

  it('refuses to start with data keys under a master key it does not have', async () => {
    const stranger = new LocalKeyManagement(new Map([['m3', randomBytes(32)]]), 'm3');
    await expect(PhiKeyring.open(db, stranger)).rejects.toThrow(/master key "m2", which is not configured/);
  });
});
