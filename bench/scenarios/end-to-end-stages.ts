import { outboxEvents } from '../lib/outbox-events.js';
import { percentiles, type Percentiles } from '../lib/stats.js';

/**
 * When each service first wrote an event about each claim (its outbox row's `created_at`) or, with
 * `column` = `published_at`, when its relay published it.
 */
async function firstEventAt(
  databaseUrl: string,
  subject: string,
  claimIds: string[],
  column: 'created_at' | 'published_at' = 'created_at',
): Promise<Map<string, number>> {
  const wanted = new Set(claimIds);
  const first = new Map<string, number>();
  for (const event of await outboxEvents(databaseUrl, subject)) {
    const at = column === 'created_at' ? event.createdAt : event.publishedAt;
    if (!event.claimId || !wanted.has(event.claimId) || !at) continue;
    first.set(event.claimId, Math.min(first.get(event.claimId) ?? Infinity, at.getTime()));
  }
  return first;
}

/**
 * Where a claim's time goes between services, from each service's outbox after the run (no load
 * added while measuring): the claim stored (its submitted event committed) → each check's first
 * answer → the decision → billing's payout request → the bridge's settled event.
 */
export async function stageTimes(
  databaseUrl: (service: string) => string,
  claimIds: string[],
): Promise<[string, Percentiles][]> {
  const at = async (service: string, subject: string, column?: 'published_at') =>
    firstEventAt(databaseUrl(service), subject, claimIds, column);
  const stored = await at('claims', 'claims.claim.submitted.v1');
  const coverage = await at('underwriting', 'underwriting.coverage.decided.v1');
  const screening = await at('fraud', 'fraud.screening.completed.v1');
  const verified = await at('ledger-bridge', 'ledger.records.verified.v1');
  const decided = await at('claims', 'claims.claim.decided.v1');
  const answersOut = [
    await at('underwriting', 'underwriting.coverage.decided.v1', 'published_at'),
    await at('fraud', 'fraud.screening.completed.v1', 'published_at'),
    await at('ledger-bridge', 'ledger.records.verified.v1', 'published_at'),
  ];
  // The moment the last of the three first answers was on the bus.
  const lastAnswerOut = new Map(
    claimIds.flatMap((id) => {
      const times = answersOut.map((answers) => answers.get(id));
      return times.every((time) => time !== undefined) ? [[id, Math.max(...times)] as const] : [];
    }),
  );
  const requested = await at('billing', 'billing.payout.requested.v1');
  const settled = await at('ledger-bridge', 'ledger.payout.settled.v1');
  const between = (from: Map<string, number>, to: Map<string, number>) =>
    percentiles(claimIds.flatMap((id) => (from.has(id) && to.has(id) ? [to.get(id)! - from.get(id)!] : [])));
  return [
    ['stored → coverage decided (underwriting)', between(stored, coverage)],
    ['stored → screening completed (fraud)', between(stored, screening)],
    ['stored → consent verified (ledger-bridge, chain read)', between(stored, verified)],
    ['stored → decided (claims, all three answers in)', between(stored, decided)],
    ['last answer published → decided (claims consumes and decides)', between(lastAnswerOut, decided)],
    ['decided → payout requested (billing prices)', between(decided, requested)],
    ['payout requested → settled (settleBatch on chain)', between(requested, settled)],
  ];
}
