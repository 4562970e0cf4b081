import type { z } from 'zod';
import {
  checkRequestedSchema,
  claimDecidedSchema,
  claimSubmittedSchema,
  settlementRequestedSchema,
} from './claim-events.js';
import {
  coverageDecidedSchema,
  flagDecidedSchema,
  recordsVerifiedSchema,
  screeningCompletedSchema,
} from './check-events.js';
import { envelopeSchema, parseSubjectName, type Envelope } from './envelope.js';
import { insurerRegisteredSchema, memberSnapshotSchema, planRegisteredSchema } from './underwriting-events.js';
import { Subjects } from './subjects.js';
import {
  claimPricedSchema,
  estimateCreatedSchema,
  payoutRequestedSchema,
  providerRegisteredSchema,
} from './billing-events.js';
import { payoutFailedSchema, payoutSettledSchema, payoutSubmittedSchema } from './ledger-events.js';

const dataSchemas: Record<string, z.ZodType> = {
  [Subjects.claimSubmitted]: claimSubmittedSchema,
  [Subjects.checkRequested]: checkRequestedSchema,
  [Subjects.claimDecided]: claimDecidedSchema,
  [Subjects.settlementRequested]: settlementRequestedSchema,
  [Subjects.coverageDecided]: coverageDecidedSchema,
  [Subjects.screeningCompleted]: screeningCompletedSchema,
  [Subjects.flagDecided]: flagDecidedSchema,
  [Subjects.recordsVerified]: recordsVerifiedSchema,
  [Subjects.insurerRegistered]: insurerRegisteredSchema,
  [Subjects.planRegistered]: planRegisteredSchema,
  [Subjects.memberRegistered]: memberSnapshotSchema,
  [Subjects.memberUpdated]: memberSnapshotSchema,
  [Subjects.providerRegistered]: providerRegisteredSchema,
  [Subjects.estimateCreated]: estimateCreatedSchema,
  [Subjects.claimPriced]: claimPricedSchema,
  [Subjects.payoutRequested]: payoutRequestedSchema,
  [Subjects.payoutSubmitted]: payoutSubmittedSchema,
  [Subjects.payoutSettled]: payoutSettledSchema,
  [Subjects.payoutFailed]: payoutFailedSchema,
};

/** A message that does not match its contract; `reason` is a stable name for logs and dead letters. */
export class ContractViolation extends Error {
  constructor(
    readonly reason: 'UNKNOWN_SUBJECT' | 'BAD_ENVELOPE' | 'SUBJECT_MISMATCH' | 'BAD_DATA',
    readonly subject: string,
    detail: string,
  ) {
    super(`${reason} on ${subject}: ${detail}`);
    this.name = 'ContractViolation';
  }
}

/** Lets a test or a later issue add a subject's schema without editing this table. */
export function registerSchema(subject: string, schema: z.ZodType): void {
  dataSchemas[subject] = schema;
}

/**
 * Validates an envelope for `subject` (bare, without namespace): shape, type/version against the
 * subject, and data against its schema. Unknown fields are dropped, so consumers ignore them.
 */
export function validateEnvelope<T = unknown>(subject: string, raw: unknown): Envelope<T> {
  const schema = dataSchemas[subject];
  if (!schema) throw new ContractViolation('UNKNOWN_SUBJECT', subject, 'no schema registered');
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ContractViolation('BAD_ENVELOPE', subject, envelope.error.message);
  const { type, version } = parseSubjectName(subject);
  if (envelope.data.type !== type || envelope.data.version !== version) {
    throw new ContractViolation(
      'SUBJECT_MISMATCH',
      subject,
      `envelope is ${envelope.data.type}.v${envelope.data.version}`,
    );
  }
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) throw new ContractViolation('BAD_DATA', subject, data.error.message);
  return { ...envelope.data, data: data.data as T };
}
