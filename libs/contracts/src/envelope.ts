import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The envelope every bus message travels in (ARCHITECTURE.md, Messages).
 * `type` is the subject name without the version suffix, `version` its major version.
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: false }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  data: z.unknown(),
});

export interface Envelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  data: T;
}

/** Where a new message came from: the message it answers, or a fresh correlation. */
export interface Causation {
  correlationId: string;
  causationId: string | null;
}

export function causedBy(parent: Pick<Envelope, 'id' | 'correlationId'>): Causation {
  return { correlationId: parent.correlationId, causationId: parent.id };
}

export function newCorrelation(correlationId: string = randomUUID()): Causation {
  return { correlationId, causationId: null };
}

/** Splits `claims.claim.submitted.v1` into its type and major version. */
export function parseSubjectName(subject: string): { type: string; version: number } {
  const match = /^(.+)\.v(\d+)$/.exec(subject);
  if (!match) throw new Error(`subject "${subject}" does not end in .v<major>`);
  return { type: match[1], version: Number(match[2]) };
}
