import pg from 'pg';
import { signDevelopmentToken } from '#libs/auth';
import { waitFor } from '#libs/testing';
import { cpuPerOperation, sampleCpu } from '../lib/cpu.js';
import { jsonPoster } from '../lib/http-post.js';
import { startIsolatedStack, type IsolatedStack } from '../lib/isolated-stack.js';
import { runClosedLoop } from '../lib/load.js';
import { machineLine, type Machine } from '../lib/machine.js';
import type { BenchOptions, Scenario } from '../lib/scenario.js';
import { formatMs, percentiles, type Percentiles } from '../lib/stats.js';
import { anEstimate, CLINIC, MEMBER_COUNT, setUpEstimates } from './estimates-setup.js';

const SERVICES = ['underwriting', 'billing', 'gateway'] as const;

interface Figures {
  perSecond: number;
  latency: Percentiles;
  cpuMsPerEstimate: Record<string, number>;
  transactionsPerEstimate: Record<string, number>;
}

/**
 * Pre-treatment estimates through the gateway: POST /v1/estimates (auth, validation, underwriting's
 * coverage preview, billing's pricing, stored with its outbox row) with N in flight. Besides rate and
 * latency it reports where the CPU went (per process, from /proc) and the database transactions per
 * estimate (pg_stat_database; a statement outside a transaction counts as one).
 */
export const estimates: Scenario = {
  name: 'estimates',
  title: 'Estimates: POST /v1/estimates through the gateway (underwriting preview + billing pricing)',
  async run(options: BenchOptions, machine: Machine) {
    // BENCH_SERVICE_ENV (JSON) adds environment to the services, for what-if runs such as
    // {"OTEL_SDK_DISABLED":"true"}; the report says when it was set.
    const stack = await startIsolatedStack([...SERVICES], serviceEnv());
    let closeClient = () => {};
    try {
      const gateway = stack.url('gateway');
      await setUpEstimates(gateway, stack.jwtSecret);
      const token = await signDevelopmentToken({ role: 'clinic', org: CLINIC }, stack.jwtSecret);
      const plannedDate = new Date().toISOString().slice(0, 10);
      const client = jsonPoster(gateway, { authorization: `Bearer ${token}` }, options.concurrency);
      closeClient = client.close;
      const ask = (index: number) => client.post('/v1/estimates', anEstimate(index, plannedDate));
      const submit = async (index: number): Promise<void> => {
        const { status, body } = await ask(index);
        if (status !== 201) throw new Error(`POST /v1/estimates → ${status} ${body.slice(0, 200)}`);
      };
      // Billing learns the plan from underwriting's event: until then an estimate is a 503 to retry.
      await waitFor(async () => (await ask(0)).status === 201, { what: 'billing to know the plan', timeoutMs: 30_000 });
      await runClosedLoop(options.warmup, options.concurrency, (index) => submit(1_000_000 + index));

      const pids = {
        ...Object.fromEntries(SERVICES.map((name) => [name, [stack.services[name].child.pid!]])),
        'load generator': [process.pid],
        ...(await postgresBackends(stack)),
      };
      const cpuBefore = sampleCpu(pids);
      const xactBefore = await transactions(stack);
      const load = await runClosedLoop(options.count, options.concurrency, submit);
      const cpuAfter = sampleCpu(pids);
      if (load.errors.length) throw new Error(`${load.errors.length} POSTs failed, first: ${load.errors[0]}`);
      // pg_stat_database is flushed by each backend about once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const xactAfter = await transactions(stack);
      const figures: Figures = {
        perSecond: (load.results.length / load.elapsedMs) * 1000,
        latency: percentiles(load.latenciesMs),
        cpuMsPerEstimate: cpuPerOperation(cpuBefore, cpuAfter, options.count),
        transactionsPerEstimate: Object.fromEntries(
          Object.keys(xactAfter).map((name) => [name, (xactAfter[name] - xactBefore[name]) / options.count]),
        ),
      };
      return report(options, machine, figures);
    } finally {
      closeClient();
      await stack.stop();
    }
  },
};

