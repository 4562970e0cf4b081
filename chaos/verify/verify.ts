import { check, groupBy, sample, type CheckResult } from './check.js';
import {
  claimsExistOnce,
  everyClaimAccepted,
  everyClaimFinal,
  oneIdPerKey,
  outcomesAsDesigned,
} from './claim-checks.js';
import { escrowDebit, settledPerClaim, settledTotal } from './money-checks.js';
import type { DeadLetterObservation, HttpObservations, Observations } from './observations.js';

/** Every check of the campaign, in the order the report shows them. */
export function verifyCampaign(observations: Observations): CheckResult[] {
  const { submissions, claims, chain } = observations;
  return [
    everyClaimAccepted(submissions),
    oneIdPerKey(submissions),
    claimsExistOnce(submissions, claims),
    everyClaimFinal(claims),
    outcomesAsDesigned(submissions, claims),
    settledPerClaim(claims, chain),
    settledTotal(claims, chain),
    escrowDebit(claims, chain),
    noDeadLetters(observations.deadLetters),
    noServerError(observations.http),
  ];
}

/** Nothing waits in the dead-letter stream; what does is listed by subject and consumer, with its claims. */
export function noDeadLetters(letters: DeadLetterObservation[]): CheckResult {
  const problems = groupBy(letters, (letter) => `${letter.subject} (consumer ${letter.consumer})`).map(
    ([where, group]) => {
      const errors = groupBy(group, (letter) => `${letter.reason}: ${letter.error}`)
        .slice(0, 3)
        .map(([error, same]) => `${same.length}× "${error.slice(0, 200)}"`)
        .join('; ');
      const claims = group.flatMap((letter) => (letter.claimId ? [letter.claimId] : []));
      return `${group.length} dead letters from ${where}: ${errors}; claims ${sample(claims, 10)}`;
    },
  );
  return check('no-dead-letters', 'no dead letter left in the DLQ stream', problems, `${letters.length} dead letters`);
}

/** The gateway never answered 500: an outage is a 503 with Retry-After (API.md, Operations). */
export function noServerError(http: HttpObservations): CheckResult {
  const internal = http.serverErrors.filter((sample) => sample.status === 500);
  const problems = groupBy(
    internal,
    (error) => `${error.duringFault ?? 'no fault under way'}: ${error.detail ?? error.problemType ?? '(no detail)'}`,
  ).map(
    ([where, group]) =>
      `${group.length}× 500 during ${where}; e.g. requests ${sample(group, 5, (error) => error.requestId ?? error.key)}`,
  );
  return check(
    'no-http-500',
    'no request answered 500 during the whole run',
    problems,
    `${http.statuses['500'] ?? 0} answers 500 of ${Object.values(http.statuses).reduce((a, b) => a + b, 0)}`,
  );
}
