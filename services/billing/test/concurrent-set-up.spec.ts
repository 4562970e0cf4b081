import { RpcPatterns, type FeeScheduleView, type NetworkView, type RpcReply } from '#libs/contracts';
import { admin, anAddress, insurerA } from './support/billing-builders.js';
import { BillingTestBed } from './support/billing-test-bed.js';

/** As many identical requests at once as an impatient client retrying in parallel would send. */
const AT_ONCE = 12;

/**
 * Identical set-up writes at the same time end with one stored result; every caller is answered
 * with it (or a CONFLICT), never UNAVAILABLE or INTERNAL because two transactions raced.
 */
describe('identical concurrent set-up writes in billing', () => {
  let bed: BillingTestBed;

  beforeAll(async () => {
    bed = await BillingTestBed.open('bconc');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const codesOf = (replies: RpcReply<unknown>[]) => replies.map((reply) => (reply.ok ? 'OK' : reply.error.code));

  it('replaces the fee schedule once per request, each answered with the schedule that is stored', async () => {
    await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '71046', amount: 1 }] });
    const entries = [
      { code: '99213', amount: 10_000 },
      { code: '80053', amount: 20_000 },
      { code: '85025', amount: 3_000 },
    ];
    const replies = await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        bed.call<FeeScheduleView>(RpcPatterns.replaceFeeSchedule, insurerA, { entries }),
      ),
    );
    expect(codesOf(replies)).toEqual(Array(AT_ONCE).fill('OK'));
    for (const reply of replies) expect(reply).toMatchObject({ ok: true, value: { insurerId: 'INS-A', entries } });
    const stored = await bed.dataSource.query(
      `SELECT code, amount::int FROM fee_schedule_entries WHERE insurer_id = 'INS-A' ORDER BY code`,
    );
    expect(stored).toEqual([...entries].sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('sets a network status once, each request answered with the status that is stored', async () => {
    await bed.must(RpcPatterns.createProvider, admin, { id: 'P-CONC', name: 'Busy Clinic', address: anAddress('c') });
    const replies = await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        bed.call<NetworkView>(RpcPatterns.setNetwork, insurerA, { providerId: 'P-CONC', status: 'in' }),
      ),
    );
    expect(codesOf(replies)).toEqual(Array(AT_ONCE).fill('OK'));
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: true, value: { insurerId: 'INS-A', providerId: 'P-CONC', status: 'in' } });
    }
    expect(await bed.dataSource.query(`SELECT insurer_id, status FROM network WHERE provider_id = 'P-CONC'`)).toEqual([
      { insurer_id: 'INS-A', status: 'in' },
    ]);
  });
});
