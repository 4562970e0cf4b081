import { LEDGER_DENIAL_REASONS } from './check-events.js';
import { PAYOUT_FAILURE_REASONS } from './ledger-events.js';

/** Why coverage denies a line (DOMAIN.md, Coverage decision), in the order the rules are tried. */
export const COVERAGE_DENIAL_REASONS = [
  'NOT_ELIGIBLE',
  'WAITING_PERIOD',
  'UNKNOWN_CODE',
  'EXCLUDED',
  'NOT_COVERED',
  'PREAUTH_REQUIRED',
  'NCCI_UNBUNDLED',
  'MUE_EXCEEDED',
] as const;
export type CoverageDenialReason = (typeof COVERAGE_DENIAL_REASONS)[number];

/** Why pricing denies a covered line: the insurer's fee schedule has no amount for its code. */
export const PRICING_DENIAL_REASONS = ['NO_FEE_SCHEDULE'] as const;
export type PricingDenialReason = (typeof PRICING_DENIAL_REASONS)[number];

/**
 * The reasons the claims service gives itself: the fraud review's steps, a claim whose lines were all denied
 * for different reasons, a verification that failed without naming why, a denied line without a reason, and
 * an approved claim with nothing to pay.
 */
export const CLAIM_PROCESS_REASONS = [
  'FRAUD_HOLD',
  'FRAUD_DISMISSED',
  'FRAUD_CONFIRMED',
  'ALL_LINES_DENIED',
  'RECORDS_NOT_VERIFIED',
  'DENIED',
  'NOTHING_PAYABLE',
] as const;
export type ClaimProcessReason = (typeof CLAIM_PROCESS_REASONS)[number];

/**
 * Every reason code a claim, its lines, its timeline, its payout or an estimate's lines can carry: the one
 * list the gateway documents (OpenAPI `ClaimReasonCode`) and the web app puts into words.
 */
export const CLAIM_REASON_CODES = [
  ...COVERAGE_DENIAL_REASONS,
  ...PRICING_DENIAL_REASONS,
  ...LEDGER_DENIAL_REASONS,
  ...CLAIM_PROCESS_REASONS,
  ...PAYOUT_FAILURE_REASONS,
] as const;
export type ClaimReasonCode = (typeof CLAIM_REASON_CODES)[number];
