import { ContractViolation, validateEnvelope } from '#libs/contracts';
import type { JsMsg } from '@nats-io/jetstream';
import type { DeliveryFailures } from './delivery-failures.js';
import type { ValidDelivery } from './inbox-transaction.js';

/**
 * The messages of a batch whose envelope keeps its subject's contract. One that breaks it goes straight to
 * dead letters: redelivering it cannot help.
 */
export async function validDeliveries(
  batch: JsMsg[],
  subject: string,
  failures: Pick<DeliveryFailures, 'deadLetter'>,
): Promise<ValidDelivery[]> {
  const valid: ValidDelivery[] = [];
  for (const msg of batch) {
    try {
      valid.push({ msg, envelope: validateEnvelope(subject, decode(msg, subject)) });
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      await failures.deadLetter(msg, 'CONTRACT_VIOLATION', error);
    }
  }
  return valid;
}

function decode(msg: JsMsg, subject: string): unknown {
  try {
    return msg.json();
  } catch {
    throw new ContractViolation('BAD_ENVELOPE', subject, 'payload is not JSON');
  }
}
