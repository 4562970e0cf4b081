import { BusNamespace, Subjects, type ClaimSubmitted, type CoverageDecided } from '#libs/contracts';
import { TestBus } from '#libs/test-bed';
import { findPromtool, metricSample, promtoolMetricFindings, scrapeMetrics, waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call } from './support/http.js';

const BOUND = 3;
const REFRESH_MS = 100;

/**
 * Admission control (docs/decisions/0016-admission-control.md) against the real gateway and claims
 * processes on PostgreSQL and NATS. Only claims runs: no service answers the checks, so every claim
 * stays in review and the backlog grows with each one admitted; the test then answers the checks as
 * underwriting, fraud and the ledger bridge would, and the backlog drains.
 */
describe('admission control of POST /v1/claims and POST /fhir/R4/Claim', () => {
  let stack: ApiStack;
  let bus: TestBus;
  let clinic: string;
  const claims = () => `${stack.gatewayUrl}/v1/claims`;
  const submit = (serviceDate: string, headers: Record<string, string> = {}) =>
    call('POST', claims(), { token: clinic, body: aClaim({ serviceDate }), headers });
  const outboxEvents = async () =>
    Number(
      (await stack.sql('claims', `SELECT count(*) AS n FROM outbox WHERE subject LIKE '%claims.claim.submitted.v1'`))[0]
        .n,
    );
  const backlog = async () =>
    Number(
      (await stack.sql('claims', 'SELECT count(*) AS n FROM claim_sagas WHERE next_deadline_at IS NOT NULL'))[0].n,
    );

  beforeAll(async () => {
    stack = await startApiStack('admit', {
      ADMISSION_MAX_REVIEW_BACKLOG: String(BOUND),
      ADMISSION_BACKLOG_REFRESH_MS: String(REFRESH_MS),
    });
    bus = await TestBus.connect(new BusNamespace(stack.namespace), 'claims.>');
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(async () => {
    await stack?.stop();
    await bus?.close();
  });

  it('refuses claims with 429, Retry-After and a problem while the backlog is at its bound, storing nothing', async () => {
    for (let day = 1; day <= BOUND; day += 1) {
      expect((await submit(`2026-03-0${day}`)).status).toBe(202);
    }
    expect(await backlog()).toBe(BOUND);
    const stored = await stack.storedClaims();
    const events = await outboxEvents();
    await bus.waitForEvents(Subjects.claimSubmitted, { count: BOUND });

    // Twice the refresh interval: the refusal comes from a fresh count, not only this replica's own tally.
    await new Promise((resolve) => setTimeout(resolve, 2 * REFRESH_MS));
    const refused = await submit('2026-03-09', { 'idempotency-key': 'admit-later-0001' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({
      type: 'urn:problem:healthclaims:review-backlog-full',
      status: 429,
      title: expect.any(String),
      detail: expect.stringContaining('nothing was stored'),
    });

    // The FHIR face of the same submission is held back by the same bound, answered in FHIR.
    const fhirRefused = await call('POST', `${stack.gatewayUrl}/fhir/R4/Claim`, {
      token: clinic,
      body: { resourceType: 'Claim', status: 'active', use: 'claim' },
    });
    expect(fhirRefused.status).toBe(429);
    expect(fhirRefused.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(Number(fhirRefused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(fhirRefused.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [expect.objectContaining({ severity: 'error', code: 'throttled' })],
    });

    // Nothing stored, nothing published, not even the Idempotency-Key (a retry with it must run, below).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stack.storedClaims()).toBe(stored);
    expect(await outboxEvents()).toBe(events);
    expect(bus.eventsOf(Subjects.claimSubmitted)).toHaveLength(BOUND);

    const metrics = await scrapeMetrics(stack.gatewayUrl);
    expect(metricSample(metrics, 'gateway_claims_shed_total')).toBeGreaterThanOrEqual(1);
    expect(metricSample(metrics, 'gateway_review_backlog_claims')).toBeGreaterThanOrEqual(BOUND);
    const promtool = findPromtool();
    if (promtool) {
      const ours = metrics
        .split('\n')
        .filter((line) => /gateway_(claims_shed_total|review_backlog_claims)/.test(line))
        .join('\n');
      expect(promtoolMetricFindings(promtool, `${ours}\n`)).toEqual([]);
    }
  });

  it('admits claims again once the backlog drains, and the refused request runs when sent again', async () => {
    // The checking services answer every claim waiting for review: each is decided and leaves the backlog.
    for (const message of bus.eventsOf<ClaimSubmitted>(Subjects.claimSubmitted)) {
      for (const { subject, data } of passingAnswers(message.envelope.data)) await bus.publish(subject, data);
    }
    await waitFor(async () => ((await backlog()) === 0 ? true : undefined), { what: 'the backlog to drain' });
    await new Promise((resolve) => setTimeout(resolve, 2 * REFRESH_MS));

    const retried = await submit('2026-03-09', { 'idempotency-key': 'admit-later-0001' });
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await stack.storedClaims()).toBe(BOUND + 1);
  });
});

/** What underwriting, fraud and the ledger bridge answer for a clean claim. */
function passingAnswers(claim: ClaimSubmitted): { subject: string; data: unknown }[] {
  const coverage: CoverageDecided = {
    claimId: claim.claimId,
    insurerId: 'I-1',
    currency: 'USD',
    planId: 'PLAN-1',
    lines: claim.lines.map((line, index) => ({
      index,
      code: line.code,
      category: 'office_visit',
      status: 'covered',
      reason: null,
    })),
  };
  return [
    { subject: Subjects.coverageDecided, data: coverage },
    { subject: Subjects.screeningCompleted, data: { claimId: claim.claimId, score: 5, held: false, flagId: null } },
    { subject: Subjects.recordsVerified, data: { claimId: claim.claimId, verified: true, reason: null } },
  ];
}
