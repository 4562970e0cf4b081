import { payloadKey } from '../workload/claim-mix.js';
import { check, groupBy, sample, type CheckResult } from './check.js';
import type { ObservedClaim, SubmissionRecord } from './observations.js';

/** Statuses a claim never leaves (DOMAIN.md: payment_failed still moves on to paid). */
export const FINAL_STATUSES: readonly string[] = ['paid', 'denied', 'closed'];

/** "Clients retrying on 503 get every claim in once": every key ended with a 2xx. */
export function everyClaimAccepted(submissions: SubmissionRecord[]): CheckResult {
  const refused = submissions.filter((submission) => submission.acceptedIds.length === 0);
  const problems = groupBy(refused, (submission) => submission.gaveUp ?? 'no 2xx').map(
    ([why, group]) => `${group.length} never accepted (${why}): keys ${sample(group, 10, (s) => s.key)}`,
  );
  return check(
    'every-claim-accepted',
    'every claim got a 2xx, its client retrying the same Idempotency-Key on 503, 429, timeouts and lost connections',
    problems,
    `${submissions.length - refused.length} of ${submissions.length} accepted`,
  );
}

/** A key retried after a 503 or a timeout never produced a second claim id. */
export function oneIdPerKey(submissions: SubmissionRecord[]): CheckResult {
  const split = submissions.filter((submission) => new Set(submission.acceptedIds).size > 1);
  const problems = split.map(
    (submission) =>
      `key ${submission.key} was answered with ${new Set(submission.acceptedIds).size} claim ids: ${[...new Set(submission.acceptedIds)].join(', ')}`,
  );
  return check(
    'one-id-per-key',
    'every 2xx for one Idempotency-Key carried the same claim id',
    problems,
    `${split.length} keys with more than one id`,
  );
}

/** Every accepted claim is in the API's list once, and the list holds nothing the clients did not send. */
export function claimsExistOnce(submissions: SubmissionRecord[], claims: ObservedClaim[]): CheckResult {
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  const planned = new Set(submissions.map((submission) => submission.payloadKey));
  const problems: string[] = [];
  const missing = submissions.flatMap((submission) =>
    [...new Set(submission.acceptedIds)].filter((id) => !byId.has(id)).map((id) => ({ key: submission.key, id })),
  );
  if (missing.length) {
    problems.push(
      `${missing.length} accepted claims missing from GET /v1/claims: ${sample(missing, 10, (m) => `${m.id} (${m.key})`)}`,
    );
  }
  const twice = groupBy(claims, payloadKey).filter(([, group]) => group.length > 1);
  for (const [payload, group] of twice) {
    problems.push(
      `${group.length} claims for one submission (${payload}): ${group.map((claim) => claim.id).join(', ')}`,
    );
  }
  const unknown = claims.filter((claim) => !planned.has(payloadKey(claim)));
  if (unknown.length) problems.push(`${unknown.length} claims nobody submitted: ${sample(unknown, 10, (c) => c.id)}`);
  return check(
    'claims-exist-once',
    'every accepted claim exists, once; no claim exists twice for one submission',
    problems,
    `${claims.length} claims listed for ${submissions.length} submissions`,
  );
}

/** Every claim ended in a final status; the rest are listed by the status they are stuck in. */
export function everyClaimFinal(claims: ObservedClaim[]): CheckResult {
  const open = claims.filter((claim) => !FINAL_STATUSES.includes(claim.status));
  const problems = groupBy(open, (claim) => claim.status).map(
    ([status, group]) =>
      `${group.length} stuck in ${status}: ${sample(group, 10, (claim) => `${claim.id} (since ${claim.updatedAt})`)}`,
  );
  return check(
    'every-claim-final',
    'every claim ended paid, denied or closed (payment_failed is not final: it moves on to paid)',
    problems,
    `${claims.length - open.length} of ${claims.length} final`,
  );
}

/**
 * A final claim ended as it was designed to (paid with the plan paying its share, denied NOT_COVERED,
 * closed): an outage decided nothing, and no priced amounts went missing on the way.
 */
export function outcomesAsDesigned(submissions: SubmissionRecord[], claims: ObservedClaim[]): CheckResult {
  const designOf = new Map(submissions.map((submission) => [submission.payloadKey, submission]));
  const problems: string[] = [];
  const final = claims.filter((claim) => FINAL_STATUSES.includes(claim.status) && designOf.has(payloadKey(claim)));
  const design = (claim: ObservedClaim) => designOf.get(payloadKey(claim))!;
  const otherStatus = final.filter((claim) => claim.status !== design(claim).expected);
  const changes = groupBy(
    otherStatus,
    (claim) => `${design(claim).expected} → ${claim.status}${claim.denialReason ? ` ${claim.denialReason}` : ''}`,
  );
  for (const [change, group] of changes)
    problems.push(`${group.length} designed ${change}: ${sample(group, 10, (claim) => claim.id)}`);
  const otherAmount = final.filter(
    (claim) => claim.status === design(claim).expected && claim.planPays !== design(claim).expectedPlanPays,
  );
  for (const [change, group] of groupBy(
    otherAmount,
    (claim) => `${claim.status} with planPays ${claim.planPays}, designed ${design(claim).expectedPlanPays}`,
  )) {
    problems.push(`${group.length} ${change}: ${sample(group, 10, (claim) => claim.id)}`);
  }
  return check(
    'outcomes-as-designed',
    'every final claim ended as designed: clean ones paid 80 % of the allowed amount, the uncovered code denied, the code without a fee closed',
    problems,
    `${otherStatus.length + otherAmount.length} of ${final.length} final claims ended otherwise`,
  );
}
