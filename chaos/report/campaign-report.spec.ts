import type { FaultRecord } from '../faults/fault-runner.js';
import { formatReport, reportJson } from './campaign-report.js';
import type { CampaignResult } from './campaign-result.js';

const aFault = (overrides: Partial<FaultRecord>): FaultRecord => ({
  number: 1,
  kind: 'kill-service',
  service: 'billing',
  description: 'kill -9 billing, restarted by its supervisor',
  long: false,
  dueAtMs: 20_000,
  startedAtMs: 20_000,
  outages: [{ what: 'billing', ms: 4_200 }],
  recoveredAfterMs: 4_300,
  notes: [],
  ...overrides,
});

function aResult(overrides: Partial<CampaignResult> = {}): CampaignResult {
  return {
    startedAt: '2026-12-06T01:00:00.000Z',
    machine: { cores: 2, cpuModel: 'Xeon', memoryGiB: 24, node: 'v20.20.2', date: '2026-12-06', loadAverage: 1 },
    options: { profile: 'ci', claims: 300, faults: 3, durationMs: 240_000, rate: 1.25, seed: 'abc' },
    setupMs: 40_000,
    load: { elapsedMs: 239_000, maxLagMs: 10, attempts: { p50: 1, p95: 4, max: 9 } },
    faults: [
      aFault({}),
      aFault({
        number: 2,
        kind: 'stop-postgres',
        service: undefined,
        description: 'PostgreSQL stopped (immediate), started after 30.0 s',
        long: true,
        dueAtMs: 60_000,
        startedAtMs: 63_500,
        outages: [{ what: 'PostgreSQL', ms: 31_000 }],
        recoveredAfterMs: null,
        notes: ['not ready 120 s after the fault: claims'],
      }),
      aFault({
        number: 3,
        kind: 'catch-up',
        description: 'catch-up: billing down 20.0 s …',
        long: true,
        outages: [
          { what: 'billing', ms: 24_000 },
          { what: 'PostgreSQL', ms: 26_000 },
        ],
        backlogAtPostgresStop: { waiting: 21, inHand: 6 },
      }),
    ],
    serviceExits: {
      billing: [
        { atMs: 20_000, how: 'SIGKILL', planned: true },
        { atMs: 70_000, how: '1', planned: false },
      ],
      gateway: [],
    },
    http: {
      statuses: { '202': 300, '503': 40, '500': 2 },
      serverErrors: [],
      unavailableWithoutRetryAfter: 0,
      retries: 42,
      replays: 1,
    },
    replayProbe: { keys: 300, sameId: 300, statuses: { '202': 300 } },
    settle: { settled: false, waitedMs: 150_000, reason: 'no claim changed status for 120 s' },
    claimStatuses: { paid: 260, approved: 10, denied: 15, closed: 15 },
    chain: { escrowBefore: '100', escrowAfter: '40', settledTotal: '60', settlements: 260 },
    deadLetters: 3,
    checks: [
      {
        name: 'every-claim-accepted',
        claim: 'every claim got a 2xx',
        passed: true,
        summary: '300 of 300 accepted',
        details: [],
      },
      {
        name: 'every-claim-final',
        claim: 'every claim ended paid, denied or closed',
        passed: false,
        summary: '290 of 300 final',
        details: ['10 stuck in approved: a, b'],
      },
    ],
    passed: false,
    ports: { PostgreSQL: 40665, NATS: 40666 },
    logDir: '/repo/.stack/chaos-logs',
    ...overrides,
  };
}

describe('the campaign report', () => {
  const text = formatReport(aResult());

  it('says how to rerun the same schedule', () => {
    expect(text).toContain('Fault campaign, profile ci, seed abc (rerun: npm run chaos -- --profile ci --seed abc)');
  });

  it('counts faults by kind and target, and gives each outage its length', () => {
    expect(text).toContain('Faults by kind: kill-service 1 (billing 1), stop-postgres 1, catch-up 1 (billing 1)');
    expect(text).toContain('Outages: billing ×2 (4.2 s–24.0 s), PostgreSQL ×2 (26.0 s–31.0 s)');
    expect(text).toContain(
      '  #2 at 63.5 s (3.5 s late): PostgreSQL stopped (immediate), started after 30.0 s: PostgreSQL out 31.0 s; NOT healed; not ready 120 s after the fault: claims',
    );
  });

  it('says how much work was waiting when the catch-up took PostgreSQL away', () => {
    expect(text).toContain(
      'billing out 24.0 s, PostgreSQL out 26.0 s; PostgreSQL went down with 27 messages unfinished by billing (6 in hand); all ready after 4.3 s',
    );
  });

  it('tells the supervisor’s restarts after a kill from a service dying on its own', () => {
    expect(text).toContain('billing 1 planned + 1 own (1 ×1); gateway 0 planned');
  });

  it('shows every status seen, the retries and why the claims did not settle', () => {
    expect(text).toContain('Statuses seen: 202 ×300, 503 ×40, 500 ×2');
    expect(text).toContain('Requests: 342 for 300 claims, 42 retries (attempts per claim p50 1, p95 4, max 9)');
    expect(text).toContain('NOT settled: no claim changed status for 120 s (waited 150.0 s)');
  });

  it('shows each check, with what failed in detail, and the verdict', () => {
    expect(text).toContain('  PASS every-claim-accepted: 300 of 300 accepted');
    expect(text).toContain(
      '  FAIL every-claim-final: 290 of 300 final\n       (every claim ended paid, denied or closed)\n       - 10 stuck in approved: a, b',
    );
    expect(text).toContain('1 of 2 checks passed: FAILED');
  });

  it('names the ports, so that an address in an error can be told apart', () => {
    expect(text).toContain('Ports: PostgreSQL 40665, NATS 40666');
  });

  it('writes amounts in the JSON as decimal strings', () => {
    const json = reportJson({ ...aResult(), chain: { ...aResult().chain, settledTotal: (10n ** 30n).toString() } });
    expect(JSON.parse(json).chain.settledTotal).toBe('1000000000000000000000000000000');
    expect(JSON.parse(reportJson(aResult())).passed).toBe(false);
  });
});
