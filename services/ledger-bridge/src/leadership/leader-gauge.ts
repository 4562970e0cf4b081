import { Gauge, register } from 'prom-client';

const NAME = 'ledger_signer_leader';

/**
 * `ledger_signer_leader`: 1 on the instance that sends the signer's transactions and indexes the chain,
 * 0 on followers. Summed over the pods it should be 1; 0 for long means no instance can take the lock.
 */
export function leaderGauge(): Gauge {
  // One gauge per registry: an app started later in the same process (tests) replaces an earlier one's.
  if (register.getSingleMetric(NAME)) register.removeSingleMetric(NAME);
  const gauge = new Gauge({
    name: NAME,
    help: 'Whether this ledger-bridge instance is the chain leader (1) or a follower (0)',
  });
  gauge.set(0);
  return gauge;
}
