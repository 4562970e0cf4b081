import { PhiCipher } from '#libs/phi';
import { openDateOfDeath } from '../src/phi/fraud-phi.js';
import { applyMemberSnapshots, markClaimsDenied, storeEstimates } from '../src/read-models/read-model-store.js';
import { aMemberSnapshot } from './support/fraud-builders.js';
import { FraudTestBed } from './support/fraud-test-bed.js';

/** The read models written a whole batch at a time, as their consumers now do. */
describe('fraud read models from a batch of events', () => {
  let bed: FraudTestBed;

  beforeAll(async () => {
    bed = await FraudTestBed.open('frmb');
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('keeps the newest of one member’s snapshots in a batch, and a later batch’s older one changes nothing', async () => {
    const cipher = bed.app.get(PhiCipher);
    await bed.dataSource.transaction((manager) =>
      applyMemberSnapshots(manager, cipher, [
        aMemberSnapshot('M-B1', { version: 1 }),
        aMemberSnapshot('M-B1', { version: 3, dateOfDeath: '2026-02-20' }),
        aMemberSnapshot('M-B2', { version: 1, insurerId: 'INS-B' }),
        aMemberSnapshot('M-B1', { version: 2 }),
      ]),
    );
    await bed.dataSource.transaction((manager) =>
      applyMemberSnapshots(manager, cipher, [aMemberSnapshot('M-B1', { version: 2, insurerId: 'INS-B' })]),
    );
    const rows = await bed.dataSource.query<
      { member_id: string; insurer_id: string; date_of_death: string | null; version: number }[]
    >(`SELECT member_id, insurer_id, date_of_death, version FROM members ORDER BY member_id`);
    expect(rows.map(({ date_of_death: _sealed, ...row }) => row)).toEqual([
      { member_id: 'M-B1', insurer_id: 'INS-A', version: 3 },
      { member_id: 'M-B2', insurer_id: 'INS-B', version: 1 },
    ]);
    expect(rows[0].date_of_death).not.toContain('2026');
    expect(await openDateOfDeath(cipher, 'M-B1', rows[0].date_of_death)).toBe('2026-02-20');
  });

  it('stores the first copy of an estimate and each denial once, however often a batch carries them', async () => {
    const estimate = {
      estimateId: 'EST-BATCH',
      memberId: 'M-B1',
      providerId: 'P-1',
      insurerId: 'INS-A',
      plannedDate: '2026-03-02',
      createdAt: '2026-02-20T10:00:00.000Z',
      validUntil: '2026-04-30',
      preauthorization: false,
      totalCharge: 10000,
      lines: [{ code: '99213', units: 1, charge: 10000, preauth: null }],
    };
    const denied = '0d6c3a58-7d0e-4f43-9a51-1f1c0c7b8a11';
    await bed.dataSource.transaction(async (manager) => {
      await storeEstimates(manager, [estimate, { ...estimate, totalCharge: 99999 }]);
      await markClaimsDenied(manager, [denied, denied]);
    });
    expect(await bed.dataSource.query(`SELECT total_charge FROM estimates WHERE estimate_id = 'EST-BATCH'`)).toEqual([
      { total_charge: '10000' },
    ]);
    expect(await bed.count('claim_denials')).toBe(1);
  });
});
