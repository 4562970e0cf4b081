import {
  axeViolations,
  launchChromium,
  repoRoot,
  saveScreenshot,
  seriousOrCritical,
  testNamespace,
  waitFor,
  type AxeViolation,
  type Browser,
} from '#libs/testing';
import { sampleClaim } from '../../scripts/stack/banner.js';
import {
  cleanUpStack,
  isolatedStackEnv,
  printedClinicHeaders,
  startStack,
  waitUntilPaid,
  type StackRun,
} from '../../scripts/test/stack-harness.js';

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

const usd = (minorUnits: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minorUnits / 100);

/** HCET has 18 decimals; the page shows two of them. */
const HUNDREDTH = 10n ** 16n;
/** Base units as the page should show them: "1,000,000.00 HCET" (truncated to the hundredth). */
const hcet = (baseUnits: string) => {
  const hundredths = BigInt(baseUnits) / HUNDREDTH;
  return `${(hundredths / 100n).toLocaleString('en-US')}.${(hundredths % 100n).toString().padStart(2, '0')} HCET`;
};
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
  const namespace = testNamespace('portal');
  let stack: StackRun | undefined;
  let browser: Browser | undefined;
  const axeByPage: Record<string, AxeViolation[]> = {};

  afterAll(async () => {
    await browser?.close();
    await cleanUpStack(stack, namespace);
  });

  it('signs in, sees the escrow fall by the paid amount and the claim under paid with its transaction', async () => {
    const started = Date.now();
    browser = await launchChromium();
    const env = await isolatedStackEnv(namespace);
    stack = await startStack(env);
    const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    const output = stack.output();
    expect(output).toContain(`${gateway}/app/sign-in?as=insurer`);
    const clinic = printedClinicHeaders(output);
    const insurer = { authorization: `Bearer ${/\n {2}export INSURER=(\S+)/.exec(output)?.[1]}` };
    const apiGet = async <T>(path: string, headers: Record<string, string>): Promise<T> =>
      (await (await fetch(`${gateway}${path}`, { headers })).json()) as T;
    const stackUp = Date.now();

    const { page, problems } = browser;
    const checkAxe = async (name: string) => {
      axeByPage[name] = await axeViolations(page);
      expect({ page: name, violations: seriousOrCritical(axeByPage[name]) }).toEqual({ page: name, violations: [] });
    };
    const escrowShown = page.locator('[data-escrow-balance]');

    // The banner's link lands on the overview: the escrow on chain, as the API reads it.
    await page.goto(`${gateway}/app/sign-in?as=insurer`);
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

    expect(problems).toEqual([]);
    const finished = Date.now();
    const figures = Object.entries(axeByPage).map(
      ([name, violations]) =>
        `  ${name}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact})`).join(', ') : 'no violation'}`,
    );
    process.stdout.write(
      `insurer journey: stack up in ${((stackUp - started) / 1000).toFixed(1)} s, browser journey ${((finished - stackUp) / 1000).toFixed(1)} s\n` +
        `escrow ${shownBefore} → ${shownAfter} (paid ${hcet(payout.amount)}, ${payout.amount} base units, tx ${payout.txHash})\naxe:\n${figures.join('\n')}\n`,
    );
  }, 300_000);
});
