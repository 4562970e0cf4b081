import { DEV_JWT_SECRET, signDevelopmentToken } from '#libs/auth';
import { repoRoot, saveScreenshot, waitFor } from '#libs/testing';
import { duplicateClaim } from '../../scripts/stack/banner.js';
import { printedClinicHeaders } from '../../scripts/test/stack-harness.js';
import { PortalJourney } from './support/portal-journey.js';

interface Flag {
  id: string;
  claimId: string;
  score: number;
  held: boolean;
  status: string;
  assignee?: string;
  rules: { code: string; points: number; explanation: string }[];
  history: { action: string; actor: string; note?: string }[];
}
interface Claim {
  id: string;
  status: string;
  denialReason?: string;
}

/**
 * Issue 15, the fraud analyst's journey in Chromium against the platform started as `npm start` starts it.
 * As README's analyst journey does, the clinic bills the same ECG of M-2 again and again: each repeat is
 * held as a DUPLICATE_CLAIM; a last one with two ECGs is only a NEAR_DUPLICATE, flagged lower and not held. The
 * analyst signs in from the banner's link, sorts and filters the queue (the API's order and filters, as the API
 * answers them), then works it: takes one flag,
 * notes it and confirms it (the claim is denied), dismisses another with a note (the claim goes on), and
 * tries to decide a third that a colleague decided meanwhile through the API: the page says so (the API's
 * 409). No serious or critical axe violation on any page, no CSP violation or script error.
 */
