import { isBusUnavailable } from '#libs/messaging';

/**
 * How a request/reply call fails when the bus or the service behind it is not there, as opposed to a
 * bug: nobody subscribes to the subject (the service is down or not yet started), nobody answered in
 * time, or the gateway's own NATS connection is down (closed, draining, reconnecting, refused).
 */
export type BusFailure = 'no-responders' | 'timeout' | 'disconnected';

/** Names of `@nats-io/nats-core` errors and of rxjs' `timeout` error. */
const BY_NAME: Record<string, BusFailure> = {
  NoResponders: 'no-responders',
  NoRespondersError: 'no-responders',
  TimeoutError: 'timeout',
  ClosedConnectionError: 'disconnected',
  DrainingConnectionError: 'disconnected',
  ConnectionError: 'disconnected',
};

/**
 * `@nestjs/microservices`' ClientNats reports in words: an empty reply is NATS' no-responders status;
 * it fails pending requests with 'Connection closed' when the connection goes, and rejects new ones
 * with the string 'Error: Connection lost. Trying to reconnect...' until it is back.
 */
const BY_MESSAGE: [RegExp, BusFailure][] = [
  [/^Empty response\. There are no subscribers/, 'no-responders'],
  [/^(Error: )?Connection (closed|lost)/, 'disconnected'],
];

/** The kind of bus failure `error` is, or null when the call failed for another reason. */
export function busFailureOf(error: unknown, depth = 0): BusFailure | null {
  if (typeof error === 'string') return byMessage(error);
  if (!(error instanceof Error) || depth > 3) return null;
  const named = BY_NAME[error.name];
  if (named) return named;
  // A RequestError wraps what happened to the request (e.g. no responders) as its cause.
  const known = byMessage(error.message) ?? busFailureOf(error.cause, depth + 1);
  // Anything else the messaging library reads as NATS or JetStream being away (a JetStream 503).
  return known ?? (isBusUnavailable(error) ? 'disconnected' : null);
}

function byMessage(message: string): BusFailure | null {
  return BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
