import {
  RpcPatterns,
  Subjects,
  type ClaimDecided,
  type ClaimSubmitted,
  type FlagDetail,
  type ScreeningCompleted,
} from '#libs/contracts';
import { aClaim, analystOf } from './support/fraud-builders.js';
import { FraudTestBed, screenedBy } from './support/fraud-test-bed.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The provider-level rules on the facts fraud gathers from its own read models (the rules themselves
 * are unit-tested in src/rules): what one provider billed that day, the 90-day charge history of a code,
 * and the provider's claim counts of the last 24 hours and the 30 days before.
 */
describe('fraud screening: provider rules on the stored history', () => {
  let bed: FraudTestBed;

  beforeAll(async () => {
    bed = await FraudTestBed.open('fprov');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const screened = (claim: ClaimSubmitted) => screenedBy(bed, claim);
  const rulesOf = async (result: ScreeningCompleted) =>
    (await bed.must<FlagDetail>(RpcPatterns.getFlag, analystOf('INS-A'), { id: result.flagId })).rules;
  const submittedDaysAgo = (claim: ClaimSubmitted, days: number): ClaimSubmitted => ({
    ...claim,
    submittedAt: new Date(Date.now() - days * DAY_MS).toISOString(),
  });
  const deny = async (claim: ClaimSubmitted) => {
    const decided: ClaimDecided = {
      claimId: claim.claimId,
      memberId: claim.memberId,
      providerId: claim.providerId,
      insurerId: 'INS-A',
      serviceDate: claim.serviceDate,
      status: 'denied',
      reason: 'NOT_ELIGIBLE',
      planId: null,
      currency: null,
      estimateId: null,
      lines: claim.lines.map((line, index) => ({
        index,
        code: line.code,
        units: line.units,
        charge: line.charge,
        category: null,
        status: 'denied',
        reason: 'NOT_ELIGIBLE',
      })),
    };
    await bed.publish(Subjects.claimDecided, decided);
    await bed.consumed(Subjects.claimDecided);
  };

  it('holds the claim that takes a provider’s day past 1,440 typical minutes, not counting a denied claim', async () => {
    // 99213 is a 20-minute visit: 30 units are 600 minutes.
    const busy = (member: string) => aClaim(member).by('P-BUSY').on('2026-05-05').withLine('99213', 30).build();
    expect(await screened(busy('M-BUSY-1'))).toMatchObject({ score: 0, held: false });
    const denied = busy('M-BUSY-2');
    expect(await screened(denied)).toMatchObject({ score: 0, held: false });
    await deny(denied);
    expect(await screened(busy('M-BUSY-3'))).toMatchObject({ score: 0, held: false });

    const over = await screened(busy('M-BUSY-4'));
    expect(over).toMatchObject({ score: 80, held: true });
    expect(await rulesOf(over)).toEqual([
      { code: 'IMPOSSIBLE_DAY', points: 80, explanation: '1800 typical minutes billed on 2026-05-05 over 3 claims' },
    ]);
  });

  it('flags, without holding, a charge per unit above 3 × the 90-day median of its code, once 20 lines are known', async () => {
    const lab = (member: string, charge: number) => aClaim(member).by('P-LAB').withLine('80053', 1, charge).build();
    for (let i = 0; i < 20; i += 1) {
      expect(await screened(lab(`M-LAB-${i}`, 1_000))).toMatchObject({ score: 0 });
    }
    // Older than 90 days: not part of the history.
    await screened(submittedDaysAgo(lab('M-LAB-OLD', 1), 91));

    expect(await screened(lab('M-LAB-AT', 3_000))).toMatchObject({ score: 0, flagId: null });
    const above = await screened(lab('M-LAB-ABOVE', 3_001));
    expect(above).toMatchObject({ score: 30, held: false, flagId: expect.any(String) });
    expect(await rulesOf(above)).toEqual([
      { code: 'CHARGE_OUTLIER', points: 30, explanation: '80053 at 3001 per unit vs median 1000 over 21 lines' },
    ]);
  });

  it('flags a provider whose last 24 hours pass 3 × its daily average over the 30 days before', async () => {
    const visit = (member: string) => aClaim(member).by('P-SPIKE').withLine('99214').build();
    for (let i = 0; i < 30; i += 1) {
      await screened(submittedDaysAgo(visit(`M-SPIKE-OLD-${i}`), 2 + (i % 28)));
    }
    // 30 claims over 30 days is one a day: a fourth claim within 24 hours is the first above 3 a day.
    const today = [];
    for (let i = 1; i <= 4; i += 1) today.push(await screened(visit(`M-SPIKE-NEW-${i}`)));
    expect(today.map((result) => result.score)).toEqual([0, 0, 0, 30]);
    expect(await rulesOf(today[3])).toEqual([
      { code: 'PROVIDER_SPIKE', points: 30, explanation: '4 claims in 24 h vs 1.0 a day over 30 days' },
    ]);
  });
});
