import { databaseFailureKind } from '#libs/persistence';
import type { DeliveryFailures, Unsettled } from './delivery-failures.js';
import { gatherAll, type Gathered, type GatherOptions } from './gather-each.js';
import { gatherTogether } from './gather-together.js';
import type { GatherStep } from './handler.js';
import type { ValidDelivery } from './inbox-transaction.js';

/**
 * Runs the gather steps of a batch (if the registration has one) outside any transaction. A delivery whose
 * gather failed is settled here like a failed handler; an unavailable database holds the whole batch, as a
 * failed commit would.
 */
export async function gatherBatch(
  options: Omit<GatherOptions, 'gather'> & { registration: GatherStep<unknown, unknown> },
  valid: ValidDelivery[],
  failures: Pick<DeliveryFailures, 'failed'>,
): Promise<{ ready: ValidDelivery[] } | { unsettled: Unsettled }> {
  const { gather, gatherBatch: gatherMany } = options.registration;
  if (!valid.length) return { ready: valid };
  let results: Gathered[];
  if (gatherMany) results = await gatherTogether({ ...options, gatherMany }, valid);
  else if (gather) results = await gatherAll({ ...options, gather }, valid);
  else return { ready: valid };
  const errors = results.flatMap((result) => (result.ok ? [] : [result.error]));
  const outage = errors.find((error) => databaseFailureKind(error) === 'unavailable');
  if (outage !== undefined) return { unsettled: { msgs: valid.map(({ msg }) => msg), cause: outage } };
  const ready: ValidDelivery[] = [];
  for (const result of results) {
    if (result.ok) ready.push(result.delivery);
    else await failures.failed(result.delivery.msg, result.error);
  }
  return { ready };
}
