import { randomUUID } from 'node:crypto';
import type { ClaimStatus } from '#libs/contracts';
import { startingChecks } from '../../src/saga/claim-saga.js';
import type { DeadlinePolicy } from '../../src/saga/deadline-policy.js';
import type { ClaimSagaState, CoverageAnswer, FraudAnswer, LedgerAnswer } from '../../src/saga/saga-state.js';

/** Builders for the saga's unit specs (STYLE.md, Tests): name what matters, default the rest. */
export const T0 = new Date('2026-11-23T10:00:00.000Z');
export const POLICY: DeadlinePolicy = { baseMs: 30_000, maxMs: 240_000 };

export function at(secondsAfterT0: number): Date {
  return new Date(T0.getTime() + secondsAfterT0 * 1000);
}

export function aClaim() {
  let state: ClaimSagaState = {
    claimId: randomUUID(),
    status: 'received',
    lineCount: 1,
    insurerId: 'INS-1',
    currency: null,
    checks: startingChecks(T0, POLICY),
    flagDecision: null,
  };
  const builder = {
    withLines: (lineCount: number) => ((state = { ...state, lineCount }), builder),
    inStatus: (status: ClaimStatus) => ((state = { ...state, status }), builder),
    withUnknownInsurer: () => ((state = { ...state, insurerId: null }), builder),
    build: (): ClaimSagaState => state,
  };
  return builder;
}

/** Each verdict is 'covered' or the reason the line is denied. */
export function coverage(verdicts: string[], facts: Partial<CoverageAnswer> = {}): CoverageAnswer {
  return {
    check: 'coverage',
    insurerId: 'INS-1',
    currency: 'USD',
    lines: verdicts.map((verdict, index) =>
      verdict === 'covered' ? { index, status: 'covered', reason: null } : { index, status: 'denied', reason: verdict },
    ),
    ...facts,
  };
}

export const screenedClear = (): FraudAnswer => ({ check: 'fraud', score: 10, held: false, flagId: null });
export const screenedHeld = (): FraudAnswer => ({ check: 'fraud', score: 80, held: true, flagId: 'F-1' });
export const verified = (): LedgerAnswer => ({ check: 'ledger', verified: true, reason: null });
export const notVerified = (reason: string): LedgerAnswer => ({ check: 'ledger', verified: false, reason });
