import { Subjects, type Causation, type EstimateCreated } from '#libs/contracts';
import type { Outbox, PreparedOutboxRow } from '#libs/messaging';

/** The outbox row of `billing.estimate.created.v1`, ready to insert in the estimate's own statement. */
export type OutboxRow = PreparedOutboxRow<EstimateCreated>;

/**
 * The row `Outbox.add` would insert (built by the same `Outbox.prepare`), so that the estimate and
 * its event go in one INSERT statement: atomic without a transaction, which saves the BEGIN and
 * COMMIT round trips on the hot path.
 */
export function estimateCreatedOutboxRow(outbox: Outbox, data: EstimateCreated, causation: Causation): OutboxRow {
  return outbox.prepare(Subjects.estimateCreated, data, causation);
}