function serviceEnv(): Record<string, string> {
  const raw = process.env.BENCH_SERVICE_ENV;
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

/** The PostgreSQL backends serving this stack's services (their pools are warm by now). */
async function postgresBackends(stack: IsolatedStack): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  await withClient(stack, async (client) => {
    for (const name of SERVICES) {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [databaseName(stack, name)],
      );
      result[`PostgreSQL for ${name}`] = rows.map((row) => row.pid);
    }
  });
  return result;
}

function databaseName(stack: IsolatedStack, service: string): string {
  return new URL(stack.databaseUrl(service)).pathname.slice(1);
}

async function withClient<T>(stack: IsolatedStack, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack.databaseUrl('billing') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Committed and rolled-back transactions so far in each service's database. */
async function transactions(stack: IsolatedStack): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  await withClient(stack, async (client) => {
    for (const name of SERVICES) {
      const { rows } = await client.query<{ count: string }>(
        `SELECT xact_commit + xact_rollback AS count FROM pg_stat_database WHERE datname = $1`,
        [databaseName(stack, name)],
      );
      result[name] = Number(rows[0]?.count ?? 0);
    }
  });
  return result;
}

function report(options: BenchOptions, machine: Machine, figures: Figures) {
  const rate = figures.perSecond.toFixed(0);
  const { latency } = figures;
  const cpu = Object.entries(figures.cpuMsPerEstimate);
  const text = [
    `estimates on ${machineLine(machine)}`,
    `  ${options.count} estimates, ${options.concurrency} in flight (after ${options.warmup} warm-up), ${MEMBER_COUNT} members`,
    ...(process.env.BENCH_SERVICE_ENV ? [`  service env:         ${process.env.BENCH_SERVICE_ENV}`] : []),
    `  created:             ${rate} estimates/s through the gateway`,
    `  POST /v1/estimates:  p50 ${formatMs(latency.p50)}  p95 ${formatMs(latency.p95)}  p99 ${formatMs(latency.p99)}  max ${formatMs(latency.max)}`,
    `  CPU per estimate:    ${cpu.map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(', ')}`,
    `  DB transactions per estimate: ${Object.entries(figures.transactionsPerEstimate)
      .map(([name, count]) => `${name} ${count.toFixed(1)}`)
      .join(', ')}`,
  ].join('\n');
  const markdown = [
    '## Estimates (`estimates`)',
    '',
    `Machine: ${machineLine(machine)}. Stack: gateway + underwriting + billing, each its own process, on the local PostgreSQL and NATS; the load generator runs on the same cores.`,
    ...(process.env.BENCH_SERVICE_ENV ? [`Service environment added: \`${process.env.BENCH_SERVICE_ENV}\`.`] : []),
    `Load: ${options.count} estimates (3 lines, half with pre-authorisation) by one clinic for ${MEMBER_COUNT} members, ${options.concurrency} in flight, after ${options.warmup} warm-up estimates.`,
    '',
    `**${rate} estimates created per second** through the gateway (201 responses over the measured phase).`,
    '',
    '| latency | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|',
    `| POST /v1/estimates (201) | ${formatMs(latency.p50)} | ${formatMs(latency.p95)} | ${formatMs(latency.p99)} | ${formatMs(latency.max)} |`,
    '',
    '| CPU per estimate | ms |',
    '|---|---|',
    ...cpu.map(([name, ms]) => `| ${name} | ${ms.toFixed(2)} |`),
    '',
    `Database transactions per estimate (pg_stat_database; a statement outside a transaction is one): ${Object.entries(
      figures.transactionsPerEstimate,
    )
      .map(([name, count]) => `${name} ${count.toFixed(1)}`)
      .join(', ')}.`,
  ].join('\n');
  return { text, markdown };
}
