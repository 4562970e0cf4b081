import { getAddress, verifyTypedData, type TypedDataDomain, type TypedDataField } from 'ethers';
import { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Why a signed message is refused: 400 (VALIDATION) for a bad message, 403 (FORBIDDEN) for the wrong signer. */
export type MessageCheck<M> =
  { ok: true; message: M } | { ok: false; code: 'VALIDATION' | 'FORBIDDEN'; detail: string; errors: FieldProblem[] };

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex value');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address');

export const recordAnchorMessage = z.strictObject({
  recordId: bytes32,
  contentHash: bytes32,
  patient: address,
  nonce: uint,
  deadline: uint,
});
export const consentGrantMessage = z.strictObject({
  patient: address,
  insurer: address,
  scope: bytes32,
  expiresAt: uint,
  nonce: uint,
  deadline: uint,
});
export const consentRevokeMessage = z.strictObject({
  patient: address,
  insurer: address,
  scope: bytes32,
  nonce: uint,
  deadline: uint,
});

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
  const parsed = rules.schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: ['message', ...issue.path].join('.'),
      message: issue.message,
    }));
    return refuse('VALIDATION', 'the signed message is malformed', errors);
  }
  const message = parsed.data;
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

function refuse<M>(code: 'VALIDATION' | 'FORBIDDEN', detail: string, errors: FieldProblem[]): MessageCheck<M> {
  return { ok: false, code, detail, errors };
}