describe('the analyst portal in Chromium', () => {
  const journey = new PortalJourney('analyst');
  afterAll(() => journey.stop());

  it('confirms one flag, dismisses another, and shows a colleague’s decision as a conflict', async () => {
    await journey.start();
    const { gateway, output, page } = journey;
    const clinic = printedClinicHeaders(output);
    const analyst = journey.printedAuthorization('ANALYST');
    // Another analyst of INS-1, signed with the secret the stack verifies tokens with.
    const colleagueToken = await signDevelopmentToken(
      { role: 'analyst', org: 'INS-1', sub: 'analyst-colleague' },
      process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET,
    );
    const colleague = { authorization: `Bearer ${colleagueToken}`, 'content-type': 'application/json' };
    const apiGet = async <T>(path: string, headers: Record<string, string>): Promise<T> => {
      const response = await fetch(`${gateway}${path}`, { headers });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      return (await response.json()) as T;
    };
    const submit = async (claim = duplicateClaim()): Promise<string> => {
      const response = await fetch(`${gateway}/v1/claims`, {
        method: 'POST',
        headers: clinic,
        body: JSON.stringify(claim),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { id: string }).id;
    };
    const claimUntil = (id: string, done: (claim: Claim) => boolean, what: string) =>
      waitFor(
        async () => {
          const claim = await apiGet<Claim>(`/v1/claims/${id}`, analyst);
          return done(claim) && claim;
        },
        { timeoutMs: 60_000, what },
      );
    const openFlagOf = (claimId: string, held: boolean) =>
      waitFor(
        async () =>
          (await apiGet<{ items: Flag[] }>('/v1/fraud/flags?status=open', analyst)).items.find(
            (flag) => flag.claimId === claimId && flag.held === held,
          ),
        { timeoutMs: 30_000, what: `a${held ? ' held' : 'n unheld'} flag for claim ${claimId}` },
      );

    // The clinic bills M-2's ECG once (it goes through), then three times more: each repeat is held.
    const first = await submit();
    await claimUntil(first, (claim) => ['closed', 'paid'].includes(claim.status), 'the first ECG to be settled');
    const flags: Flag[] = [];
    for (let repeat = 0; repeat < 3; repeat++) flags.push(await openFlagOf(await submit(), true));
    const [toConfirm, toDismiss, decidedByColleague] = flags as [Flag, Flag, Flag];
    expect(toConfirm.rules.map((hit) => hit.code)).toContain('DUPLICATE_CLAIM');
    // Two ECGs the same day: not the same lines, so only a near duplicate of the first, scored below the others.
    const twoEcgs = duplicateClaim();
    twoEcgs.lines = [{ code: '93000', units: 2, charge: 18_000 }];
    const nearDuplicate = await openFlagOf(await submit(twoEcgs), false);
    expect(nearDuplicate.rules.map((hit) => hit.code)).toEqual(['NEAR_DUPLICATE']);
    expect(nearDuplicate.score).toBeLessThan(Math.min(...flags.map((flag) => flag.score)));
    journey.markSetUpDone();

    const checkAxe = (name: string) => journey.checkAxe(name);
    const flagRow = (flag: Flag) => page.locator(`tr[data-flag-id="${flag.id}"]`);
    const serviceDate = duplicateClaim().serviceDate;
    const openFlag = async (flag: Flag) => {
      await page.getByRole('link', { name: 'Review queue', exact: true }).click();
      await flagRow(flag)
        .getByRole('link', { name: /Review/ })
        .click();
      await page.getByRole('heading', { level: 1, name: `Flag on M-2’s claim of ${serviceDate}` }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();
    };

    // The queue: highest score first, as the API sorts it (over every page, not just the one shown).
    await page.goto(journey.signInLink);
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/analyst`);
    for (const flag of [...flags, nearDuplicate]) await flagRow(flag).waitFor();
    const shownIds = () =>
      page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-flag-id') ?? ''));
    /** Waits until the table shows the flags of the API's first page for `query`, in its order; returns them. */
    const shownAsApiLists = (query: string) =>
      waitFor(
        async () => {
          const listed = await apiGet<{ items: Flag[] }>(`/v1/fraud/flags?limit=20${query}`, analyst);
          const expected = listed.items.map((flag) => flag.id);
          const shown = await shownIds();
          return expected.length > 0 && shown.join() === expected.join() && shown;
        },
        { timeoutMs: 15_000, what: `the queue to show what GET /v1/fraud/flags?limit=20${query} lists` },
      );
    const byScore = await shownAsApiLists('&sort=score');
    const scores = (await page.locator('tbody tr td:first-child').allTextContents()).map((cell) => parseInt(cell, 10));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(byScore.indexOf(nearDuplicate.id)).toBeGreaterThan(
      Math.max(...flags.map((flag) => byScore.indexOf(flag.id))),
    );
    expect(await flagRow(toConfirm).locator('td').nth(1).textContent()).toContain('Duplicate claim');
    await checkAxe('queue');
    // Newest first: the near duplicate, submitted last, leads.
    await page.getByLabel('Sort by').selectOption({ label: 'Newest' });
    expect((await shownAsApiLists(''))[0]).toBe(nearDuplicate.id);
    await page.getByLabel('Sort by').selectOption({ label: 'Highest score' });
    await shownAsApiLists('&sort=score');
    // Filters, all the API's: status, then rule with it.
    await page.getByLabel('Status').selectOption('confirmed');
    await page.getByText('No flag matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('open');
    for (const flag of [...flags, nearDuplicate]) await flagRow(flag).waitFor();
    await page.getByLabel('Rule').selectOption({ label: 'Service after death' });
    await page.getByText('No flag matches these filters.').waitFor();
    await page.getByLabel('Rule').selectOption({ label: 'Duplicate claim' });
    const duplicates = await shownAsApiLists('&sort=score&status=open&rule=DUPLICATE_CLAIM');
    expect([...duplicates].sort()).toEqual(flags.map((flag) => flag.id).sort());
    await checkAxe('queue (filtered)');
    await page.getByLabel('Rule').selectOption({ label: 'Near duplicate' });
    // A duplicate shares its lines with the first claim, so it is a near duplicate too.
    expect([...(await shownAsApiLists('&sort=score&status=open&rule=NEAR_DUPLICATE'))].sort()).toEqual(
      [...flags, nearDuplicate].map((flag) => flag.id).sort(),
    );

    // The first flag: its evidence in words, the claim's lines, the member's claims.
    await openFlag(toConfirm);
    await page
      .getByText(
        `Billed twice: this claim has exactly the same services as claim ${first.slice(0, 8)}… of ${serviceDate}`,
      )
      .waitFor();
    // The held claim has no currency yet: its amounts are in that of the member's settled claim.
    const lines = page.locator('section[aria-labelledby="lines-heading"] table tbody tr td');
    await lines.getByText('$90.00').waitFor();
    const lineCells = await lines.allTextContents();
    expect(lineCells).toEqual(['93000', '1', '$90.00']);
    const memberClaims = page.locator('section[aria-labelledby="member-heading"]');
    await memberClaims.locator(`tr[data-claim-id="${first}"]`).waitFor();
    await memberClaims.locator(`tr[data-claim-id="${toConfirm.claimId}"]`).getByText('(this claim)').waitFor();
    await checkAxe('flag (open)');

    // Take it, note it, confirm it with a note: the claim ends denied, FRAUD_CONFIRMED.
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('You hold this flag.').waitFor();
    const assigned = await apiGet<Flag>(`/v1/fraud/flags/${toConfirm.id}`, analyst);
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'dev-analyst-INS-1' });
    await page.getByLabel('Note', { exact: true }).fill('same ECG billed twice on the same day');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline li', { hasText: '“same ECG billed twice on the same day”' }).waitFor();
    await checkAxe('flag (assigned, noted)');
    await page.getByLabel('Confirm fraud: the claim is denied').check();
    await page.getByLabel('Reason for the decision').fill('same visit billed twice');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').getByText('Confirmed by you').waitFor();
    const denied = await claimUntil(toConfirm.claimId, (claim) => claim.status === 'denied', 'the claim to be denied');
    expect(denied.denialReason).toBe('FRAUD_CONFIRMED');
    const confirmed = await apiGet<Flag>(`/v1/fraud/flags/${toConfirm.id}`, analyst);
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.history.map((entry) => entry.action)).toEqual(['flagged', 'assigned', 'noted', 'confirmed']);
    await page.locator('.facts div', { hasText: 'Claim status' }).getByText('Denied').waitFor({ timeout: 15_000 });
    await checkAxe('flag (confirmed)');

    // The second: dismissed with a note, without taking it first; the claim's review goes on.
    await openFlag(toDismiss);
    await page.getByLabel('Dismiss: no fraud, the claim’s review goes on').check();
    await page.getByLabel('Reason for the decision').fill('checked with the clinic: a second ECG was done');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').getByText('Dismissed by you').waitFor();
    const goneOn = await claimUntil(
      toDismiss.claimId,
      (claim) => ['approved', 'closed', 'paid'].includes(claim.status),
      'the dismissed claim to go on',
    );
    const timeline = await apiGet<{ items: { status: string; reason?: string }[] }>(
      `/v1/claims/${toDismiss.claimId}/timeline`,
      analyst,
    );
    expect(timeline.items.map((entry) => `${entry.status}${entry.reason ? `:${entry.reason}` : ''}`)).toEqual(
      expect.arrayContaining(['pending_review:FRAUD_HOLD', 'in_review:FRAUD_DISMISSED', 'approved']),
    );
    expect(goneOn.denialReason).toBeUndefined();
    await checkAxe('flag (dismissed)');

    // The queue shows where each stands; its picture for docs/.
    await page.getByRole('link', { name: 'Review queue', exact: true }).click();
    await flagRow(toConfirm).getByText('Confirmed').waitFor({ timeout: 15_000 });
    await flagRow(toDismiss).getByText('Dismissed').waitFor({ timeout: 15_000 });
    await flagRow(decidedByColleague).getByText('Open').waitFor();
    await checkAxe('queue (after decisions)');
    await saveScreenshot(page, repoRoot(), 'analyst');

    // The third: open in the page while a colleague decides it through the API; deciding it here is refused
    // (409) and the page says so, then shows the colleague's decision.
    await openFlag(decidedByColleague);
    await page.getByRole('button', { name: 'Record decision' }).waitFor();
    const colleagueDecision = await fetch(`${gateway}/v1/fraud/flags/${decidedByColleague.id}/decision`, {
      method: 'POST',
      headers: colleague,
      body: JSON.stringify({ decision: 'confirm', note: 'colleague: billed twice' }),
    });
    expect(colleagueDecision.status).toBe(200);
    await page.getByLabel('Dismiss: no fraud, the claim’s review goes on').check();
    await page.getByLabel('Reason for the decision').fill('looks fine to me');
    await page.getByRole('button', { name: 'Record decision' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'a colleague got there first' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Could not record your decision: a colleague got there first.');
    expect(await conflict.textContent()).toMatch(/already confirmed/);
    await page.getByRole('status').getByText('Confirmed by analyst-colleague').waitFor();
    expect(await page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    const stillConfirmed = await apiGet<Flag>(`/v1/fraud/flags/${decidedByColleague.id}`, analyst);
    expect(stillConfirmed.status).toBe('confirmed');
    expect(stillConfirmed.history.at(-1)).toMatchObject({ action: 'confirmed', actor: 'analyst-colleague' });
    await checkAxe('flag (decided by a colleague: 409)');

    journey.finish();
  }, 300_000);
});
