import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { PreparedOutboxRow } from '#libs/messaging';
import type { PhiCipher } from '#libs/phi';
import type { Screening } from '../rules/screen-claim.js';
import { sealRules } from '../phi/fraud-phi.js';

/** Advisory-lock class of "one provider and service day" (the two-key form keeps it apart). */
const PROVIDER_DAY_LOCK = 5_101;

/**
 * Serialises screenings of one provider and service day until the transaction ends, so two twin
 * claims screened at once cannot each miss the other (DUPLICATE, NEAR_DUPLICATE, IMPOSSIBLE_DAY all
 * look at that day). A hash collision only serialises two unrelated days, which is harmless. The days of
 * a batch are locked in one statement, in the order of their lock keys, so two batches sharing days
 * wait for each other instead of deadlocking.
 */
export async function lockProviderDays(manager: EntityManager, claims: readonly ClaimSubmitted[]): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock($1, day.key)
     FROM (SELECT DISTINCT hashtext(day) AS key FROM unnest($2::text[]) AS day ORDER BY 1) AS day`,
    [PROVIDER_DAY_LOCK, claims.map((claim) => `${claim.providerId}|${claim.serviceDate}`)],
  );
}

/** A claim this batch screened, with the insurer it was screened for and the flag it raised. */
export interface NewScreening {
  claim: ClaimSubmitted;
  insurerId: string | null;
  screening: Screening;
  flagId: string | null;
}

/**
 * Stores a batch's new screenings and its answers in ONE statement, one multi-row INSERT per table: the
 * claims and their lines join the read models later claims are screened against; the verdicts; the flags
 * with their first history entry; the outbox rows (already prepared: sealed and validated). Foreign keys are
 * checked at the end of the statement, when every row is in.
 */
export async function storeScreenings(
  manager: EntityManager,
  cipher: PhiCipher,
  screenings: readonly NewScreening[],
  answers: readonly PreparedOutboxRow<unknown>[],
): Promise<void> {
  const flagged = screenings.flatMap(({ flagId, ...rest }) => (flagId === null ? [] : [{ ...rest, flagId }]));
  await manager.query(
    `WITH claims AS (
       INSERT INTO screened_claims (claim_id, member_id, provider_id, insurer_id, service_date, submitted_at, estimate_id, total_charge)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(claim_id uuid, member_id text, provider_id text, insurer_id text,
         service_date date, submitted_at timestamptz, estimate_id text, total_charge bigint)
     ), lines AS (
       INSERT INTO screened_lines (claim_id, line_index, code, units, charge, submitted_at)
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(claim_id uuid, line_index smallint, code text, units int,
         charge bigint, submitted_at timestamptz)
     ), verdicts AS (
       INSERT INTO screenings (claim_id, score, held, flag_id)
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(claim_id uuid, score smallint, held boolean, flag_id uuid)
     ), flags AS (
       INSERT INTO flags (id, claim_id, insurer_id, score, held, status, rules, rule_codes)
       SELECT f.id, f.claim_id, f.insurer_id, f.score, f.held, 'open', f.rules, f.rule_codes
       FROM jsonb_to_recordset($4::jsonb) AS f(id uuid, claim_id uuid, insurer_id text, score smallint, held boolean,
         rules jsonb, rule_codes text[])
     ), history AS (
       INSERT INTO flag_actions (flag_id, actor, action)
       SELECT f.id, 'system', 'flagged' FROM jsonb_to_recordset($4::jsonb) AS f(id uuid)
     )
     INSERT INTO outbox (id, subject, envelope, headers)
     SELECT o.id, o.subject, o.envelope::jsonb, o.headers::jsonb
     FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS o(id, subject, envelope, headers, n)
     ORDER BY o.n`,
    [
      JSON.stringify(screenings.map(claimRow)),
      JSON.stringify(screenings.flatMap(lineRows)),
      JSON.stringify(
        screenings.map(({ claim, screening, flagId }) => ({
          claim_id: claim.claimId,
          score: screening.score,
          held: screening.held,
          flag_id: flagId,
        })),
      ),
      JSON.stringify(flagged.map((each) => flagRow(cipher, each))),
      answers.map((row) => row.id),
      answers.map((row) => row.subject),
      answers.map((row) => row.envelope),
      answers.map((row) => row.headers),
    ],
  );
}

function claimRow({ claim, insurerId }: NewScreening) {
  const total = claim.lines.reduce((sum, line) => sum + BigInt(line.charge), 0n);
  return {
    claim_id: claim.claimId,
    member_id: claim.memberId,
    provider_id: claim.providerId,
    insurer_id: insurerId,
    service_date: claim.serviceDate,
    submitted_at: claim.submittedAt,
    estimate_id: claim.estimateId,
    // A string: JSON numbers lose integers past 2^53.
    total_charge: total.toString(),
  };
}

function lineRows({ claim }: NewScreening) {
  return claim.lines.map((line, index) => ({
    claim_id: claim.claimId,
    line_index: index,
    code: line.code,
    units: line.units,
    charge: line.charge,
    submitted_at: claim.submittedAt,
  }));
}

function flagRow(cipher: PhiCipher, { claim, insurerId, screening, flagId: id }: NewScreening & { flagId: string }) {
  return {
    id,
    claim_id: claim.claimId,
    insurer_id: insurerId,
    score: screening.score,
    held: screening.held,
    // The sealed hits: one JSON string (sealRules' jsonb value), bound to the flag id.
    rules: JSON.parse(sealRules(cipher, id, screening.hits)) as unknown,
    // In the clear beside the sealed hits, for the queue's rule filter (the migration says why).
    rule_codes: screening.hits.map((hit) => hit.code),
  };
}
