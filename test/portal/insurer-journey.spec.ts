import { repoRoot, saveScreenshot, waitFor } from '#libs/testing';
import { sampleClaim } from '../../scripts/stack/banner.js';
import { printedClinicHeaders, waitUntilPaid } from '../../scripts/test/stack-harness.js';
import { hcet, PortalJourney, usd } from './support/portal-journey.js';

interface Claim {
  id: string;
  status: string;
  currency: string;
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
  payout?: { status: string; amount: string; token: string; txHash?: string; blockNumber?: number };
}
interface Escrow {
  insurerId: string;
  balance: string;
  token: string;
}

/** HCET has 18 decimals; the page shows two of them. */
const HUNDREDTH = 10n ** 16n;
/** The page's "1,000,000.00 HCET" back in base units. */
const baseUnitsOf = (shown: string) => {
  const match = /^([\d,]+)\.(\d{2}) HCET$/.exec(shown.trim());
  if (!match) throw new Error(`not an HCET amount: ${shown}`);
  return (BigInt((match[1] ?? '').replace(/,/g, '')) * 100n + BigInt(match[2] ?? '')) * HUNDREDTH;
};

/**
 * Issue 15, the insurer's journey in Chromium against the platform started as `npm start` starts it: sign
 * in from the banner's link, read the escrow on chain, watch it fall by exactly what a claim the clinic
 * submits is paid, find that claim under paid with its payout's transaction, look a member's plan up; no
 * serious or critical axe violation on any insurer page, no CSP violation; a screenshot of the main page.
 */
