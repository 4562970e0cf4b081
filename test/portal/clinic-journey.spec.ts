import { createHash, randomUUID } from 'node:crypto';
import { repoRoot, saveScreenshot, waitFor } from '#libs/testing';
import { printedClinicHeaders, waitUntilPaid } from '../../scripts/test/stack-harness.js';
import { hcet, PortalJourney, usd } from './support/portal-journey.js';

interface Amounts {
  charge: number;
  allowed: number;
  planPays: number;
  patientPays: number;
}
interface EstimateLine extends Amounts {
  code: string;
  units: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  balanceBill: number;
  providerWriteOff: number;
}
interface Estimate {
  id: string;
  memberId: string;
  plannedDate: string;
  currency: string;
  lines: EstimateLine[];
  totals: Amounts;
}
interface Claim {
  id: string;
  status: string;
  serviceDate: string;
  currency: string;
  totals: Amounts;
  lines: (Amounts & { code: string; costSharing?: { deductible: number; copay: number; coinsurance: number } })[];
  payout?: { status: string; amount: string; token: string; txHash?: string };
}
interface AnchoredRecord {
  recordId: string;
  sha256: string;
  memberId: string;
  status: string;
  txHash?: string;
}

/**
 * Issue 15, the clinic's journey in Chromium against the platform started as `npm start` starts it: sign in
 * from the banner's link, anchor a record chosen as a file (hashed in the browser, signed by the demo
 * clinic wallet, never uploaded), make an estimate in the form (a bad charge first: the API's message
 * under its field), submit the claim from it citing the record, and see it paid with the estimate's own
 * amounts, the payout and its transaction in the claims list; axe on every clinic page, no CSP violation;
 * a screenshot of the claims list for docs/.
 */
