import { Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The statuses of a payout not yet in a batch (`payouts_waiting` indexes exactly these). */
const WAITING_STATUSES = ['pending', 'awaiting_funds'] as const;
type WaitingStatus = (typeof WAITING_STATUSES)[number];

interface WaitingRow {
  status: WaitingStatus;
  count: number;
  oldest: number;
}

/**
 * The payout gauges read from the database when /metrics is scraped, so every instance (leader or not)
 * reports the same numbers: alerts take the max, not the sum.
 * - `ledger_payouts_waiting{status}`: payouts not yet in a batch; `awaiting_funds` are held because the
 *   insurer's escrow does not cover them (announced once as INSUFFICIENT_ESCROW, retrying).
 * - `ledger_payouts_oldest_waiting_seconds{status}`: how long the oldest of them was requested ago (0: none).
 * - `ledger_batch_oldest_unconfirmed_seconds`: age of the oldest batch signed but not yet confirmed
 *   (signed, broadcast or mined short of the confirmations); 0 when none is open.
 * A scrape while the database does not answer leaves them empty rather than failing /metrics.
 */
export function registerPayoutGauges(dataSource: DataSource): void {
  replaceGauge(
    'ledger_payouts_waiting',
    'Payouts not yet in a settlement batch, by status',
    ['status'],
    async (gauge) => {
      for (const row of await waitingPayouts(dataSource)) gauge.set({ status: row.status }, row.count);
    },
  );
  replaceGauge(
    'ledger_payouts_oldest_waiting_seconds',
    'Seconds since the oldest payout of each waiting status was requested (0 when none waits)',
    ['status'],
    async (gauge) => {
      for (const row of await waitingPayouts(dataSource)) gauge.set({ status: row.status }, row.oldest);
    },
  );
  replaceGauge(
    'ledger_batch_oldest_unconfirmed_seconds',
    'Seconds since the oldest settlement batch not yet confirmed was signed (0 when none is open)',
    [],
    async (gauge) => gauge.set(await oldestUnconfirmedBatchSeconds(dataSource)),
  );
}

/**
 * `ledger_confirmations_required`: the CONFIRMATIONS a batch waits for before its payouts are paid, beside
 * `ledger_batch_confirmation_blocks` on a dashboard (the depth they were confirmed at).
 */
export function registerConfirmationsRequired(confirmations: number): void {
  replaceGauge(
    'ledger_confirmations_required',
    'Blocks a settlement batch transaction must be deep (its own counted) before its payouts are paid (CONFIRMATIONS)',
    [],
    async (gauge) => gauge.set(confirmations),
  );
}

/** Both waiting statuses, 0 where none waits (an alert needs the series to exist). Walks `payouts_waiting`. */
async function waitingPayouts(dataSource: DataSource): Promise<WaitingRow[]> {
  const rows: WaitingRow[] = await dataSource.query(
    `SELECT status, count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(requested_at))::float8 AS oldest
     FROM payouts WHERE status IN ('pending', 'awaiting_funds') GROUP BY status`,
  );
  return WAITING_STATUSES.map(
    (status) => rows.find((row) => row.status === status) ?? { status, count: 0, oldest: 0 },
  ).map((row) => ({ ...row, oldest: Math.max(0, row.oldest) }));
}

/**
 * The open batches are few (one unmined at a time, each up to the batch size of payouts), and the payout
 * worker reads them every round already: this once-a-scrape read costs nothing beside it.
 */
async function oldestUnconfirmedBatchSeconds(dataSource: DataSource): Promise<number> {
  const rows: { age: number | null }[] = await dataSource.query(
    `SELECT EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age FROM settlement_batches
     WHERE status IN ('signed', 'broadcast', 'mined')`,
  );
  return Math.max(0, rows[0]?.age ?? 0);
}

function replaceGauge(
  name: string,
  help: string,
  labelNames: string[],
  fill: (gauge: Gauge<string>) => Promise<void>,
): void {
  // One gauge per registry: a bridge started later in the same process (tests) replaces an earlier one's.
  if (register.getSingleMetric(name)) register.removeSingleMetric(name);
  new Gauge({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      await fill(this).catch(() => undefined);
    },
  });
}
