import { getAddress, verifyTypedData, type TypedDataDomain, type TypedDataField } from 'ethers';
import { z } from 'zod';
import { parseWith, type FieldError } from '#libs/rpc';

/** Why a signed message is refused: 400 (VALIDATION) for a bad message, 403 (FORBIDDEN) for the wrong signer. */
export type MessageCheck<M> =
  { ok: true; message: M } | { ok: false; code: 'VALIDATION' | 'FORBIDDEN'; detail: string; errors: FieldError[] };

export interface SignedMessageRules<M extends { nonce: number; deadline: number }> {
  schema: z.ZodType<M>;
  /** What the request says the message must carry (ids hashed, addresses registered). */
  expected: Partial<M>;
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  signature: string;
  /** The registered address that must have signed, and who that is, for the message. */
  signer: { address: string; who: string };
  /** The signer's next nonce on the registry, and the chain's time (unix seconds). */
  nextNonce: number;
  now: number;
}

/**
 * Checks a caller's signed EIP-712 message before anything is sent to the chain (API.md, On chain): it must
 * be well formed, say what the request says, be signed by the registered address, be before its deadline and
 * carry the signer's next nonce (a used nonce is a replay).
 */
export function checkSignedMessage<M extends { nonce: number; deadline: number }>(
  raw: unknown,
  rules: SignedMessageRules<M>,
): MessageCheck<M> {
  const parsed = parseWith(z.object({ message: rules.schema }), { message: raw });
  if (!parsed.ok) return refuse('VALIDATION', 'the signed message is malformed', parsed.errors);
  const { message } = parsed.value;
  for (const [key, value] of Object.entries(rules.expected)) {
    const actual = (message as Record<string, unknown>)[key];
    if (!sameValue(actual, value)) {
      return refuse('VALIDATION', 'the signed message does not match the request', [
        { field: `message.${key}`, message: 'does not match the request' },
      ]);
    }
  }
  let recovered: string;
  try {
    recovered = verifyTypedData(rules.domain, rules.types, message, rules.signature);
  } catch {
    return refuse('VALIDATION', 'the signature is not valid', [
      { field: 'signature', message: 'is not a valid signature of the message' },
    ]);
  }
  if (getAddress(recovered) !== getAddress(rules.signer.address)) {
    return refuse('FORBIDDEN', `the message was not signed by the ${rules.signer.who}'s registered address`, [
      { field: 'signature', message: `is not by the ${rules.signer.who}'s registered address` },
    ]);
  }
  if (message.deadline < rules.now) {
    return refuse('VALIDATION', 'the signed message has expired', [
      { field: 'message.deadline', message: 'has passed' },
    ]);
  }
  if (message.nonce !== rules.nextNonce) {
    const problem = message.nonce < rules.nextNonce ? 'has already been used' : 'is not the signer’s next nonce';
    return refuse('VALIDATION', `the nonce ${problem}`, [{ field: 'message.nonce', message: problem }]);
  }
  return { ok: true, message };
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

function refuse<M>(code: 'VALIDATION' | 'FORBIDDEN', detail: string, errors: FieldError[]): MessageCheck<M> {
  return { ok: false, code, detail, errors };
}
