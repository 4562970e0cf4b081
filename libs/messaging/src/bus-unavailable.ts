import { JetStreamApiError } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';

/**
 * True when a bus call failed because NATS or JetStream cannot be reached or answer now (timeout,
 * connection closed or lost, no responders, JetStream 503): worth a 503 and a retry, not a 500.
 */
export function isBusUnavailable(error: unknown): boolean {
  return (
    error instanceof errors.TimeoutError ||
    error instanceof errors.ClosedConnectionError ||
    error instanceof errors.DrainingConnectionError ||
    error instanceof errors.ConnectionError ||
    error instanceof errors.RequestError ||
    error instanceof errors.NoRespondersError ||
    (error instanceof JetStreamApiError && error.status === 503)
  );
}
