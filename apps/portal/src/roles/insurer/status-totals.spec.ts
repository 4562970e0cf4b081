import type { components } from '../../api/generated/schema';
import { totalsByStatus } from './status-totals';

type Claim = components['schemas']['ClaimResponse'];

const claim = (status: Claim['status'], currency: string | null, charge: number, planPays = 0): Claim => ({
  id: `${status}-${charge}`,
  status,
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-03-14',
  submittedAt: '2026-03-15T09:30:00.000Z',
  updatedAt: '2026-03-15T09:30:01.000Z',
  currency,
  lines: [],
  totals: { charge, allowed: planPays, planPays, patientPays: charge - planPays },
});

describe('claims by status', () => {
  it('counts and sums each status, in the order a claim goes through them', () => {
    expect(
      totalsByStatus([
        claim('paid', 'USD', 15000, 12000),
        claim('received', null, 9000),
        claim('paid', 'USD', 5000, 4000),
      ]),
    ).toEqual([
      {
        status: 'received',
        count: 1,
        money: [{ currency: null, count: 1, charge: 9000, planPays: 0, patientPays: 9000 }],
      },
      {
        status: 'paid',
        count: 2,
        money: [{ currency: 'USD', count: 2, charge: 20000, planPays: 16000, patientPays: 4000 }],
      },
    ]);
  });

  it('keeps currencies apart within a status', () => {
    const [denied] = totalsByStatus([claim('denied', 'USD', 100), claim('denied', 'EUR', 200)]);
    expect(denied?.count).toBe(2);
    expect(denied?.money.map((money) => [money.currency, money.charge])).toEqual([
      ['USD', 100],
      ['EUR', 200],
    ]);
  });

  it('has no row when there is no claim', () => {
    expect(totalsByStatus([])).toEqual([]);
  });
});
