import { z } from 'zod';
import { lineTotalsView, pageOf } from './claim-views.js';
import { PREAUTH_OUTCOMES } from './billing-events.js';
import { CURRENCY_PATTERN } from './currencies.js';
import { npi } from './npi.js';
import { chainAddress, displayName, entityId, isoDate, minorUnits, procedureCode } from './primitives.js';

/**
 * Request/reply payloads between the gateway and billing (providers, fee schedule, network,
 * estimates) and underwriting's coverage preview that estimates are built on. Shapes follow API.md;
 * each request is described once, by the schema its service parses it with.
 */
export const createProviderPayload = z.strictObject({
  id: entityId,
  name: displayName,
  address: chainAddress,
  npi: npi.optional(),
});
export type CreateProviderPayload = z.infer<typeof createProviderPayload>;
/** `npi` only when one was registered. */
export const providerView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  npi: z.string().optional(),
  createdAt: z.string(),
});
export type ProviderView = z.infer<typeof providerView>;
/** The provider registered with an NPI (the FHIR facade matches a FHIR provider by its NPI). */
export const providerByNpiPayload = z.strictObject({ npi });
export type ProviderByNpiPayload = z.infer<typeof providerByNpiPayload>;

/** The whole schedule; a code listed twice is refused, as it would price one procedure two ways. */
export const replaceFeeSchedulePayload = z
  .strictObject({
    entries: z.array(z.strictObject({ code: procedureCode, amount: minorUnits })).max(20_000),
  })
  .superRefine(({ entries }, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.code)) {
        context.addIssue({ code: 'custom', path: ['entries', index, 'code'], message: 'is listed twice' });
      }
      seen.add(entry.code);
    });
  });
export type ReplaceFeeSchedulePayload = z.infer<typeof replaceFeeSchedulePayload>;
export const feeScheduleView = z.object({
  insurerId: z.string(),
  entries: z.array(z.object({ code: z.string(), amount: z.number() })),
  updatedAt: z.string(),
});
export type FeeScheduleView = z.infer<typeof feeScheduleView>;

export const NETWORK_STATUSES = ['in', 'out'] as const;
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];
export const setNetworkPayload = z.strictObject({ providerId: entityId, status: z.enum(NETWORK_STATUSES) });
export type SetNetworkPayload = z.infer<typeof setNetworkPayload>;
export const networkView = z.object({
  providerId: z.string(),
  status: z.enum(NETWORK_STATUSES),
  insurerId: z.string(),
  updatedAt: z.string(),
});
export type NetworkView = z.infer<typeof networkView>;

/** At most 9,999 units of a procedure on one line (the gateway's limit for claim and estimate lines). */
export const MAX_LINE_UNITS = 9999;

export const estimateLine = z.object({
  code: procedureCode,
  units: z.number().int('must be a whole number of units').positive('must be at least 1').max(MAX_LINE_UNITS),
  charge: minorUnits,
  modifiers: z
    .array(z.string().regex(/^[A-Z0-9]{2}$/, 'must be 2 letters or digits'))
    .max(4)
    .optional(),
});
export type EstimateLineInput = z.infer<typeof estimateLine>;

/**
 * What a clinic asks for (API.md, Estimates): underwriting previews its coverage and billing prices
 * it, both reading it with this one schema.
 */
export const estimateRequestPayload = z.object({
  memberId: entityId,
  providerId: entityId,
  plannedDate: isoDate,
  preauthorization: z.boolean().optional(),
  lines: z.array(estimateLine).min(1).max(50),
});
export type EstimateRequestPayload = z.infer<typeof estimateRequestPayload>;

/** Underwriting's verdict on each planned line, decided as for a claim on the planned date; nothing stored. */
export const coveragePreviewLine = z.object({
  code: z.string(),
  status: z.enum(['covered', 'denied']),
  reason: z.string().nullable(),
  /** The procedure's category (for copays); null for a code not in the reference table. */
  category: z.string().nullable(),
  /** Whether the plan lists the code among its preauthCodes. */
  preauthCode: z.boolean(),
});
export type CoveragePreviewLine = z.infer<typeof coveragePreviewLine>;

export const coveragePreviewView = z.object({
  memberId: entityId,
  insurerId: entityId,
  planId: z.string().min(1),
  currency: z.string().regex(CURRENCY_PATTERN),
  lines: z.array(coveragePreviewLine),
});
export type CoveragePreviewView = z.infer<typeof coveragePreviewView>;

/**
 * The estimate to price and store: the clinic's request, underwriting's preview and, from the
 * gateway's Idempotency-Key, an opaque submission key (one estimate per key).
 */
export const createEstimatePayload = z.object({
  request: estimateRequestPayload,
  coverage: coveragePreviewView,
  submissionKey: z.string().min(1).max(200).optional(),
});
export type CreateEstimatePayload = z.infer<typeof createEstimatePayload>;

export type PreauthOutcome = (typeof PREAUTH_OUTCOMES)[number];

export const estimateLineView = z.object({
  code: z.string(),
  units: z.number(),
  charge: z.number(),
  status: z.enum(['covered', 'denied']),
  reason: z.string().optional(),
  allowed: z.number(),
  deductible: z.number(),
  copay: z.number(),
  coinsurance: z.number(),
  planPays: z.number(),
  patientPays: z.number(),
  balanceBill: z.number(),
  providerWriteOff: z.number(),
  preauth: z.enum(PREAUTH_OUTCOMES).optional(),
});
export type EstimateLineView = z.infer<typeof estimateLineView>;

export const estimateView = z.object({
  id: z.string(),
  memberId: z.string(),
  providerId: z.string(),
  plannedDate: z.string(),
  currency: z.string(),
  validUntil: z.string(),
  network: z.enum(NETWORK_STATUSES),
  lines: z.array(estimateLineView),
  totals: lineTotalsView,
  accumulators: z.object({ year: z.number(), deductibleRemaining: z.number(), oopRemaining: z.number() }),
  createdAt: z.string(),
});
export type EstimateView = z.infer<typeof estimateView>;

/** An estimate id that is not a UUID names no estimate: the service answers not found rather than invalid. */
export const getEstimatePayload = z.object({ id: z.string() });
export type GetEstimatePayload = z.infer<typeof getEstimatePayload>;
export const listEstimatesPayload = z.object({
  memberId: entityId.optional(),
  limit: z.number().int().min(1).max(500),
  cursor: z.string().max(200).optional(),
});
export type ListEstimatesPayload = z.infer<typeof listEstimatesPayload>;
export const listEstimatesResult = pageOf(estimateView);
export type ListEstimatesResult = z.infer<typeof listEstimatesResult>;
