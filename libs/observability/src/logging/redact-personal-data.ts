/**
 * Keeps personal data out of logs: any field whose name says it holds a name, a date of birth or
 * death, an address, contact details, a diagnosis, a signature, a credential or a token is replaced,
 * at any depth. Member, claim and provider ids stay: they are pseudonymous and are what an operator
 * needs to follow a case. Field names are compared without case, `_` or `-`.
 *
 * Over-redaction is deliberate: an insurer's `name` or a chain `address` is censored too, so log
 * such values under another key (e.g. `insurerId`, `account`) when they are needed.
 */
export const REDACTED = '[redacted]';

// prettier-ignore
export const PERSONAL_FIELD_NAMES: readonly string[] = [
  // identity
  'name', 'firstName', 'lastName', 'middleName', 'givenName', 'familyName', 'fullName', 'patientName',
  'memberName', 'birthDate', 'dateOfBirth', 'dob', 'dateOfDeath', 'deathDate', 'ssn', 'nationalId',
  // contact
  'address', 'streetAddress', 'street', 'postalCode', 'zip', 'zipCode', 'email', 'phone', 'phoneNumber',
  // health
  'diagnosis', 'diagnoses', 'diagnosisCode', 'diagnosisCodes', 'icd10',
  // credentials and signatures
  'signature', 'token', 'accessToken', 'refreshToken', 'idToken', 'authorization', 'cookie', 'setCookie',
  'password', 'secret', 'apiKey', 'xApiKey', 'privateKey', 'mnemonic',
];

const normalize = (key: string): string => key.replace(/[-_]/g, '').toLowerCase();
const PERSONAL = new Set(PERSONAL_FIELD_NAMES.map(normalize));
/** Deeper than any log context we write; stops runaway walks of large object graphs. */
const MAX_DEPTH = 8;

export function isPersonalField(key: string): boolean {
  return PERSONAL.has(normalize(key));
}

/** A copy of `value` with personal fields censored; the input is never modified. */
export function redactPersonalData<T>(value: T): T {
  return redact(value, 0, new WeakSet()) as T;
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Errors keep their identity for pino's serializer (message and stack are not field data).
  if (value instanceof Error || value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => redact(item, depth + 1, seen))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          isPersonalField(key) ? REDACTED : redact(item, depth + 1, seen),
        ]),
      );
  seen.delete(value);
  return copy;
}
