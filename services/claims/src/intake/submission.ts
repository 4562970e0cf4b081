import { z } from 'zod';
import {
  isoDate,
  minorUnits,
  procedureCode,
  type Principal,
  type RpcError,
  type SubmitClaimPayload,
} from '#libs/contracts';
import { maySubmitFor } from '#libs/auth';

/**
 * The business shape of a claim at intake. The gateway already checked the HTTP shape (including
 * unknown fields); the claims service owns claims, so it checks the business rules again and never
 * trusts a caller on the bus. Unknown fields are dropped, as on every internal message.
 */
const submissionSchema = z.object({
  memberId: z.string().trim().min(1).max(128),
  providerId: z.string().trim().min(1).max(128),
  serviceDate: isoDate,
  diagnosisCodes: z.array(z.string().trim().min(1).max(16)).max(50),
  lines: z
    .array(
      z.object({
        code: procedureCode,
        units: z.number().int().positive().max(10_000),
        charge: minorUnits,
        // CPT/HCPCS modifiers are two letters or digits (59, XE, 25, ...).
        modifiers: z
          .array(z.string().regex(/^[A-Z0-9]{2}$/, 'must be 2 letters or digits'))
          .max(4)
          .default([]),
      }),
    )
    .min(1)
    .max(1_000),
  records: z
    .array(
      z.object({
        recordId: z.string().min(1).max(256),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
      }),
    )
    .max(100)
    .nullish()
    .transform((records) => records ?? []),
  estimateId: z
    .string()
    .min(1)
    .max(128)
    .nullish()
    .transform((id) => id ?? null),
  submissionKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullish()
    .transform((key) => key ?? null),
});

export type Submission = z.infer<typeof submissionSchema>;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export function parseSubmission(payload: unknown): Checked<Submission> {
  const parsed = submissionSchema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: {
      code: 'VALIDATION',
      detail: 'the claim is not valid',
      errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
    },
  };
}

/**
 * Who may submit (API.md: clinic or insurer). A clinic submitting for another provider is refused
 * as FORBIDDEN (403), not VALIDATION: the body is well-formed, the caller just may not act for that
 * provider. An insurer may submit only for members it insures, when the claims service knows the
 * member's insurer; an unknown member gets the submitting insurer.
 */
export function authorizeSubmission(
  principal: Principal,
  submission: Pick<SubmitClaimPayload, 'providerId'>,
  knownInsurerId: string | null,
): RpcError | null {
  if (!maySubmitFor(principal, submission.providerId)) {
    return { code: 'FORBIDDEN', detail: forbiddenDetail(principal) };
  }
  if (principal.role === 'insurer' && (!principal.org || (knownInsurerId && knownInsurerId !== principal.org))) {
    return { code: 'FORBIDDEN', detail: 'an insurer submits claims only for its own members' };
  }
  return null;
}

function forbiddenDetail(principal: Principal): string {
  return principal.role === 'clinic'
    ? 'a clinic submits claims only under its own provider id'
    : `role ${principal.role} may not submit claims`;
}

/** The insurer a new claim is stamped with: the member's, else the submitting insurer, else unknown. */
export function insurerAtIntake(principal: Principal, knownInsurerId: string | null): string | null {
  return knownInsurerId ?? (principal.role === 'insurer' ? (principal.org ?? null) : null);
}
