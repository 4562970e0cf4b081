/**
 * One row per claim of a batch ($1: a JSON array of `BatchFactsInput`, in handling order) with everything
 * screening needs: the stored screening when the claim was screened before, else every fact the rules look
 * at. The claims of the batch screened before a claim count among its earlier claims exactly as if each had
 * been stored before the next was screened (as one transaction per message did), so a twin in the same batch
 * is still a twin. Time bounds come computed from the claim's `submittedAt` in TypeScript, as before.
 */
export const BATCH_FACTS = `
WITH batch AS (
  SELECT b.*
  FROM jsonb_to_recordset($1::jsonb) AS b(
    ord int, claim_id uuid, member_id text, provider_id text, service_date date, submitted_at timestamptz,
    estimate_id text, insurer_id text, codes text[], lines jsonb,
    at timestamptz, from_90d timestamptz, from_24h timestamptz, from_31d timestamptz)
),
-- Screened by this batch: not screened before, first copy only.
fresh AS (
  SELECT DISTINCT ON (b.claim_id) b.*
  FROM batch b
  WHERE NOT EXISTS (SELECT 1 FROM screenings s WHERE s.claim_id = b.claim_id)
  ORDER BY b.claim_id, b.ord
),
fresh_lines AS (
  SELECT f.ord, f.submitted_at, l.code, l.units, l.charge
  FROM fresh f, jsonb_to_recordset(f.lines) AS l(code text, units int, charge bigint)
)
SELECT b.ord, s.score, s.held, s.flag_id, f.ord IS NOT NULL AS fresh,
       m.insurer_id AS member_insurer_id, m.date_of_death,
       est.total_charge AS estimate_total_charge,
       day.claims AS provider_day, history.codes AS charge_history, ex.exclusions,
       spike.last_24h, spike.previous_30d
FROM batch b
LEFT JOIN screenings s ON s.claim_id = b.claim_id
LEFT JOIN members m ON m.member_id = b.member_id
LEFT JOIN fresh f ON f.ord = b.ord
LEFT JOIN estimates est ON f.ord IS NOT NULL AND est.estimate_id = f.estimate_id
-- Every other not denied claim of the provider on the service date, with its lines.
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object('id', o.claim_id, 'memberId', o.member_id, 'submittedAt', o.submitted_at,
                                    'estimateId', o.estimate_id, 'lines', o.lines)
                  ORDER BY o.submitted_at, o.claim_id) AS claims
  FROM (
    SELECT c.claim_id, c.member_id, c.submitted_at, c.estimate_id,
           (SELECT json_agg(json_build_object('code', l.code, 'units', l.units, 'charge', l.charge) ORDER BY l.line_index)
              FROM screened_lines l WHERE l.claim_id = c.claim_id) AS lines
    FROM screened_claims c
    WHERE c.provider_id = f.provider_id AND c.service_date = f.service_date AND c.claim_id <> f.claim_id
    UNION ALL
    SELECT e.claim_id, e.member_id, e.submitted_at, e.estimate_id, e.lines::json
    FROM fresh e
    WHERE e.ord < f.ord AND e.provider_id = f.provider_id AND e.service_date = f.service_date
  ) o
  WHERE NOT EXISTS (SELECT 1 FROM claim_denials d WHERE d.claim_id = o.claim_id)
) day ON f.ord IS NOT NULL
-- Per code of the claim: how many lines of the 90 days before it (any provider) and the median charge per
-- unit, in float8 as JavaScript divides: the mean of the two middle values ((m + m) / 2 = m for an odd count).
LEFT JOIN LATERAL (
  SELECT json_object_agg(h.code, json_build_object('samples', h.n, 'median', (h.sorted[(h.n - 1) / 2 + 1] + h.sorted[h.n / 2 + 1]) / 2)) AS codes
  FROM (
    SELECT p.code, count(*)::int AS n, array_agg(p.per_unit ORDER BY p.per_unit) AS sorted
    FROM (
      SELECT l.code, l.charge::float8 / l.units AS per_unit
      FROM screened_lines l
      WHERE l.code = ANY (f.codes) AND l.submitted_at >= f.from_90d AND l.submitted_at < f.at AND l.claim_id <> f.claim_id
      UNION ALL
      SELECT e.code, e.charge::float8 / e.units
      FROM fresh_lines e
      WHERE e.ord < f.ord AND e.code = ANY (f.codes) AND e.submitted_at >= f.from_90d AND e.submitted_at < f.at
    ) p
    GROUP BY p.code
  ) h
) history ON f.ord IS NOT NULL
-- Exclusions for every insurer (an admin's) and those of the claim's insurer.
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object('from', to_char(x.from_date, 'YYYY-MM-DD'), 'to', to_char(x.to_date, 'YYYY-MM-DD'),
                                    'reason', x.reason) ORDER BY x.from_date) AS exclusions
  FROM exclusions x
  WHERE x.provider_id = f.provider_id AND (x.insurer_id IS NULL OR x.insurer_id = coalesce(f.insurer_id, m.insurer_id))
) ex ON f.ord IS NOT NULL
-- The provider's other claims in (at - 24 h, at] and in the 30 days before those 24 h.
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE t.submitted_at > f.from_24h)::int AS last_24h,
         count(*) FILTER (WHERE t.submitted_at <= f.from_24h)::int AS previous_30d
  FROM (
    SELECT c.submitted_at FROM screened_claims c
    WHERE c.provider_id = f.provider_id AND c.submitted_at > f.from_31d AND c.submitted_at <= f.at
      AND c.claim_id <> f.claim_id
    UNION ALL
    SELECT e.submitted_at FROM fresh e
    WHERE e.ord < f.ord AND e.provider_id = f.provider_id AND e.submitted_at > f.from_31d AND e.submitted_at <= f.at
  ) t
) spike ON f.ord IS NOT NULL
ORDER BY b.ord`;

/** A claim of the batch as `BATCH_FACTS` reads it. */
export interface BatchFactsInput {
  ord: number;
  claim_id: string;
  member_id: string;
  provider_id: string;
  service_date: string;
  /** As submitted (stored as such); `at` is the same instant as JavaScript's Date reads it (ms). */
  submitted_at: string;
  estimate_id: string | null;
  insurer_id: string | null;
  codes: string[];
  lines: { code: string; units: number; charge: number }[];
  at: string;
  from_90d: string;
  from_24h: string;
  from_31d: string;
}

/** One row of `BATCH_FACTS`; the facts are null for a claim screened before or twice in the batch. */
export interface BatchFactsRow {
  ord: number;
  score: number | null;
  held: boolean | null;
  flag_id: string | null;
  fresh: boolean;
  member_insurer_id: string | null;
  date_of_death: string | null;
  estimate_total_charge: string | null;
  provider_day:
    | {
        id: string;
        memberId: string;
        submittedAt: string;
        estimateId: string | null;
        lines: { code: string; units: number; charge: number }[] | null;
      }[]
    | null;
  charge_history: Record<string, { samples: number; median: number }> | null;
  exclusions: { from: string; to: string | null; reason: string }[] | null;
  last_24h: number | null;
  previous_30d: number | null;
}