describe('the clinic portal in Chromium', () => {
  const journey = new PortalJourney('clinic');
  afterAll(() => journey.stop());

  it('anchors a record, estimates, submits the claim from the estimate and sees it paid as estimated', async () => {
    await journey.start();
    const { gateway, output, page } = journey;
    const clinic = printedClinicHeaders(output);
    const apiGet = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${gateway}${path}`, { headers: clinic })).json()) as T;
    const checkAxe = (name: string) => journey.checkAxe(name);

    await page.goto(journey.signInLink);
    await page.getByRole('heading', { level: 1, name: 'Claims', exact: true }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/clinic`);
    await page.getByText('No claim submitted yet.').waitFor();
    await checkAxe('claims (empty)');

    // A record chosen as a file: its SHA-256 is computed in the browser and only the hash is anchored.
    const recordId = `REC-PORTAL-${randomUUID().slice(0, 8)}`;
    const content = Buffer.from('Visit note: sore throat, rapid strep negative; CBC ordered.');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await page.getByRole('link', { name: 'Records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Records', exact: true }).waitFor();
    await page.getByText(/Signing with the demo wallet \(the public development key of clinic P-1/).waitFor();
    await checkAxe('records');
    await page.getByLabel('Record id').fill(recordId);
    await page.getByLabel('Member').fill('M-1');
    await page
      .getByLabel('Record file')
      .setInputFiles({ name: 'visit-note.txt', mimeType: 'text/plain', buffer: content });
    expect(await page.locator('.file-hash code').textContent({ timeout: 10_000 })).toBe(sha256);
    await page.getByRole('button', { name: 'Sign and anchor' }).click();
    const anchoredCard = page.locator(`section[data-record-id="${recordId}"]`);
    await anchoredCard.getByText('Anchored').waitFor({ timeout: 30_000 });
    const record = await waitFor(
      async () => {
        const found = await apiGet<AnchoredRecord>(`/v1/records/${recordId}`);
        return found.status === 'anchored' && found.txHash ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'the record to be anchored' },
    );
    expect(record).toMatchObject({ recordId, sha256, memberId: 'M-1' });
    await anchoredCard.getByText(record.txHash ?? '').waitFor({ timeout: 15_000 });
    await checkAxe('records (anchored)');

    // The estimate form: a charge that is no amount is refused by the API, and its message shows under it.
    await page.getByRole('link', { name: 'Estimates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Estimates', exact: true }).waitFor();
    await page.getByText('No estimate yet.').waitFor();
    await checkAxe('estimates (none yet)');
    await page.getByLabel('Member').fill('M-1');
    await page.getByLabel('Procedure of line 1').selectOption('99213');
    await page.getByLabel('Charge of line 1').fill('a lot');
    await page.getByRole('button', { name: 'Add a line' }).click();
    await page.getByLabel('Procedure of line 2').selectOption('85025');
    await page.getByLabel('Charge of line 2').fill('25');
    await page.getByRole('button', { name: 'Estimate', exact: true }).click();
    const fieldError = page.locator('.field-invalid .field-error');
    await fieldError.waitFor();
    expect(await fieldError.allTextContents()).toEqual([expect.stringMatching(/charge/)]);
    expect(await page.getByLabel('Charge of line 1').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Charge of line 2').getAttribute('aria-invalid')).toBeNull();
    await checkAxe('estimates (with a field error)');

    await page.getByLabel('Charge of line 1').fill('150.00');
    await page.getByRole('button', { name: 'Estimate', exact: true }).click();
    const made = page.locator('section[aria-labelledby="made-heading"]');
    await made.waitFor({ timeout: 15_000 });
    expect(await page.locator('.field-invalid').count()).toBe(0);
    const estimateId = (await made.getAttribute('data-estimate-id')) ?? '';
    const estimate = await apiGet<Estimate>(`/v1/estimates/${estimateId}`);
    expect(estimate.lines.map(({ code, units, charge }) => ({ code, units, charge }))).toEqual([
      { code: '99213', units: 1, charge: 15000 },
      { code: '85025', units: 1, charge: 2500 },
    ]);
    // Every amount of every line, and the totals, as the API priced them.
    const rows = await made.locator('tbody tr').all();
    expect(rows).toHaveLength(2);
    for (const [index, row] of rows.entries()) {
      const line = estimate.lines[index];
      const cells = await row.locator('td').allTextContents();
      expect(cells.slice(2)).toEqual([
        String(line.units),
        ...[
          line.charge,
          line.allowed,
          line.planPays,
          line.deductible,
          line.copay,
          line.coinsurance,
          line.balanceBill,
          line.patientPays,
          line.providerWriteOff,
        ].map(usd),
      ]);
    }
    const totalCells = await made.locator('tfoot td').allTextContents();
    expect([totalCells[0], totalCells[1], totalCells[2], totalCells[7]]).toEqual(
      [estimate.totals.charge, estimate.totals.allowed, estimate.totals.planPays, estimate.totals.patientPays].map(usd),
    );
    expect(await made.getByRole('heading', { level: 2 }).textContent()).toContain(
      `the patient would pay ${usd(estimate.totals.patientPays)}`,
    );
    await checkAxe('estimates (an estimate made)');

    // The claim from the estimate: prefilled; the clinic adds the diagnosis and cites the anchored record.
    await made.getByRole('link', { name: 'Submit a claim from this estimate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Submit a claim' }).waitFor();
    expect(await page.getByLabel('Date of service').inputValue()).toBe(estimate.plannedDate);
    expect(await page.getByLabel('Procedure of line 2').inputValue()).toBe('85025');
    expect(await page.getByLabel('Charge of line 1').inputValue()).toBe('150.00');
    await checkAxe('claim form');
    await page.getByLabel('Diagnosis codes').fill('J02.9');
    await page.getByLabel('Record id').fill(recordId);
    await page.getByLabel('Record SHA-256').fill(sha256);
    await page.getByRole('button', { name: 'Submit the claim' }).click();
    await page.waitForURL(/\/app\/clinic\/claims\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const claimId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: `Claim for M-1 of ${estimate.plannedDate}` }).waitFor();
    await waitUntilPaid(gateway, claimId, clinic);
    const fact = (term: string) => page.locator('.facts div', { hasText: term }).locator('dd').first();
    await fact('Status').getByText('Paid').waitFor({ timeout: 15_000 });
    const claim = await waitFor(
      async () => {
        const found = await apiGet<Claim>(`/v1/claims/${claimId}`);
        return found.payout?.txHash ? found : undefined;
      },
      { timeoutMs: 15_000, what: 'the payout’s transaction' },
    );

    // Paid as estimated, to the cent, line by line (the API's figures), and the page shows the same.
    expect(claim.totals).toEqual(estimate.totals);
    expect(
      claim.lines.map(({ code, charge, allowed, planPays, patientPays, costSharing }) => ({
        code,
        charge,
        allowed,
        planPays,
        patientPays,
        ...costSharing,
      })),
    ).toEqual(
      estimate.lines.map(({ code, charge, allowed, planPays, patientPays, deductible, copay, coinsurance }) => ({
        code,
        charge,
        allowed,
        planPays,
        patientPays,
        deductible,
        copay,
        coinsurance,
      })),
    );
    expect(await fact('Charged').textContent()).toBe(usd(claim.totals.charge));
    expect(await fact('Allowed').textContent()).toBe(usd(claim.totals.allowed));
    expect(await fact('Plan pays').textContent()).toBe(usd(claim.totals.planPays));
    expect(await fact('Patient pays').textContent()).toBe(usd(claim.totals.patientPays));
    // The payout is what the plan pays, in HCET (a cent is 10^16 base units: one token per dollar).
    const payout = claim.payout as NonNullable<Claim['payout']>;
    expect(BigInt(payout.amount)).toBe(BigInt(claim.totals.planPays) * 10n ** 16n);
    const payoutShown = hcet(payout.amount, payout.token);
    await page.locator('.payout').getByText(payoutShown).waitFor({ timeout: 15_000 });
    await page
      .locator('.payout')
      .getByText(payout.txHash ?? '')
      .waitFor();
    await checkAxe('claim');

    // The claims list: status, payout amount and transaction hash.
    await page.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Claims', exact: true }).waitFor();
    const row = page.locator(`tr[data-claim-id="${claimId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('td').allTextContents()).toEqual([
      estimate.plannedDate,
      'M-1',
      'Paid',
      usd(claim.totals.charge),
      usd(claim.totals.planPays),
      payoutShown,
      payout.txHash,
      expect.stringMatching(/^Details/),
    ]);
    await checkAxe('claims');
    await saveScreenshot(page, repoRoot(), 'clinic');

    // A claim id that is not the clinic's: the API answers 404, the page says not found.
    await page.goto(`${gateway}/app/clinic/claims/${randomUUID()}`);
    await page.getByRole('heading', { level: 1, name: 'Claim not found' }).waitFor();
    await checkAxe('claim not found');

    journey.finish(
      `estimate ${usd(estimate.totals.charge)} charged, plan pays ${usd(estimate.totals.planPays)}, patient pays ${usd(estimate.totals.patientPays)}; ` +
        `paid ${payoutShown} in ${payout.txHash}`,
    );
  }, 300_000);
});
