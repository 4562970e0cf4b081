import { machineLine } from '../../bench/lib/machine.js';
import type { ScaleResult } from './scale-check.js';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ') || 'none';

/** The scale check's report as printed: the topology, the faults, the figures and every check's verdict. */
export function formatScaleReport(result: ScaleResult): string {
  const { options, topology } = result;
  const requests = Object.values(result.http.statuses).reduce((a, b) => a + b, 0);
  const lines = [
    `Scale check: ${options.claims} claims at ${options.rate}/s, ${options.replicas} instances of every service`,
    `  ${machineLine(result.machine)}`,
    `  ${topology.natsNodes}-node NATS JetStream cluster, streams at ${topology.streamReplicas} replicas; ${topology.instances.length} service processes (${topology.gateways} gateways)`,
    `  start-up ${s(result.startupMs)}, set-up ${s(result.setupMs)}, load ${s(result.load.elapsedMs)} (most a claim waited for a free client: ${s(result.load.maxLagMs)})`,
    '',
    'Faults:',
    ...result.faults.map(
      (fault) =>
        `  at ${s(fault.startedAtMs)}: ${fault.description}: ${fault.target}; ` +
        (fault.backAfterMs === null
          ? `NOT back (${fault.notes.join('; ')})`
          : `whole again after ${s(fault.backAfterMs)}${fault.notes.length ? ` (${fault.notes.join('; ')})` : ''}`),
    ),
    '',
    `Requests: ${requests} for ${options.claims} claims, ${result.http.retries} retries, ${result.http.replays} replayed answers; by gateway: ${counted(result.load.acceptedByGateway)}`,
    `Statuses seen: ${counted(result.http.statuses)}`,
    `Replay probe: ${result.replayProbe.sameId} of ${result.replayProbe.keys} keys answered with the same claim id`,
    result.settle.settled
      ? `Settled: every claim final ${s(result.settle.waitedMs)} after the load ended; ${result.endToEndClaimsPerSecond.toFixed(1)} claims/s from the first sent to the last final`
      : `NOT settled: ${result.settle.reason} (waited ${s(result.settle.waitedMs)})`,
    `Claims by status: ${counted(result.claimStatuses)}`,
    `On chain: ${result.chain.settlements} settlements, Σ ${result.chain.settledTotal} token units; escrow ${result.chain.escrowBefore} → ${result.chain.escrowAfter}`,
    '',
    'Messages by subject (written to outboxes / in the stream):',
    ...result.messages.subjects.map(
      (count) =>
        `  ${count.subject.padEnd(38)} ${String(count.written).padStart(6)} / ${String(count.inStream).padStart(6)}${count.unpublished ? `  (${count.unpublished} unpublished)` : ''}`,
    ),
    'Consumers (matched in the stream / handled; pending, awaiting ack):',
    ...result.messages.consumers.map(
      (count) =>
        `  ${count.consumer.padEnd(52)} ${String(count.inStream).padStart(6)} / ${String(count.handled).padStart(6)}; ${count.pending}, ${count.ackPending}`,
    ),
    '',
    'Checks:',
    ...result.checks.flatMap((check) => [
      `  ${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.summary}`,
      ...(check.passed ? [] : [`       (${check.claim})`, ...check.details.map((detail) => `       - ${detail}`)]),
    ]),
    '',
    `${result.checks.filter((check) => check.passed).length} of ${result.checks.length} checks passed: ${result.passed ? 'PASSED' : 'FAILED'}`,
    `Service logs: ${result.logDir}${result.keptDataDirs ? `; data directories kept: ${result.keptDataDirs.join(', ')}` : ''}`,
  ];
  return lines.join('\n');
}
