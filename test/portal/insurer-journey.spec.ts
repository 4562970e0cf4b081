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
interface StatusTotals {
  status: string;
  currency: string | null;
  count: number;
  billed: number;
  allowed: number;
  planPays: number;
  patientPays: number;
}
interface Member {
  id: string;
  name: string;
  planId: string;
  coverageStart: string;
  coverageEnd: string | null;
  status: string;
}
interface Plan {
  id: string;
  name: string;
  deductible: number;
  oopMax: number;
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
 * submits is paid (the totals by status equal the API's summary and the list summed), find that claim under
 * paid with its payout's transaction, list the members, open one, read the plans' terms; no
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

    // Claims by status: one paid, with the API's amounts; the summary the page shows is the list summed.
    const paidRow = page.locator('tr[data-status="paid"]');
    await paidRow.waitFor({ timeout: 15_000 });
    const paidList = await apiGet<{ items: Claim[] }>('/v1/claims?status=paid&limit=500', insurer);
    expect(paidList.items.map((item) => item.id)).toEqual([id]);
    const summary = await apiGet<{ items: StatusTotals[] }>('/v1/claims/summary', insurer);
    expect(summary.items).toEqual([
      {
        status: 'paid',
        currency: 'USD',
        count: 1,
        billed: claim.totals.charge,
        allowed: claim.totals.allowed,
        planPays: claim.totals.planPays,
        patientPays: claim.totals.patientPays,
      },
    ]);
    const paidTotals = summary.items[0];
    expect((await paidRow.locator('td').allTextContents()).slice(0, 5)).toEqual([
      'Paid',
      String(paidTotals.count),
      usd(paidTotals.billed),
      usd(paidTotals.planPays),
      usd(paidTotals.patientPays),
    ]);
    expect(await page.locator('tbody tr[data-status]').count()).toBe(summary.items.length);
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

    // Members, read-only: the members the stack seeds, as the API lists them; filtered by plan and status.
    const members = await apiGet<{ items: Member[] }>('/v1/members?limit=500', insurer);
    expect(members.items.map((member) => member.id).sort()).toEqual(['M-1', 'M-2']);
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    for (const member of members.items) {
      const row = page.locator(`tr[data-member-id="${member.id}"]`);
      await row.waitFor();
      expect(await row.locator('td').allTextContents()).toEqual([
        member.id,
        member.name,
        member.planId,
        `${member.coverageStart} to ${member.coverageEnd ?? 'open-ended'}`,
        'Active',
      ]);
    }
    expect(await page.locator('tr[data-member-id]').count()).toBe(members.items.length);
    await checkAxe('members');
    await page.getByLabel('Plan').selectOption('PLAN-1');
    await page.waitForURL(`${gateway}/app/insurer/members?planId=PLAN-1`);
    await page.locator('tr[data-member-id="M-1"]').waitFor();
    await page.getByLabel('Status').selectOption('cancelled');
    await page.waitForURL(`${gateway}/app/insurer/members?planId=PLAN-1&status=cancelled`);
    await page.getByText('No member matches these filters.').waitFor();
    await checkAxe('members (PLAN-1, cancelled: none)');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Plan').selectOption('');

    // A member's page: the enrolment and, as before, the coverage today with the plan and the plan year.
    await page.getByRole('link', { name: 'M-1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Member M-1' }).waitFor();
    expect(page.url()).toBe(`${gateway}/app/insurer/members/M-1`);
    const m1 = members.items.find((member) => member.id === 'M-1')!;
    await page.getByRole('heading', { level: 2, name: m1.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^On \d{4}-\d{2}-\d{2}: covered$/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: /\(PLAN-1\)$/ }).waitFor();
    const eligibility = await apiGet<{ accumulators: { planPaid: number } }>('/v1/members/M-1/eligibility', insurer);
    expect(await page.locator('[data-plan-year] div', { hasText: 'Plan paid' }).locator('dd').textContent()).toBe(
      usd(eligibility.accumulators.planPaid),
    );
    await checkAxe('member (M-1)');

    // A member of no plan of INS-1 is not found.
    await page.getByRole('link', { name: 'All members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByLabel('Member id').fill('M-404');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: 'Member M-404' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/Could not load the member/)
      .waitFor();
    await checkAxe('member (not found)');

    // Plans, read-only: the plan the stack seeds, with its terms as the API gives them.
    const plans = await apiGet<{ items: Plan[] }>('/v1/plans', insurer);
    expect(plans.items.map((plan) => plan.id)).toEqual(['PLAN-1']);
    const plan1 = plans.items[0];
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    const planCard = page.locator('[data-plan-id="PLAN-1"]');
    await planCard.getByRole('heading', { level: 2, name: `${plan1.name} (PLAN-1)` }).waitFor();
    const fact = (name: string) => planCard.locator('.facts div', { hasText: name }).locator('dd').textContent();
    expect(await fact('Deductible per year')).toBe(usd(plan1.deductible));
    expect(await fact('Out-of-pocket maximum')).toBe(usd(plan1.oopMax));
    await checkAxe('plans');

    journey.finish(
      `escrow ${shownBefore} → ${shownAfter} (paid ${hcet(payout.amount)}, ${payout.amount} base units, tx ${payout.txHash})`,
    );
  }, 300_000);
});
