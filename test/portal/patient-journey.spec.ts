import { randomUUID } from 'node:crypto';
import { repoRoot, saveScreenshot, waitFor } from '#libs/testing';
import { sampleClaim } from '../../scripts/stack/banner.js';
import { printedClinicHeaders, waitUntilPaid } from '../../scripts/test/stack-harness.js';
import { PortalJourney, usd } from './support/portal-journey.js';

interface Consent {
  id: string;
  insurerId: string;
  status: string;
}
interface Claim {
  id: string;
  status: string;
  currency: string;
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
  lines: {
    charge: number;
    allowed: number;
    planPays: number;
    patientPays: number;
    costSharing?: { deductible: number; copay: number; coinsurance: number };
  }[];
}

/**
 * Issue 15, the patient's journey in Chromium against the platform started as `npm start` starts it:
 * sign in from the banner's link, revoke the demo consent and grant a new one (signed in the browser by
 * the demo wallet), watch a claim the clinic submits go to paid, with the API's amounts; no serious or
 * critical axe violation on any patient page, no CSP violation; a screenshot of the main page for docs/.
 */
describe('the patient portal in Chromium', () => {
  const journey = new PortalJourney('patient');
  afterAll(() => journey.stop());

  it('signs in, grants consent, sees a claim go to paid with the API’s amounts, on accessible pages', async () => {
    await journey.start();
    const { gateway, output, page } = journey;
    const clinic = printedClinicHeaders(output);
    const patient = journey.printedAuthorization('PATIENT');
    const apiGet = async <T>(path: string, headers: Record<string, string>): Promise<T> =>
      (await (await fetch(`${gateway}${path}`, { headers })).json()) as T;
    const checkAxe = (name: string) => journey.checkAxe(name);

    // The banner's link carries a role name, never a token; the token stays in sessionStorage.
    await page.goto(journey.signInLink);
    await page.getByRole('heading', { level: 1, name: 'My claims' }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/patient`);
    expect(await page.evaluate<string[]>('Object.keys(sessionStorage)')).toEqual(['healthclaims.session']);
    await checkAxe('my claims (empty)');

    // Consents: revoke the demo's consent to INS-1, then grant a new one, each signed by the demo wallet.
    const [demoConsent] = (await apiGet<{ items: Consent[] }>('/v1/consents', patient)).items;
    expect(demoConsent).toMatchObject({ insurerId: 'INS-1', status: 'active' });
    await page.getByRole('link', { name: 'My consents' }).click();
    await page.getByRole('heading', { level: 1, name: 'My consents' }).waitFor();
    await page.getByText(/Signing with the demo wallet/).waitFor();
    const demoRow = page.locator(`tr[data-consent-id="${demoConsent?.id}"]`);
    await demoRow.getByRole('button', { name: 'Revoke consent to INS-1' }).click();
    await demoRow.getByText('Revoked').waitFor({ timeout: 30_000 });

    // A problem+json answer shows next to the field it names.
    await page.getByLabel('Insurer').fill('not an id!');
    await page.getByRole('button', { name: 'Sign and grant' }).click();
    const fieldError = page.locator('.field-invalid .field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/insurerId/);
    expect(await page.getByLabel('Insurer').getAttribute('aria-invalid')).toBe('true');
    await checkAxe('my consents (with a field error)');

    await page.getByLabel('Insurer').fill('INS-1');
    await page.getByRole('button', { name: 'Sign and grant' }).click();
    await page
      .getByRole('status')
      .getByText(/Consent to INS-1 granted/)
      .waitFor({ timeout: 30_000 });
    const granted = await waitFor(
      async () => {
        const { items } = await apiGet<{ items: Consent[] }>('/v1/consents', patient);
        return items.find((consent) => consent.id !== demoConsent?.id && consent.status === 'active');
      },
      { timeoutMs: 30_000, what: 'the new consent to be active' },
    );
    await page.locator(`tr[data-consent-id="${granted.id}"]`).getByText('Active').waitFor({ timeout: 15_000 });
    await checkAxe('my consents');

    // The clinic submits a claim through the API; the patient's page follows it to paid by itself.
    const submitted = await fetch(`${gateway}/v1/claims`, {
      method: 'POST',
      headers: clinic,
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    await page.getByRole('link', { name: 'My claims' }).click();
    const row = page.locator(`tr[data-claim-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await waitUntilPaid(gateway, id, clinic);
    await row.getByText('Paid').waitFor({ timeout: 15_000 });
    const claim = await apiGet<Claim>(`/v1/claims/${id}`, patient);
    expect(claim.status).toBe('paid');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(2, 5)).toEqual(['Paid', usd(claim.totals.charge), usd(claim.totals.patientPays)]);
    await checkAxe('my claims');
    await saveScreenshot(page, repoRoot(), 'patient');

    // The claim: what the plan paid, what the patient owes and why, its history.
    await row.getByRole('link', { name: /Details/ }).click();
    await page.getByRole('heading', { level: 1, name: `Claim of ${sampleClaim().serviceDate}` }).waitFor();
    const fact = (term: string) => page.locator('.facts div', { hasText: term }).locator('dd');
    expect(await fact('Charged').textContent()).toBe(usd(claim.totals.charge));
    expect(await fact('Your plan pays').textContent()).toBe(usd(claim.totals.planPays));
    expect(await fact('You owe').textContent()).toBe(usd(claim.totals.patientPays));
    // Why: each line's share split into deductible, copay and coinsurance, as the API priced it.
    const [line] = claim.lines;
    const split = line?.costSharing;
    expect(split && split.deductible + split.copay + split.coinsurance).toBe(line?.patientPays);
    const lineCells = await page.locator('section[aria-labelledby="why-heading"] tbody tr td').allTextContents();
    expect(lineCells.slice(2)).toEqual(
      [
        line?.charge,
        line?.allowed,
        (line?.charge ?? 0) - (line?.allowed ?? 0),
        line?.planPays,
        split?.deductible,
        split?.copay,
        split?.coinsurance,
        line?.patientPays,
      ].map((amount) => usd(amount ?? NaN)),
    );
    const history = page.locator('.timeline li');
    await history.filter({ hasText: 'Paid' }).waitFor();
    expect((await history.allTextContents()).map((entry) => entry.split(' ')[0])).toEqual(
      expect.arrayContaining(['Received', 'Approved', 'Paid']),
    );
    await checkAxe('claim');
    await saveScreenshot(page, repoRoot(), 'patient-claim');

    // Another claim id in the address bar: the API's ownership rule answers, the page says not found.
    await page.goto(`${gateway}/app/patient/claims/${randomUUID()}`);
    await page.getByRole('heading', { level: 1, name: 'Claim not found' }).waitFor();
    await checkAxe('claim not found');

    // Estimates: one the clinic asked for, with the API's amounts.
    const estimate = await fetch(`${gateway}/v1/estimates`, {
      method: 'POST',
      headers: clinic,
      body: JSON.stringify({
        memberId: 'M-1',
        providerId: 'P-1',
        plannedDate: sampleClaim().serviceDate,
        lines: [{ code: '99213', units: 1, charge: 15000 }],
      }),
    });
    expect(estimate.status).toBe(201);
    const { totals } = (await estimate.json()) as { totals: { patientPays: number } };
    await page.getByRole('link', { name: 'My estimates' }).click();
    await page
      .getByRole('heading', {
        level: 2,
        name: new RegExp(`you would pay ${usd(totals.patientPays).replace('$', '\\$')}`),
      })
      .waitFor();
    await checkAxe('my estimates');

    // The sign-in page itself, signed out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Health claims' }).waitFor();
    await page.getByRole('button', { name: 'Sign in as patient M-1' }).waitFor();
    await checkAxe('sign-in');
    expect(await page.evaluate<string[]>('Object.keys(sessionStorage)')).toEqual([]);

    journey.finish();
  }, 300_000);
});
