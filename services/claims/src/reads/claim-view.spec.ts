import type { ClaimStatus } from '#libs/contracts';
import { storedStatusesFor, toClaimView, toTimeline, type StoredClaim, type StoredLine } from './claim-view.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));

function aStoredClaim(overrides: Partial<StoredClaim> = {}): StoredClaim {
  return {
    id: '0b6c1f1e-0000-4000-8000-000000000001',
    status: 'in_review',
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-11-02',
    submittedAt: at(0),
    updatedAt: at(1),
    currency: null,
    denialReason: null,
    ...overrides,
  };
}

function aLine(overrides: Partial<StoredLine> = {}): StoredLine {
  return {
    code: '99213',
    units: 1,
    charge: 15000,
    status: 'pending',
    reason: null,
    allowed: 0,
    planPays: 0,
    patientPays: 0,
    deductible: null,
    copay: null,
    coinsurance: null,
    ...overrides,
  };
}

const entry = (
  minute: number,
  status: ClaimStatus,
  reason: string | null = null,
  actor: 'system' | 'analyst' | 'chain' = 'system',
) => ({
  at: at(minute),
  status,
  reason,
  actor,
});

describe('claim view', () => {
  it('shows why the patient owes a priced line (deductible, copay, coinsurance), and no split before pricing', () => {
    const claim = aStoredClaim({ status: 'approved', currency: 'USD' });
    const priced = { status: 'approved' as const, allowed: 12000, planPays: 7600, patientPays: 4400 };
    const view = toClaimView(
      claim,
      [aLine({ ...priced, deductible: 2000, copay: 2400, coinsurance: 0 }), aLine(priced), aLine()],
      'restricted',
    );
    expect(view.lines[0]).toEqual({
      code: '99213',
      units: 1,
      charge: 15000,
      ...priced,
      costSharing: { deductible: 2000, copay: 2400, coinsurance: 0 },
    });
    // Priced before the split was kept, and not priced yet: no split rather than a made-up one.
    expect(view.lines[1]).not.toHaveProperty('costSharing');
    expect(view.lines[2]).not.toHaveProperty('costSharing');
  });

  it('shows lines and exact totals', () => {
    const view = toClaimView(
      aStoredClaim({ status: 'approved' }),
      [
        aLine({ charge: 15000, allowed: 12000, planPays: 9000, patientPays: 3000, status: 'approved' }),
        aLine({ code: '80053', charge: 4000, status: 'denied', reason: 'EXCLUDED', patientPays: 4000 }),
      ],
      'full',
    );
    expect(view.totals).toEqual({ charge: 19000, allowed: 12000, planPays: 9000, patientPays: 7000 });
    expect(view.lines[1]).toEqual(expect.objectContaining({ status: 'denied', reason: 'EXCLUDED' }));
    expect(view.lines[0]).not.toHaveProperty('reason');
    expect(view).not.toHaveProperty('denialReason');
  });

  it('shows a held claim as in_review to patients and clinics, as pending_review to insurers', () => {
    const held = aStoredClaim({ status: 'pending_review' });
    expect(toClaimView(held, [], 'restricted').status).toBe('in_review');
    expect(toClaimView(held, [], 'full').status).toBe('pending_review');
  });

  it('carries the denial reason', () => {
    expect(
      toClaimView(aStoredClaim({ status: 'denied', denialReason: 'CONSENT_MISSING' }), [], 'restricted'),
    ).toMatchObject({
      denialReason: 'CONSENT_MISSING',
    });
  });
});

describe('claim timeline', () => {
  const heldThenDismissed = [
    entry(0, 'received'),
    entry(1, 'in_review'),
    entry(2, 'pending_review', 'FRAUD_HOLD'),
    entry(9, 'in_review', 'FRAUD_DISMISSED', 'analyst'),
    entry(10, 'approved'),
  ];

  it('shows insurers the whole fraud review', () => {
    expect(toTimeline(heldThenDismissed, 'full').map((item) => [item.status, item.reason, item.actor])).toEqual([
      ['received', undefined, 'system'],
      ['in_review', undefined, 'system'],
      ['pending_review', 'FRAUD_HOLD', 'system'],
      ['in_review', 'FRAUD_DISMISSED', 'analyst'],
      ['approved', undefined, 'system'],
    ]);
  });

  it('hides every trace of the fraud review from patients and clinics', () => {
    const items = toTimeline(heldThenDismissed, 'restricted');
    expect(items).toEqual([
      { at: at(0).toISOString(), status: 'received', actor: 'system' },
      { at: at(1).toISOString(), status: 'in_review', actor: 'system' },
      { at: at(10).toISOString(), status: 'approved', actor: 'system' },
    ]);
  });

  it('still shows a fraud denial as a denial', () => {
    const items = toTimeline(
      [
        entry(1, 'in_review'),
        entry(2, 'pending_review', 'FRAUD_HOLD'),
        entry(5, 'denied', 'FRAUD_CONFIRMED', 'analyst'),
      ],
      'restricted',
    );
    expect(items.map((item) => [item.status, item.reason])).toEqual([
      ['in_review', undefined],
      ['denied', 'FRAUD_CONFIRMED'],
    ]);
  });
});

describe('status filter per audience', () => {
  it('finds held claims under in_review for patients and clinics, and never under pending_review', () => {
    expect(storedStatusesFor('in_review', 'restricted')).toEqual(['in_review', 'pending_review']);
    expect(storedStatusesFor('pending_review', 'restricted')).toEqual([]);
    expect(storedStatusesFor('pending_review', 'full')).toEqual(['pending_review']);
  });
});
