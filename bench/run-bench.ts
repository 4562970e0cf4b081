/**
 * `npm run bench [-- <scenario>... --count N --concurrency C --warmup W]`: runs benchmark scenarios,
 * each on an isolated stack of its own, prints the figures with the machine they were measured on and
 * writes them to docs/benchmarks.md. Later scenarios (estimates, end to end) are files in scenarios/
 * added to the list below.
 *
 * End to end also runs open loop: `--rate R` sends R claims/s (for `--duration S`, else `--count N`
 * claims) and reports latency at that offered load with the 429s counted; `--find-capacity` finds the
 * highest rate keeping p99 submit-to-decision ≤ 2 s (runs of `--probe-seconds`, from `--rate` or 10/s)
 * and measures at 80 % of it. `--max-backlog B` turns the gateway's admission control on at B claims
 * in review (bench stacks run without it otherwise). `--no-page` prints without touching docs/benchmarks.md.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '#libs/testing';
import { describeMachine } from './lib/machine.js';
import { updateBenchmarksPage } from './lib/report.js';
import type { BenchOptions, Scenario } from './lib/scenario.js';
import { claimIntake } from './scenarios/claim-intake.js';
import { endToEnd } from './scenarios/end-to-end.js';
import { estimates } from './scenarios/estimates.js';
import { payouts } from './scenarios/payouts.js';

const SCENARIOS: Scenario[] = [claimIntake, estimates, payouts, endToEnd];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '200' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'find-capacity': { type: 'boolean', default: false },
      'probe-seconds': { type: 'string', default: '15' },
      'max-backlog': { type: 'string' },
      'no-page': { type: 'boolean', default: false },
    },
  });
  const optional = (name: string, raw: string | undefined) => (raw === undefined ? undefined : positiveInt(name, raw));
  const options: BenchOptions = {
    count: positiveInt('count', values.count),
    concurrency: positiveInt('concurrency', values.concurrency),
    warmup: positiveInt('warmup', values.warmup, 0),
    rate: optional('rate', values.rate),
    durationSeconds: optional('duration', values.duration),
    findCapacity: values['find-capacity'],
    probeSeconds: positiveInt('probe-seconds', values['probe-seconds']),
    maxBacklog: optional('max-backlog', values['max-backlog']),
  };
  const openLoop = options.rate !== undefined || options.findCapacity;
  if (options.durationSeconds !== undefined && !openLoop) throw new Error('--duration needs --rate or --find-capacity');
  const unknown = positionals.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const chosen = positionals.length ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;
  if (openLoop && chosen.some((scenario) => scenario.name !== endToEnd.name)) {
    throw new Error('--rate and --find-capacity apply to end-to-end only: name it alone');
  }
  const machine = describeMachine();
  const page = join(repoRoot(), 'docs', 'benchmarks.md');
  for (const scenario of chosen) {
    console.log(`\n${scenario.title}\n`);
    const result = await scenario.run(options, machine);
    console.log(result.text);
    if (!values['no-page']) await updateBenchmarksPage(page, result.section ?? scenario.name, result.markdown);
  }
  if (!values['no-page']) console.log(`\nFigures written to ${page}`);
}

function positiveInt(name: string, raw: string | undefined, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
