import { machineLine, type Machine } from '../lib/machine.js';
import type { BenchOptions, ScenarioReport } from '../lib/scenario.js';
import { formatMs, type Percentiles } from '../lib/stats.js';
import { DECISION_P99_LIMIT_MS, sustained, type ProbeFigures } from './end-to-end-probe.js';
import { MEMBER_COUNT, PROVIDER_COUNT } from './end-to-end-setup.js';

type Durability = { fsync: string; synchronousCommit: string };

const pct = (p: Percentiles) =>
  `p50 ${formatMs(p.p50)}  p95 ${formatMs(p.p95)}  p99 ${formatMs(p.p99)}  max ${formatMs(p.max)}`;
const row = (label: string, p: Percentiles) =>
  `| ${label} | ${formatMs(p.p50)} | ${formatMs(p.p95)} | ${formatMs(p.p99)} | ${formatMs(p.max)} | ${p.count} |`;
const share = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

/** One line per rate tried: what was offered, taken, refused, and how long decisions took. */
export function probeLine(p: ProbeFigures): string {
  const stuck = p.complete ? '' : ', SOME STUCK';
  const errors = p.errors ? `, ${p.errors} errors (first: ${p.firstError?.slice(0, 120)})` : '';
  return (
    `${p.rate}/s × ${p.sendSeconds.toFixed(0)} s: ${p.accepted}/${p.offered} accepted, ${p.shed} shed (429)${errors}${stuck}; ` +
    `decision p50 ${formatMs(p.toDecision.p50)} p99 ${formatMs(p.toDecision.p99)}; POST p99 ${formatMs(p.post.p99)} → ` +
    (sustained(p) ? 'sustained' : 'NOT sustained')
  );
}

function settings(options: BenchOptions, durability: Durability): string {
  const admission =
    options.maxBacklog === undefined
      ? 'admission control off'
      : `admission control on at ${options.maxBacklog} claims in review (ADMISSION_MAX_REVIEW_BACKLOG)`;
  return `PostgreSQL fsync=${durability.fsync}, synchronous_commit=${durability.synchronousCommit}; ${admission}`;
}

function figureLines(p: ProbeFigures): string[] {
  return [
    `  offered ${p.rate} claims/s for ${p.sendSeconds.toFixed(1)} s (${p.offered}): accepted ${p.accepted}, shed ${p.shed} (${share(p.shed, p.offered)}), errors ${p.errors}; generator lag at worst ${formatMs(p.maxLagMs)}`,
    `  final: ${Object.entries(p.statusCounts)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}${p.complete ? '' : ' (INCOMPLETE)'}`,
    `  POST /v1/claims (202): ${pct(p.post)}`,
    `  POST /v1/claims (429): ${pct(p.shedPost)}`,
    `  due → in_review:      ${pct(p.toInReview)}`,
    `  due → decision:       ${pct(p.toDecision)}`,
    `  due → paid:           ${pct(p.toPaid)}`,
    ...p.stages.map(([stage, figures]) => `    ${stage}: ${pct(figures)}`),
  ];
}

function figureTable(p: ProbeFigures): string[] {
  return [
    '| latency (from when the POST was due) | p50 | p95 | p99 | max | n |',
    '|---|---|---|---|---|---|',
    row('POST /v1/claims (202)', p.post),
    row('POST /v1/claims (429, shed)', p.shedPost),
    row('→ `in_review` (timeline)', p.toInReview),
    row('→ `approved`/`denied` (timeline)', p.toDecision),
    row('→ `paid` (timeline)', p.toPaid),
    ...p.stages.map(([stage, figures]) => row(`of which: ${stage}`, figures)),
  ];
}

const LOAD = `Clean claims (2 lines, no fraud rule fires, verified on consent) by ${PROVIDER_COUNT} clinics for ${MEMBER_COUNT} members, sent open loop: each at its due time whatever the earlier ones are doing, timed from that time.`;

/** `--rate R`: the figures at one offered load. */
export function openLoopReport(
  machine: Machine,
  options: BenchOptions,
  durability: Durability,
  p: ProbeFigures,
): ScenarioReport {
  const text = [
    `end-to-end open loop on ${machineLine(machine)}`,
    `  ${settings(options, durability)}`,
    ...figureLines(p),
  ].join('\n');
  const markdown = [
    '## End to end, open loop (`end-to-end --rate`)',
    '',
    `Machine: ${machineLine(machine)}. ${settings(options, durability)}. ${LOAD}`,
    '',
    `**${p.rate} claims/s offered** for ${p.sendSeconds.toFixed(0)} s: ${p.accepted} accepted, ${p.shed} shed with 429 (${share(p.shed, p.offered)}), ${p.errors} errors.`,
    '',
    ...figureTable(p),
  ].join('\n');
  return { text, markdown, section: 'end-to-end-open-loop' };
}

/** `--find-capacity`: every rate tried, the capacity, and the figures at 80 % of it. */
export function capacityReport(
  machine: Machine,
  options: BenchOptions,
  durability: Durability,
  found: { capacity: number; probes: ProbeFigures[]; at80: ProbeFigures },
): ScenarioReport {
  const criterion = `p99 submit-to-decision ≤ ${formatMs(DECISION_P99_LIMIT_MS)}, ≤ 1 % refused, none stuck`;
  const text = [
    `end-to-end capacity on ${machineLine(machine)}`,
    `  ${settings(options, durability)}`,
    `  capacity: ${found.capacity} claims/s (highest rate tried with ${criterion})`,
    `  at 80 % of it (${found.at80.rate}/s):`,
    ...figureLines(found.at80),
  ].join('\n');
  const markdown = [
    '## End to end, capacity (`end-to-end --find-capacity`)',
    '',
    `Machine: ${machineLine(machine)}. ${settings(options, durability)}. ${LOAD}`,
    '',
    `**Capacity ${found.capacity} claims/s**: the highest offered rate, of runs of ${options.probeSeconds} s each, with ${criterion}. Rates tried:`,
    '',
    ...found.probes.map((p) => `- ${probeLine(p)}`),
    '',
    `At 80 % of it, **${found.at80.rate} claims/s** for ${found.at80.sendSeconds.toFixed(0)} s: ${found.at80.accepted} accepted, ${found.at80.shed} shed, ${found.at80.errors} errors; p99 submit-to-decision ${formatMs(found.at80.toDecision.p99)}.`,
    '',
    ...figureTable(found.at80),
  ].join('\n');
  return { text, markdown, section: 'end-to-end-capacity' };
}
