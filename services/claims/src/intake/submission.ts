import {
  submitClaimPayload,
  type ClaimSubmission,
  type Principal,
  type RpcError,
  type RpcReply,
  type SubmitClaimPayload,
} from '#libs/contracts';
import { invalid, parseWith } from '#libs/rpc';
import { maySubmitFor } from '#libs/auth';

/** What the claims service reads: the contract's schema fills in the optional parts. */
export type Submission = ClaimSubmission;

/** The claim's business shape (the contract's schema), each wrong field named. */
export function parseSubmission(payload: unknown): RpcReply<Submission> {
  const parsed = parseWith(submitClaimPayload, payload);
  return parsed.ok ? parsed : invalid('the claim is not valid', parsed.errors);
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
