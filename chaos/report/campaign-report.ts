import { machineLine } from '../../bench/lib/machine.js';
import type { FaultRecord } from '../faults/fault-runner.js';
import { groupBy } from '../verify/check.js';
import type { CampaignResult } from './campaign-result.js';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ') || 'none';

/** The report as printed: what ran, what broke, how long each outage lasted, and every check's verdict. */
export function formatReport(result: CampaignResult): string {
  const { options } = result;
  const requests = Object.values(result.http.statuses).reduce((a, b) => a + b, 0);
  const lines = [
    `Fault campaign, profile ${options.profile}, seed ${options.seed} (rerun: npm run chaos -- --profile ${options.profile} --seed ${options.seed})`,
    `  ${options.claims} claims at ${options.rate.toFixed(2)}/s over ${s(options.durationMs)}, ${options.faults} faults; ${machineLine(result.machine)}`,
    `  set-up ${s(result.setupMs)}, load ${s(result.load.elapsedMs)} (most a claim waited for a free client: ${s(result.load.maxLagMs)})`,
    '',
    `Faults by kind: ${faultsByKind(result.faults)}`,
    `Outages: ${outageRanges(result.faults)}`,
    ...result.faults.map(faultLine),
    `Service exits (planned = killed by the campaign): ${serviceExits(result)}`,
    '',
    `Requests: ${requests} for ${options.claims} claims, ${result.http.retries} retries (attempts per claim p50 ${result.load.attempts.p50}, p95 ${result.load.attempts.p95}, max ${result.load.attempts.max}), ${result.http.replays} replayed answers`,
    `Statuses seen: ${counted(result.http.statuses)}`,
    `503 without Retry-After: ${result.http.unavailableWithoutRetryAfter}`,
    `Replay probe (each accepted key sent again): ${result.replayProbe.sameId} of ${result.replayProbe.keys} answered with the same claim id; ${counted(result.replayProbe.statuses)}`,
    result.settle.settled
      ? `Settled: every claim final ${s(result.settle.waitedMs)} after the load and the faults ended`
      : `NOT settled: ${result.settle.reason} (waited ${s(result.settle.waitedMs)})`,
    `Claims by status: ${counted(result.claimStatuses)}`,
    `On chain: ${result.chain.settlements} settlements, Σ ${result.chain.settledTotal} token units; escrow ${result.chain.escrowBefore} → ${result.chain.escrowAfter}`,
    `Dead letters: ${result.deadLetters}`,
    '',
    'Checks:',
    ...result.checks.flatMap((check) => [
      `  ${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.summary}`,
      ...(check.passed ? [] : [`       (${check.claim})`, ...check.details.map((detail) => `       - ${detail}`)]),
    ]),
    '',
    `${result.checks.filter((check) => check.passed).length} of ${result.checks.length} checks passed: ${result.passed ? 'PASSED' : 'FAILED'}`,
    `Ports: ${Object.entries(result.ports)
      .map(([what, port]) => `${what} ${port}`)
      .join(', ')}`,
    `Service logs: ${result.logDir}${result.keptDataDirs ? `; data directories kept: ${result.keptDataDirs.join(', ')}` : ''}`,
  ];
  return lines.join('\n');
}

function faultsByKind(faults: FaultRecord[]): string {
  if (faults.length === 0) return 'none';
  return groupBy(faults, (fault) => fault.kind)
    .map(([kind, group]) => {
      const targets = groupBy(group, (fault) => fault.service ?? '').filter(([service]) => service !== '');
      return `${kind} ${group.length}${targets.length ? ` (${targets.map(([t, g]) => `${t} ${g.length}`).join(', ')})` : ''}`;
    })
    .join(', ');
}

/** Shortest and longest outage per thing taken down, over every fault. */
function outageRanges(faults: FaultRecord[]): string {
  const outages = faults.flatMap((fault) => fault.outages);
  if (outages.length === 0) return 'none';
  return groupBy(outages, (outage) => outage.what)
    .map(([what, group]) => {
      const lengths = group.map((outage) => outage.ms);
      return `${what} ×${group.length} (${s(Math.min(...lengths))}–${s(Math.max(...lengths))})`;
    })
    .join(', ');
}

function faultLine(fault: FaultRecord): string {
  const late = fault.startedAtMs - fault.dueAtMs > 1_000 ? ` (${s(fault.startedAtMs - fault.dueAtMs)} late)` : '';
  const outages = fault.outages.map((outage) => `${outage.what} out ${s(outage.ms)}`).join(', ');
  const healed = fault.recoveredAfterMs === null ? 'NOT healed' : `all ready after ${s(fault.recoveredAfterMs)}`;
  const left = fault.backlogAtPostgresStop;
  const backlog = left
    ? `; PostgreSQL went down with ${left.waiting + left.inHand} messages unfinished by ${fault.service ?? 'it'} (${left.inHand} in hand)`
    : '';
  const notes = fault.notes.length ? `; ${fault.notes.join('; ')}` : '';
  return `  #${fault.number} at ${s(fault.startedAtMs)}${late}: ${fault.description}: ${outages || 'no outage measured'}${backlog}; ${healed}${notes}`;
}

function serviceExits(result: CampaignResult): string {
  return Object.entries(result.serviceExits)
    .map(([name, exits]) => {
      const own = exits.filter((exit) => !exit.planned);
      const how = own.length
        ? ` + ${own.length} own (${counted(Object.fromEntries(groupBy(own, (e) => e.how).map(([h, g]) => [h, g.length])))})`
        : '';
      return `${name} ${exits.length - own.length} planned${how}`;
    })
    .join('; ');
}

/** The JSON report: the result as is, amounts as decimal strings. */
export function reportJson(result: CampaignResult): string {
  return `${JSON.stringify(result, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}
