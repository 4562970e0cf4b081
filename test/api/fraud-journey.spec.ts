import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, type ApiResponse } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

interface FlagBody {
  id: string;
  claimId: string;
  memberId: string;
  score: number;
  held: boolean;
  status: string;
  assignee?: string;
  rules: { code: string; points: number; explanation: string }[];
}

// Therapy codes whose MUE allows a repeat the same day, so coverage passes the twin and fraud decides.
const LINES = [
  { code: '97110', units: 1, charge: 4000 },
  { code: '97140', units: 1, charge: 3000 },
];
const FRAUD_WORDS = /score|rules|flag|note|fraud/i;

/**
 * DOMAIN.md's fraud review through the real gateway, claims, underwriting and fraud processes: a
 * duplicate claim is held and queued for its insurer's analysts, who assign, note and decide it;
 * patients and clinics see only "in review".
 */
describe('fraud review API: a held duplicate, the analyst queue and its decisions', () => {
  let stack: ApiStack;
  let clinic: SetUpClient;
  let insurer: SetUpClient;
  let analyst: SetUpClient;
  let colleague: SetUpClient;
  let outsider: SetUpClient;
  let patient: SetUpClient;

  beforeAll(async () => {
    stack = await startApiStack('apifr', {}, ['claims', 'underwriting', 'fraud']);
    const as = async (claims: Parameters<ApiStack['token']>[0]) =>
      new SetUpClient(stack.gatewayUrl, await stack.token(claims));
    const admin = await as({ role: 'admin' });
    insurer = await as({ role: 'insurer', org: 'I-FR' });
    clinic = await as({ role: 'clinic', org: 'P-1' });
    analyst = await as({ role: 'analyst', org: 'I-FR', sub: 'analyst-ana' });
    colleague = await as({ role: 'analyst', org: 'I-FR', sub: 'analyst-bob' });
    outsider = await as({ role: 'analyst', org: 'I-OTHER', sub: 'analyst-eve' });
    patient = await as({ role: 'patient', patient: 'M-FR-1' });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-FR', name: 'Fraud Health', address: addressOf(31) });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-OTHER', name: 'Other Health', address: addressOf(32) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-FR'));
    for (const member of ['M-FR-1', 'M-FR-2'])
      await insurer.expect(201, 'POST', '/v1/members', aMember(member, 'PLAN-FR'));
    // Fraud learns each member's insurer from underwriting's events; the queue is scoped by it.
    await waitFor(async () => Number((await stack.sql('fraud', 'SELECT count(*) AS n FROM members'))[0].n) === 2, {
      what: 'fraud to know both members',
    });
  });
  afterAll(() => stack?.stop());

  async function submit(memberId: string, serviceDate: string): Promise<string> {
    const accepted = await clinic.send('POST', '/v1/claims', aClaim({ memberId, serviceDate, lines: LINES }));
    expect(accepted.status).toBe(202);
    return String(accepted.body.id);
  }
  const screened = (claimId: string) =>
    waitFor(
      async () => (await stack.sql('fraud', 'SELECT 1 FROM screenings WHERE claim_id = $1', [claimId])).length > 0,
      {
        what: `fraud to screen claim ${claimId}`,
      },
    );
  const insurerSees = (claimId: string, status: string) =>
    waitFor(
      async () => {
        const claim = await insurer.send('GET', `/v1/claims/${claimId}`);
        return claim.body.status === status ? claim.body : undefined;
      },
      { what: `claim ${claimId} to be ${status}` },
    );
  const flagFor = async (claimId: string): Promise<FlagBody> => {
    const page = await analyst.expect(200, 'GET', '/v1/fraud/flags?status=open');
    const flag = (page.items as FlagBody[]).find((item) => item.claimId === claimId);
    if (!flag) throw new Error(`no open flag for claim ${claimId} in ${JSON.stringify(page)}`);
    return flag;
  };

  let first: string;
  let twin: string;
  let flag: FlagBody;

  it('holds the second of two claims with the same lines and queues it with its rule and evidence', async () => {
    first = await submit('M-FR-1', '2026-03-02');
    await screened(first);
    twin = await submit('M-FR-1', '2026-03-02');
    await insurerSees(twin, 'pending_review');
    flag = await flagFor(twin);
    expect(flag).toMatchObject({ claimId: twin, memberId: 'M-FR-1', score: 100, held: true, status: 'open' });
    expect(flag.rules).toContainEqual({
      code: 'DUPLICATE_CLAIM',
      points: 100,
      explanation: `same lines as claim ${first.slice(0, 8)}… of 2026-03-02`,
    });
    const held = await analyst.expect(200, 'GET', '/v1/fraud/flags?minScore=60');
    expect((held.items as FlagBody[]).map((item) => item.claimId)).toContain(twin);
    const low = await analyst.expect(200, 'GET', '/v1/fraud/flags?status=dismissed');
    expect(low.items).toEqual([]);
  });

  it('shows the held claim to the patient and the clinic only as in review, with no fraud data', async () => {
    for (const viewer of [patient, clinic]) {
      const claim = await viewer.expect(200, 'GET', `/v1/claims/${twin}`);
      expect(claim.status).toBe('in_review');
      expect(Object.keys(claim).filter((key) => FRAUD_WORDS.test(key))).toEqual([]);
      expect(JSON.stringify(claim)).not.toMatch(/FRAUD_|pending_review/);
      const list = await viewer.expect(200, 'GET', '/v1/claims?memberId=M-FR-1');
      const listed = (list.items as Record<string, unknown>[]).find((item) => item.id === twin);
      expect(listed).toMatchObject({ status: 'in_review' });
      expect(JSON.stringify(list)).not.toMatch(/FRAUD_|pending_review|score|"rules"/);
      const timeline = await viewer.expect(200, 'GET', `/v1/claims/${twin}/timeline`);
      const items = timeline.items as { status: string; reason?: string; actor: string }[];
      expect(items.map((item) => item.status)).not.toContain('pending_review');
      expect(items.filter((item) => item.reason?.startsWith('FRAUD_') || item.actor === 'analyst')).toEqual([]);
    }
    const asInsurer = await insurer.expect(200, 'GET', `/v1/claims/${twin}/timeline`);
    expect(asInsurer.items).toContainEqual(expect.objectContaining({ status: 'pending_review', reason: 'FRAUD_HOLD' }));
  });

  it('answers 404 to an analyst of another insurer, and 403 to roles that do not work the queue', async () => {
    const expect404 = async (response: Promise<ApiResponse>) => expect((await response).status).toBe(404);
    await expect404(outsider.send('GET', `/v1/fraud/flags/${flag.id}`));
    await expect404(outsider.send('POST', `/v1/fraud/flags/${flag.id}/assign`, {}));
    await expect404(outsider.send('POST', `/v1/fraud/flags/${flag.id}/decision`, { decision: 'confirm', note: 'x' }));
    expect((await outsider.expect(200, 'GET', '/v1/fraud/flags')).items).toEqual([]);
    expect((await insurer.send('GET', '/v1/fraud/flags')).status).toBe(403);
    expect((await clinic.send('GET', `/v1/fraud/flags/${flag.id}`)).status).toBe(403);
  });

  it('lets one analyst take the flag, note and dismiss it, recording who and when, and the claim goes on', async () => {
    const assigned = await analyst.expect(200, 'POST', `/v1/fraud/flags/${flag.id}/assign`, {});
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'analyst-ana' });
    expect((await colleague.send('POST', `/v1/fraud/flags/${flag.id}/assign`, {})).status).toBe(409);
    const note = await analyst.send('POST', `/v1/fraud/flags/${flag.id}/notes`, {
      note: 'Clinic says it resubmitted.',
    });
    expect(note.status).toBe(201);
    const refused = await analyst.send('POST', `/v1/fraud/flags/${flag.id}/notes`, { note: 7 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);

    const dismissed = await analyst.send('POST', `/v1/fraud/flags/${flag.id}/decision`, {
      decision: 'dismiss',
      note: 'A resubmission, not a second visit.',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', assignee: 'analyst-ana' });
    // Out of the fraud hold; it waits in review for the checks still open (records, on chain).
    await insurerSees(twin, 'in_review');
    const detail = await analyst.expect(200, 'GET', `/v1/fraud/flags/${flag.id}`);
    expect(detail).toMatchObject({
      id: flag.id,
      status: 'dismissed',
      claim: { id: twin, memberId: 'M-FR-1', lines: LINES },
    });
    expect(detail.history).toEqual([
      { at: expect.any(String), actor: 'system', action: 'flagged' },
      { at: expect.any(String), actor: 'analyst-ana', action: 'assigned' },
      { at: expect.any(String), actor: 'analyst-ana', action: 'noted', note: 'Clinic says it resubmitted.' },
      {
        at: expect.any(String),
        actor: 'analyst-ana',
        action: 'dismissed',
        note: 'A resubmission, not a second visit.',
      },
    ]);
  });

  it('audits each analyst action under the flag’s member: its insurer sees them, the patient no fraud data', async () => {
    const audit = await insurer.expect(200, 'GET', '/v1/audit?memberId=M-FR-1&limit=500');
    const byAnalyst = (audit.items as Record<string, unknown>[]).filter((item) => item.subject === 'analyst-ana');
    expect(byAnalyst.map((item) => item.route)).toEqual(
      expect.arrayContaining([
        'GET /v1/fraud/flags',
        'POST /v1/fraud/flags/:id/assign',
        'POST /v1/fraud/flags/:id/notes',
        'POST /v1/fraud/flags/:id/decision',
      ]),
    );
    expect(byAnalyst).toContainEqual(
      expect.objectContaining({
        role: 'analyst',
        org: 'I-FR',
        resource: 'fraud-flag',
        resourceIds: [flag.id],
        route: 'POST /v1/fraud/flags/:id/decision',
        status: 200,
      }),
    );
    // Patients never see fraud data (DOMAIN.md): not even that a flag was read or decided.
    const mine = await patient.expect(200, 'GET', '/v1/audit?limit=500');
    expect((mine.items as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(mine)).not.toMatch(/fraud|flag/i);
  });

  it('decides a flag once: a second decision is a conflict', async () => {
    const again = await analyst.send('POST', `/v1/fraud/flags/${flag.id}/decision`, { decision: 'confirm', note: 'x' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('denies a held claim with FRAUD_CONFIRMED when an analyst confirms it', async () => {
    const original = await submit('M-FR-2', '2026-03-05');
    await screened(original);
    const copy = await submit('M-FR-2', '2026-03-05');
    await insurerSees(copy, 'pending_review');
    const held = await flagFor(copy);
    const confirmed = await colleague.send('POST', `/v1/fraud/flags/${held.id}/decision`, {
      decision: 'confirm',
      note: 'Billed twice for one visit.',
    });
    expect(confirmed.status).toBe(200);
    const denied = await insurerSees(copy, 'denied');
    expect(denied.denialReason).toBe('FRAUD_CONFIRMED');
    expect(
      (await colleague.send('POST', `/v1/fraud/flags/${held.id}/decision`, { decision: 'dismiss', note: 'x' })).status,
    ).toBe(409);
  });

  it('lets an insurer exclude a provider, with its dates checked, and no one else', async () => {
    const created = await insurer.send('POST', '/v1/fraud/exclusions', {
      providerId: 'P-9',
      from: '2026-04-01',
      reason: 'OIG list',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ providerId: 'P-9', insurerId: 'I-FR', from: '2026-04-01', to: null });
    const reversed = await insurer.send('POST', '/v1/fraud/exclusions', {
      providerId: 'P-9',
      from: '2026-04-01',
      to: '2026-03-01',
      reason: 'x',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    expect(
      (await clinic.send('POST', '/v1/fraud/exclusions', { providerId: 'P-9', from: '2026-04-01', reason: 'x' }))
        .status,
    ).toBe(403);
    expect(await stack.storedRows('fraud', 'exclusions')).toBe(1);
  });

  it('sorts the queue by score and filters it by rule over every page, and refuses what it cannot serve', async () => {
    // The first claim's lines in part: only a near duplicate (40), below the held duplicates (100).
    await screened(await submit('M-FR-2', '2026-03-09'));
    const partial = await clinic.send(
      'POST',
      '/v1/claims',
      aClaim({ memberId: 'M-FR-2', serviceDate: '2026-03-09', lines: [LINES[0]] }),
    );
    expect(partial.status).toBe(202);
    await screened(String(partial.body.id));
    const all = (await analyst.expect(200, 'GET', '/v1/fraud/flags?limit=500')).items as FlagBody[];
    const near = all.find((item) => item.claimId === partial.body.id);
    expect(near).toMatchObject({
      score: 40,
      held: false,
      rules: [expect.objectContaining({ code: 'NEAR_DUPLICATE' })],
    });

    const pages: { items: FlagBody[]; nextCursor: string | null }[] = [];
    let query = '/v1/fraud/flags?sort=score&limit=1';
    for (;;) {
      const page = (await analyst.expect(200, 'GET', query)) as unknown as (typeof pages)[number];
      pages.push(page);
      if (!page.nextCursor) break;
      query = `/v1/fraud/flags?sort=score&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    const byScore = pages.flatMap((page) => page.items);
    expect(byScore.map((item) => item.id).sort()).toEqual(all.map((item) => item.id).sort());
    expect(byScore.map((item) => item.score)).toEqual(all.map((item) => item.score).sort((a, b) => b - a));
    expect(byScore.at(-1)?.id).toBe(near?.id);

    const listed = async (filters: string) =>
      ((await analyst.expect(200, 'GET', `/v1/fraud/flags?${filters}`)).items as FlagBody[]).map((item) => item.id);
    const duplicates = await listed('rule=DUPLICATE_CLAIM&sort=score');
    expect(duplicates).toEqual(
      byScore.filter((item) => item.rules.some((hit) => hit.code === 'DUPLICATE_CLAIM')).map((item) => item.id),
    );
    expect(duplicates).not.toContain(near?.id);
    expect(await listed('rule=NEAR_DUPLICATE&status=open&minScore=40')).toContain(near?.id);
    expect(await listed('rule=NEAR_DUPLICATE&status=open&minScore=41')).not.toContain(near?.id);

    const newestPage = await analyst.expect(200, 'GET', '/v1/fraud/flags?limit=1');
    const refusals: [string, string, RegExp][] = [
      ['sort=best', 'sort', /sort must be one of newest, score/],
      ['rule=NOPE', 'rule', /rule must be one of DUPLICATE_CLAIM/],
      [`sort=newest&cursor=${encodeURIComponent(String(pages[0].nextCursor))}`, 'cursor', /made for sort=score/],
      [`sort=score&cursor=${encodeURIComponent(String(newestPage.nextCursor))}`, 'cursor', /made for sort=newest/],
    ];
    for (const [filters, field, message] of refusals) {
      const refused = await analyst.send('GET', `/v1/fraud/flags?${filters}`);
      expect({ filters, status: refused.status }).toEqual({ filters, status: 400 });
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });
});
