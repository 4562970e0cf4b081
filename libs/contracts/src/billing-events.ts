import { z } from 'zod';
import { chainAddress, isoDate, minorUnits, procedureCode, tokenAmount } from './primitives.js';

/** `billing.provider.registered.v1`: a provider (clinic) and its on-chain address (payee and anchor signer). */
export const providerRegisteredSchema = z.object({
  providerId: z.string().min(1),
  name: z.string(),
  address: chainAddress,
});
export type ProviderRegistered = z.infer<typeof providerRegisteredSchema>;

export const PREAUTH_OUTCOMES = ['approved', 'denied', 'not_required'] as const;

/**
 * `billing.estimate.created.v1`: what underwriting needs to honour a pre-authorisation (DOMAIN.md,
 * coverage reason 5) and fraud needs for ESTIMATE_INFLATION. Never the member's name.
 */
export const estimateCreatedSchema = z.object({
  estimateId: z.string().min(1),
  memberId: z.string().min(1),
  providerId: z.string().min(1),
  insurerId: z.string().min(1),
  plannedDate: isoDate,
  createdAt: z.iso.datetime(),
  validUntil: isoDate,
  preauthorization: z.boolean(),
  totalCharge: minorUnits,
  lines: z.array(
    z.object({
      code: procedureCode,
      units: z.number().int().positive(),
      charge: minorUnits,
      preauth: z.enum(PREAUTH_OUTCOMES).nullable(),
    }),
  ),
});
export type EstimateCreated = z.infer<typeof estimateCreatedSchema>;

/** One priced claim line (DOMAIN.md, Pricing); a denied line prices to zero plan payment. */
export const pricedLineSchema = z.object({
  index: z.number().int().nonnegative(),
  code: z.string(),
  units: z.number().int().positive(),
  charge: minorUnits,
  status: z.enum(['approved', 'denied']),
  reason: z.string().nullable(),
  allowed: minorUnits,
  deductible: minorUnits,
  copay: minorUnits,
  coinsurance: minorUnits,
  planPays: minorUnits,
  patientPays: minorUnits,
  balanceBill: minorUnits,
  providerWriteOff: minorUnits,
});
export type PricedLine = z.infer<typeof pricedLineSchema>;

export const pricedTotalsSchema = z.object({
  charge: minorUnits,
  allowed: minorUnits,
  planPays: minorUnits,
  patientPays: minorUnits,
});
export type PricedTotals = z.infer<typeof pricedTotalsSchema>;

/**
 * `billing.claim.priced.v1`: an approved claim priced against the member's accumulators, once.
 * `totals.planPays` 0 means nothing is payable (the claim ends `closed`); otherwise a
 * `billing.payout.requested.v1` follows in the same transaction.
 */
export const claimPricedSchema = z.object({
  claimId: z.uuid(),
  memberId: z.string().min(1),
  providerId: z.string().min(1),
  insurerId: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  network: z.enum(['in', 'out']),
  lines: z.array(pricedLineSchema).min(1),
  totals: pricedTotalsSchema,
});
export type ClaimPriced = z.infer<typeof claimPricedSchema>;

/**
 * `billing.payout.requested.v1`: pay `tokenAmount` (token base units, DOMAIN.md Money) to the provider's
 * address from the insurer's escrow. One per claim, ever (`payoutId` is stable per claim).
 */
export const payoutRequestedSchema = z.object({
  payoutId: z.string().min(1),
  claimId: z.uuid(),
  insurerId: z.string().min(1),
  providerId: z.string().min(1),
  payee: chainAddress,
  currency: z.string().regex(/^[A-Z]{3}$/),
  amount: minorUnits,
  tokenAmount,
  /** The settlement token's symbol, e.g. HCET. */
  token: z.string().min(1),
});
export type PayoutRequested = z.infer<typeof payoutRequestedSchema>;
