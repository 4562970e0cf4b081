import { machineLine, type Machine } from '../lib/machine.js';
import { formatMs, type Percentiles } from '../lib/stats.js';
import { MEMBER_COUNT, PROVIDER_COUNT } from './end-to-end-setup.js';

export interface EndToEndFigures {
  count: number;
  concurrency: number;
  warmup: number;
  /** POSTs refused during the measured phase (not retried, not followed). */
  failedPosts: { count: number; first: string | undefined };
  /** Every accepted claim reached a final status. */
  complete: boolean;
  statusCounts: Record<string, number>;
  /** Claims at a final status ÷ (first POST sent → last final status). */
  finalPerSecond: number;
  /** 202s per second through the gateway while submitting. */
  acceptedPerSecond: number;
  submitSeconds: number;
  drainSeconds: number;
  post: Percentiles;
  toInReview: Percentiles;
  toDecision: Percentiles;
  toPaid: Percentiles;
  /** Between services, from their outboxes: [stage, latency]. */
  stages: [string, Percentiles][];
  commitsPerClaim: Record<string, number>;
  messagesPerClaim: [string, number][];
  streamStorage: Record<string, string>;
  durability: { fsync: string; synchronousCommit: string };
  cpuMsPerClaim: Record<string, number>;
  /** Busy CPU seconds of the whole machine over the measured phase. */
  cpuSeconds: number;
  ceiling: {
    pgbench: { tps: number; clients: number; threads: number; seconds: number };
    jetStream: { count: number; inFlight: number; perSecond: number };
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const row = (label: string, p: Percentiles) =>
  `| ${label} | ${formatMs(p.p50)} | ${formatMs(p.p95)} | ${formatMs(p.p99)} | ${formatMs(p.max)} | ${p.count} |`;

/** The terminal text and the docs/benchmarks.md section of one end-to-end run. */
export function report(machine: Machine, f: EndToEndFigures) {
  const commits = sum(Object.values(f.commitsPerClaim));
  const messages = sum(f.messagesPerClaim.map(([, n]) => n));
  const statuses = Object.entries(f.statusCounts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const accepted = f.count - f.failedPosts.count;
  const refused = f.failedPosts.count
    ? `; ${f.failedPosts.count} POSTs refused, not retried (first: ${f.failedPosts.first?.slice(0, 160)})`
    : '';
  const storage = [...new Set(Object.values(f.streamStorage))].join('/');
  const durable = `PostgreSQL fsync=${f.durability.fsync}, synchronous_commit=${f.durability.synchronousCommit}; JetStream streams on ${storage} storage`;
  const goal = [
    `${f.finalPerSecond >= 500 ? 'met' : 'NOT met'}: ≥ 500 claims/s (${f.finalPerSecond.toFixed(0)})`,
    `${f.toDecision.p99 <= 2000 ? 'met' : 'NOT met'}: p99 submit-to-decision ≤ 2 s (${formatMs(f.toDecision.p99)})`,
    `${commits <= 6 ? 'met' : 'NOT met'}: ≤ 6 PostgreSQL commits per claim (${commits.toFixed(1)})`,
  ];
  const pct = (p: Percentiles) =>
    `p50 ${formatMs(p.p50)}  p95 ${formatMs(p.p95)}  p99 ${formatMs(p.p99)}  max ${formatMs(p.max)}`;
  const text = [
    `end-to-end on ${machineLine(machine)}`,
    `  ${durable}`,
    ...(process.env.BENCH_SERVICE_ENV ? [`  service env: ${process.env.BENCH_SERVICE_ENV}`] : []),
    `  ${f.count} claims, ${f.concurrency} POSTs in flight (after ${f.warmup} warm-up); final: ${statuses}${f.complete ? '' : ' (INCOMPLETE)'}${refused}`,
    `  end to end:        ${f.finalPerSecond.toFixed(0)} claims/s to a final status (${f.drainSeconds.toFixed(1)} s; submitting took ${f.submitSeconds.toFixed(1)} s at ${f.acceptedPerSecond.toFixed(0)}/s)`,
    `  POST /v1/claims:   ${pct(f.post)}`,
    `  sent → in_review:  ${pct(f.toInReview)}`,
    `  sent → decision:   ${pct(f.toDecision)}`,
    `  sent → paid:       ${pct(f.toPaid)}`,
    ...f.stages.map(([stage, p]) => `    ${stage}: ${pct(p)}`),
    `  commits per claim: ${commits.toFixed(2)} (${Object.entries(f.commitsPerClaim)
      .map(([name, n]) => `${name} ${n.toFixed(2)}`)
      .join(', ')})`,
    `  bus messages per claim: ${messages.toFixed(2)}`,
    ...f.messagesPerClaim.map(([subject, n]) => `    ${subject} ${n.toFixed(2)}`),
    `  CPU per claim (ms): ${Object.entries(f.cpuMsPerClaim)
      .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
      .join(', ')}`,
    `  machine busy: ${f.cpuSeconds.toFixed(1)} CPU s over ${f.drainSeconds.toFixed(1)} s (${machine.cores} cores)`,
    `  ceiling: pgbench ${f.ceiling.pgbench.tps.toFixed(0)} TPS; JetStream ${f.ceiling.jetStream.perSecond.toFixed(0)} publishes/s`,
    ...goal.map((line) => `  goal ${line}`),
  ].join('\n');
  const markdown = [
    '## End to end (`end-to-end`)',
    '',
    `Machine: ${machineLine(machine)}. Stack: gateway, claims, underwriting, billing, fraud and ledger-bridge, each its own process as \`npm start\` runs them, on the local PostgreSQL and NATS, with the embedded Hardhat chain (automine, 1 confirmation, default \`PAYOUT_POLL_MS\` 250 and batches of 100); the load generator runs on the same cores.`,
    `Durability: ${durable}.`,
    ...(process.env.BENCH_SERVICE_ENV ? [`Service environment added: \`${process.env.BENCH_SERVICE_ENV}\`.`] : []),
    `Set-up through the API: one insurer, a plan, a fee schedule, ${PROVIDER_COUNT} clinics in network, ${MEMBER_COUNT} members each granting the insurer consent on chain with its own key, the escrow funded.`,
    `Load: ${f.count} clean claims (2 lines, no fraud rule fires, no records cited: verified on consent) by ${PROVIDER_COUNT} clinics, ${f.concurrency} POSTs in flight, after ${f.warmup} warm-up claims taken to their final status. Final statuses of the ${accepted} accepted: ${statuses}${f.complete ? '' : ' (**incomplete: some claims never reached a final status**)'}${refused}.`,
    '',
    `**${f.finalPerSecond.toFixed(0)} claims per second end to end** (first POST sent → last claim at a final status, ${f.drainSeconds.toFixed(1)} s); the gateway accepted them at ${f.acceptedPerSecond.toFixed(0)} claims/s (${f.submitSeconds.toFixed(1)} s).`,
    '',
    '| latency | p50 | p95 | p99 | max | n |',
    '|---|---|---|---|---|---|',
    row('POST /v1/claims (202)', f.post),
    row('sent → `in_review` (timeline)', f.toInReview),
    row('sent → `approved`/`denied` (timeline)', f.toDecision),
    row('sent → `paid` (timeline)', f.toPaid),
    ...f.stages.map(([stage, p]) => row(`of which: ${stage}`, p)),
    '',
    "Timeline figures are the `at` of the claim's entry minus the moment its POST was sent; stages are between the `created_at` of the services' outbox rows (each event's transaction start), all read after the run.",
    '',
    `PostgreSQL commits per claim (pg_stat_database \`xact_commit\` deltas ÷ claims): **${commits.toFixed(2)}**: ${Object.entries(
      f.commitsPerClaim,
    )
      .map(([name, n]) => `${name} ${n.toFixed(2)}`)
      .join(', ')}.`,
    '',
    `Bus messages per claim (JetStream stream message-count deltas): **${messages.toFixed(2)}**: ${f.messagesPerClaim
      .map(([subject, n]) => `\`${subject}\` ${n.toFixed(2)}`)
      .join(', ')}.`,
    '',
    '| CPU per claim | ms |',
    '|---|---|',
    ...Object.entries(f.cpuMsPerClaim).map(([name, ms]) => `| ${name} | ${ms.toFixed(2)} |`),
    `| whole machine (${machine.cores} cores) | ${((f.cpuSeconds * 1000) / accepted).toFixed(2)} |`,
    '',
    `Ceiling of this machine, same run (after the stack stopped): pgbench (TPC-B-like, scale 1, ${f.ceiling.pgbench.clients} clients, ${f.ceiling.pgbench.threads} threads, ${f.ceiling.pgbench.seconds} s) **${f.ceiling.pgbench.tps.toFixed(0)} TPS**; JetStream **${f.ceiling.jetStream.perSecond.toFixed(0)} publishes/s** (${f.ceiling.jetStream.count} async publishes with acks, ${f.ceiling.jetStream.inFlight} in flight, file storage).`,
    '',
    `Goal (≥ 500 claims/s, p99 submit-to-decision ≤ 2 s, ≤ 6 commits per claim): ${goal.join('; ')}.`,
  ].join('\n');
  return { text, markdown };
}
