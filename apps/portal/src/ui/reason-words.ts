import type { components } from '../api/generated/schema';

/** A reason code as the API documents it (OpenAPI `ClaimReasonCode`, libs/contracts `CLAIM_REASON_CODES`). */
export type ReasonCode = components['schemas']['ClaimReasonCode'];

/** Who reads the reason: the patient in their own words, the others (clinic, insurer, analyst) in the trade's. */
export type ReasonReader = 'patient' | 'staff';

interface ReasonWords {
  staff: string;
  /** Never more than the code itself says: no score, rule or analyst note reaches a patient (API.md, Claims). */
  patient: string;
}

/** Every code in one short sentence per reader; a code missing here fails `npm run typecheck` and the spec. */
export const REASON_WORDS: Record<ReasonCode, ReasonWords> = {
  NOT_ELIGIBLE: {
    staff: 'The member had no active policy on the date of service.',
    patient: 'You were not covered on the date of service.',
  },
  WAITING_PERIOD: {
    staff: 'The service fell in the plan’s waiting period after coverage started.',
    patient: 'The service was in your plan’s waiting period, before it starts to pay.',
  },
  UNKNOWN_CODE: {
    staff: 'The procedure code is not in the procedure reference table.',
    patient: 'The service’s code is not one your insurer knows.',
  },
  EXCLUDED: {
    staff: 'The plan excludes this procedure.',
    patient: 'Your plan excludes this service.',
  },
  NOT_COVERED: {
    staff: 'The plan covers neither this procedure nor its category.',
    patient: 'Your plan does not cover this service.',
  },
  PREAUTH_REQUIRED: {
    staff: 'The procedure needs a pre-authorisation, and the claim cites no approved one valid on the date.',
    patient: 'This service needed your insurer’s approval before it was done.',
  },
  NCCI_UNBUNDLED: {
    staff: 'Billed the same day as a code that includes it (NCCI edit), without a modifier that allows it.',
    patient: 'This service is part of another one billed the same day, and is paid with it.',
  },
  MUE_EXCEEDED: {
    staff: 'More units than the most allowed for this code in one day (medically unlikely edit).',
    patient: 'More units of this service were billed for one day than are allowed.',
  },
  NO_FEE_SCHEDULE: {
    staff: 'The insurer’s fee schedule has no amount for this code.',
    patient: 'Your insurer has no price for this service.',
  },
  RECORD_NOT_ANCHORED: {
    staff: 'A cited medical record is not anchored on chain.',
    patient: 'A medical record the clinic cited could not be found on the ledger.',
  },
  RECORD_HASH_MISMATCH: {
    staff: 'A cited record’s hash differs from the anchored one, or another clinic anchored it.',
    patient: 'A medical record the clinic cited did not match the one it registered.',
  },
  CONSENT_MISSING: {
    staff: 'The member had not granted the insurer consent to see claims.',
    patient: 'You had not allowed your insurer to see this claim (no active consent).',
  },
  CONSENT_EXPIRED: {
    staff: 'The member’s consent to the insurer had expired by the day of submission.',
    patient: 'Your consent for your insurer to see claims had expired when the claim was sent.',
  },
  FRAUD_HOLD: {
    staff: 'The fraud score reached the hold threshold: held until an analyst decides.',
    patient: 'The claim was checked further before a decision.',
  },
  FRAUD_DISMISSED: {
    staff: 'An analyst dismissed the fraud flag; the review goes on.',
    patient: 'The further check is over; the review goes on.',
  },
  FRAUD_CONFIRMED: {
    staff: 'An analyst confirmed fraud; the claim is denied.',
    patient: 'Your insurer refused this claim after its review; ask your insurer why.',
  },
  ALL_LINES_DENIED: {
    staff: 'Every line was denied, for different reasons (see the lines).',
    patient: 'None of the services on this claim is payable (see each service).',
  },
  RECORDS_NOT_VERIFIED: {
    staff: 'The cited records and the consent could not be verified on chain.',
    patient: 'The medical records or your consent could not be checked.',
  },
  DENIED: {
    staff: 'Denied without a specific reason.',
    patient: 'This service was refused.',
  },
  NOTHING_PAYABLE: {
    staff: 'Approved, but the plan pays nothing: it is all the patient’s share.',
    patient: 'Approved, but your plan pays nothing for it: all of it is your share.',
  },
  INSUFFICIENT_ESCROW: {
    staff: 'The insurer’s escrow holds too few tokens for the payout; it can go once the escrow is funded.',
    patient: 'The payment to the clinic waits for your insurer to fund it.',
  },
  PAYEE_UNKNOWN: {
    staff: 'The clinic has no registered payout address.',
    patient: 'The payment to the clinic waits: the clinic’s account is not known yet.',
  },
  INSURER_UNKNOWN: {
    staff: 'The insurer is not registered with the settlement contract.',
    patient: 'The payment to the clinic waits: your insurer’s account is not known yet.',
  },
  REVERTED: {
    staff: 'The payout transaction was reverted on chain.',
    patient: 'The payment transaction to the clinic failed on the ledger.',
  },
};

/** The reason in a sentence; a code this app does not know yet (a newer API) reads as its words. */
export function reasonWords(code: string, reader: ReasonReader): string {
  const words = (REASON_WORDS as Record<string, ReasonWords | undefined>)[code];
  if (words) return words[reader];
  const spelled = code.toLowerCase().replace(/_/g, ' ');
  return `${spelled.charAt(0).toUpperCase()}${spelled.slice(1)}.`;
}