describe('the insurer portal in Chromium', () => {
  const journey = new PortalJourney('insurer');
  afterAll(() => journey.stop());

  it('signs in, sees the escrow fall by the paid amount and the claim under paid with its transaction', async () => {
    await journey.start();
    const { gateway, output, page } = journey;
    const clinic = printedClinicHeaders(output);
    const insurer = journey.printedAuthorization('INSURER');
    const apiGet = async <T>(path: string, headers: Record<string, string>): Promise<T> =>
      (await (await fetch(`${gateway}${path}`, { headers })).json()) as T;
    const checkAxe = (name: string) => journey.checkAxe(name);
    const escrowShown = page.locator('[data-escrow-balance]');

    // The banner's link lands on the overview: the escrow on chain, as the API reads it.
    await page.goto(journey.signInLink);
    await page.getByRole('heading', { level: 1, name: 'Claims and escrow' }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/insurer`);
    await escrowShown.waitFor();
    const before = await apiGet<Escrow>('/v1/ledger/escrow', insurer);
    expect(before).toMatchObject({ insurerId: 'INS-1', token: 'HCET' });
    expect(BigInt(before.balance)).toBeGreaterThan(0n);
    const shownBefore = (await escrowShown.textContent()) ?? '';
    expect(shownBefore).toBe(hcet(before.balance));
    await page.getByText('Your members have no claims yet.').waitFor();
    await checkAxe('overview (no claim yet)');

    // The clinic submits a claim through the API and it is paid from the escrow.
    const submitted = await fetch(`${gateway}/v1/claims`, {
      method: 'POST',
      headers: clinic,
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    await waitUntilPaid(gateway, id, clinic);
    const claim = await apiGet<Claim>(`/v1/claims/${id}`, insurer);
    expect(claim).toMatchObject({ status: 'paid', payout: { status: 'confirmed', token: 'HCET' } });
    const payout = claim.payout!;
    expect(payout.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const paid = BigInt(payout.amount);
    expect(paid).toBeGreaterThan(0n);
    const after = await waitFor(
      async () => {
        const escrow = await apiGet<Escrow>('/v1/ledger/escrow', insurer);
        return escrow.balance !== before.balance && escrow;
      },
      { timeoutMs: 30_000, what: 'the escrow to change on chain' },
    );
    // The API's own numbers: the escrow fell by exactly the payout.
    expect(BigInt(before.balance) - BigInt(after.balance)).toBe(paid);

    // The page follows by itself, and what it shows fell by exactly the payout too.
    await page.locator('[data-escrow-balance]', { hasText: hcet(after.balance) }).waitFor({ timeout: 15_000 });
    const shownAfter = (await escrowShown.textContent()) ?? '';
    expect(shownAfter).toBe(hcet(after.balance));
    expect(paid % HUNDREDTH).toBe(0n); // whole hundredths, so two decimals show the payout exactly
    expect(baseUnitsOf(shownBefore) - baseUnitsOf(shownAfter)).toBe(paid);

    // Claims by status: one paid, with the API's amounts.
    const paidRow = page.locator('tr[data-status="paid"]');
    await paidRow.waitFor({ timeout: 15_000 });
    const paidList = await apiGet<{ items: Claim[] }>('/v1/claims?status=paid&limit=500', insurer);
    expect(paidList.items.map((item) => item.id)).toEqual([id]);
    expect((await paidRow.locator('td').allTextContents()).slice(0, 5)).toEqual([
      'Paid',
      '1',
      usd(claim.totals.charge),
      usd(claim.totals.planPays),
      usd(claim.totals.patientPays),
    ]);
    expect(await page.locator('tbody tr[data-status]').count()).toBe(1);
    await checkAxe('overview');
    await saveScreenshot(page, repoRoot(), 'insurer');

    // The paid claims: the claim with its payout and transaction.
    await paidRow.getByRole('link', { name: 'List the paid claims' }).click();
    await page.getByRole('heading', { level: 1, name: 'Claims: paid' }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/insurer/claims?status=paid`);
    expect(await page.getByLabel('Status').inputValue()).toBe('paid');
    const claimRow = page.locator(`tr[data-claim-id="${id}"]`);
    await claimRow.waitFor();
    const claimCells = await claimRow.locator('td').allTextContents();
    expect(claimCells.slice(0, 6)).toEqual([
      sampleClaim().serviceDate,
      'M-1',
      'P-1',
      'Paid',
      usd(claim.totals.charge),
      usd(claim.totals.planPays),
    ]);
    expect(claimCells[6]).toBe(`Confirmed ${hcet(payout.amount)}${payout.txHash}`);
    await checkAxe('claims (paid)');

    // Another status from the filter: none denied.
    await page.getByLabel('Status').selectOption('denied');
    await page.getByRole('heading', { level: 1, name: 'Claims: denied' }).waitFor();
    await page.getByText('No claim with this status.').waitFor();
    await checkAxe('claims (denied, none)');

    // Payouts: the transaction of the payment, and the amount in HCET.
    await page.getByRole('link', { name: 'Payouts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    const payoutRow = page.locator(`tr[data-claim-id="${id}"]`);
    await payoutRow.waitFor();
    const payoutCells = await payoutRow.locator('td').allTextContents();
    expect(payoutCells.slice(1)).toEqual([
      'P-1',
      'M-1',
      usd(claim.totals.planPays),
      hcet(payout.amount),
      'Confirmed',
      payout.txHash,
      String(payout.blockNumber),
    ]);
    await checkAxe('payouts');

    // Members and plans, read-only: M-1's coverage and plan; a member of no plan of INS-1 is not found.
    await page.getByRole('link', { name: 'Members and plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members and plans' }).waitFor();
    await checkAxe('members (empty)');
    await page.getByLabel('Member id').fill('M-1');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 2, name: /^M-1 on \d{4}-\d{2}-\d{2}: covered$/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: /\(PLAN-1\)$/ }).waitFor();
    const eligibility = await apiGet<{ accumulators: { planPaid: number } }>('/v1/members/M-1/eligibility', insurer);
    expect(await page.locator('.facts div', { hasText: 'Plan paid' }).locator('dd').textContent()).toBe(
      usd(eligibility.accumulators.planPaid),
    );
    await checkAxe('members (M-1)');
    await page.getByLabel('Member id').fill('M-404');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page
      .getByRole('alert')
      .getByText(/Could not look up the member/)
      .waitFor();
    await checkAxe('members (not found)');

    journey.finish(
      `escrow ${shownBefore} → ${shownAfter} (paid ${hcet(payout.amount)}, ${payout.amount} base units, tx ${payout.txHash})`,
    );
  }, 300_000);
});
