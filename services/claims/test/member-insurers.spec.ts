import { Subjects, type MemberSnapshot } from '#libs/contracts';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const snapshot = (overrides: Partial<MemberSnapshot> = {}): MemberSnapshot => ({
  memberId: 'M-7',
  insurerId: 'INS-1',
  planId: 'PLAN-1',
  coverageStart: '2026-01-01',
  coverageEnd: null,
  status: 'active',
  dateOfDeath: null,
  address: `0x${'ab'.repeat(20)}`,
  version: 1,
  ...overrides,
});

describe("the member → insurer read model from underwriting's member events", () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cmi');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const insurerOf = async (memberId: string) =>
    (await bed.dataSource.query(`SELECT insurer_id, version FROM member_insurers WHERE member_id = $1`, [memberId]))[0];

  it('records a registered member and applies a newer snapshot', async () => {
    await bed.publish(Subjects.memberRegistered, snapshot());
    await bed.consumed(Subjects.memberRegistered);
    expect(await insurerOf('M-7')).toEqual({ insurer_id: 'INS-1', version: 1 });

    await bed.publish(Subjects.memberUpdated, snapshot({ insurerId: 'INS-2', version: 2 }));
    await bed.consumed(Subjects.memberUpdated);
    expect(await insurerOf('M-7')).toEqual({ insurer_id: 'INS-2', version: 2 });
  });

  it('never lets an older or repeated snapshot overwrite a newer one, whatever order they arrive in', async () => {
    await bed.publish(Subjects.memberUpdated, snapshot({ memberId: 'M-8', insurerId: 'INS-3', version: 3 }));
    await bed.consumed(Subjects.memberUpdated);
    await bed.publish(Subjects.memberRegistered, snapshot({ memberId: 'M-8', insurerId: 'INS-1', version: 1 }));
    await bed.publish(Subjects.memberUpdated, snapshot({ memberId: 'M-8', insurerId: 'INS-2', version: 2 }));
    await bed.publish(Subjects.memberUpdated, snapshot({ memberId: 'M-8', insurerId: 'INS-9', version: 3 }));
    await bed.consumed(Subjects.memberRegistered);
    await bed.consumed(Subjects.memberUpdated);
    expect(await insurerOf('M-8')).toEqual({ insurer_id: 'INS-3', version: 3 });
  });
});
