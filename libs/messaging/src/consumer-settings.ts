import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

/** How one durable consumer delivers, retries and batches. */
export interface ConsumerSettings {
  /** Redelivery after this long without an ack (a crashed or stuck handler). */
  ackWaitMs: number;
  /** Deliveries before the message goes to the dead-letter stream. */
  maxDeliver: number;
  /** Unacknowledged messages the server lets this consumer hold. */
  maxAckPending: number;
  /** Messages committed together in one transaction when they are waiting. */
  batchSize: number;
  /** Nak delay schedule after a handler failed. */
  backoff: BackoffOptions;
}

export type ConsumerOptions = Partial<Omit<ConsumerSettings, 'backoff'>> & { backoff?: Partial<BackoffOptions> };

export const DEFAULT_CONSUMER_SETTINGS: ConsumerSettings = {
  ackWaitMs: 30_000,
  maxDeliver: 5,
  maxAckPending: 1000,
  batchSize: 50,
  backoff: DEFAULT_BACKOFF,
};

/** Per-handler options over module defaults over library defaults. */
export function resolveConsumerSettings(...layers: (ConsumerOptions | undefined)[]): ConsumerSettings {
  let settings = DEFAULT_CONSUMER_SETTINGS;
  for (const layer of layers) {
    if (!layer) continue;
    const { backoff, ...rest } = layer;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    settings = { ...settings, ...defined, backoff: { ...settings.backoff, ...backoff } };
  }
  if (settings.maxDeliver < 1) throw new Error('maxDeliver must be at least 1');
  if (settings.batchSize < 1) throw new Error('batchSize must be at least 1');
  return settings;
}
