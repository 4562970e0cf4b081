import { z } from 'zod';
import { chainAddress, isoDate, minorUnits } from './primitives.js';

/** `underwriting.insurer.registered.v1`: an insurer and its on-chain address (ledger bridge, gateway). */
export const insurerRegisteredSchema = z.object({
  insurerId: z.string().min(1),
  address: chainAddress,
});
export type InsurerRegistered = z.infer<typeof insurerRegisteredSchema>;

/** The benefits of a plan that pricing needs (DOMAIN.md, Plan). */
export const benefitsSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  deductible: minorUnits,
  coinsurancePct: z.number().int().min(0).max(100),
  outOfNetworkCoinsurancePct: z.number().int().min(0).max(100),
  copays: z.record(z.string(), minorUnits),
  oopMax: minorUnits,
  annualLimit: minorUnits,
});
export type Benefits = z.infer<typeof benefitsSchema>;

/**
 * `underwriting.plan.registered.v1`: a plan's benefits and coverage rules, for billing (pricing and
 * estimates) and anyone else keeping a read model. Plans are immutable once registered.
 */
export const planRegisteredSchema = z.object({
  planId: z.string().min(1),
  insurerId: z.string().min(1),
  name: z.string(),
  benefits: benefitsSchema,
  coveredCategories: z.array(z.string()),
  coveredCodes: z.array(z.string()),
  excludedCodes: z.array(z.string()),
  preauthCodes: z.array(z.string()),
  waitingPeriodDays: z.number().int().nonnegative(),
});
export type PlanRegistered = z.infer<typeof planRegisteredSchema>;

/**
 * `underwriting.member.registered.v1` and `underwriting.member.updated.v1`: the member's policy as it
 * now stands (a full snapshot, never a diff) with a `version` that grows by one per change, so a read
 * model applies a snapshot only if it is newer than what it holds (messages can arrive out of order).
 * No name and no birth date: other services have no need for them.
 */
export const memberSnapshotSchema = z.object({
  memberId: z.string().min(1),
  insurerId: z.string().min(1),
  planId: z.string().min(1),
  coverageStart: isoDate,
  coverageEnd: isoDate.nullable(),
  status: z.enum(['active', 'cancelled']),
  dateOfDeath: isoDate.nullable(),
  /** The member's on-chain address (a pseudonym), for consent checks. */
  address: chainAddress,
  version: z.number().int().positive(),
});
export type MemberSnapshot = z.infer<typeof memberSnapshotSchema>;
