import type { LedgerDenialReason } from './reasons.js';

/** What the chain says about one cited record: its anchor, or null when it was never anchored. */
export interface RecordFact {
  /** The SHA-256 the claim cites, 64 hex digits. */
  sha256: string;
  anchor: { contentHash: string; clinic: string } | null;
}

/** The latest consent period from the member to the insurer for `claims`, in unix seconds. */
export interface ConsentPeriod {
  grantedAt: bigint;
  expiresAt: bigint;
  /** 0 when never revoked. */
  revokedAt: bigint;
}

export interface VerificationFacts {
  records: RecordFact[];
  /** The claim's provider's address; null when the provider's registration is unknown here. */
  providerAddress: string | null;
  /**
   * Null when the member or insurer address is unknown: no consent between them can be proven.
   * `inForceAt`: the registry's `isGranted` at the submission time.
   */
  consent: { inForceAt: boolean; latest: ConsentPeriod | null } | null;
  /** The submission time (unix seconds). */
  at: bigint;
}

export type Verdict = { verified: true; reason: null } | { verified: false; reason: LedgerDenialReason };

/**
 * DOMAIN.md, On-chain verification: the first reason in the documented order wins, whichever record it
 * concerns. A record counts as anchored "with the submitted hash" only when its clinic is the claim's
 * provider, so a record anchored by another clinic is a mismatch, like a wrong hash.
 */
export function decideVerification(facts: VerificationFacts): Verdict {
  if (facts.records.some((record) => record.anchor === null)) return denied('RECORD_NOT_ANCHORED');
  const provider = facts.providerAddress?.toLowerCase() ?? null;
  const mismatch = facts.records.some(
    ({ sha256, anchor }) =>
      anchor === null ||
      anchor.contentHash.toLowerCase() !== `0x${sha256.toLowerCase()}` ||
      anchor.clinic.toLowerCase() !== provider,
  );
  if (mismatch) return denied('RECORD_HASH_MISMATCH');
  const consent = facts.consent;
  if (consent && (consent.inForceAt || grantedLaterThatDay(consent.latest, facts.at))) {
    return { verified: true, reason: null };
  }
  return denied(expiredBefore(consent?.latest ?? null, facts.at) ? 'CONSENT_EXPIRED' : 'CONSENT_MISSING');
}

const DAY = 86_400n;

/**
 * "Valid on the submission day" (DOMAIN.md) also covers a grant made later on that day (UTC) that had not
 * ended by the submission: a patient who consents the same day counts, and block times that run ahead of
 * the submitting service's clock (a fast development chain) do not deny a claim. A grant revoked or expired
 * before the submission never counts.
 */
function grantedLaterThatDay(latest: ConsentPeriod | null, at: bigint): boolean {
  if (!latest) return false;
  const endOfDay = (at / DAY + 1n) * DAY;
  const ended = latest.revokedAt !== 0n && latest.revokedAt < latest.expiresAt ? latest.revokedAt : latest.expiresAt;
  return latest.grantedAt > at && latest.grantedAt < endOfDay && ended > at;
}

/**
 * Expired: the latest grant had started and ran out by `at` without being revoked. A revoked grant is
 * withdrawn, not expired, so it reads as missing.
 */
function expiredBefore(latest: ConsentPeriod | null, at: bigint): boolean {
  if (!latest || latest.grantedAt === 0n) return false;
  return latest.grantedAt <= at && latest.expiresAt <= at && latest.revokedAt === 0n;
}

function denied(reason: LedgerDenialReason): Verdict {
  return { verified: false, reason };
}
