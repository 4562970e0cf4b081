import fc from 'fast-check';
import { UUID_ANY_CASE_PATTERN } from '#libs/contracts';

/**
 * Characters no text of the API may hold (the gateway's FORBIDDEN_CHARACTER): C0 controls but tab and
 * line breaks, DEL, C1 controls, bidirectional overrides and isolates, lone surrogates.
 */
export const forbiddenCharacter = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\ud800', '\udfff'),
  fc
    .integer({ min: 0x00, max: 0x1f })
    .filter((c) => ![9, 10, 13].includes(c))
    .map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
export const hasForbiddenCharacter = (text: string) => FORBIDDEN.test(text);

/** `text` with a forbidden character inserted somewhere. */
export const withForbiddenCharacter = (text: string) =>
  fc
    .tuple(forbiddenCharacter, fc.nat({ max: text.length }))
    .map(([bad, at]) => `${text.slice(0, at)}${bad}${text.slice(at)}`);

/** Names every object inherits, and the ones prototype pollution uses: never fields of the API. */
export const INHERITED_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

/** A field name that `known` does not hold, often one an object inherits. */
export const unknownFieldName = (known: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...INHERITED_NAMES),
    fc.string({ maxLength: 20 }).filter((name) => !known.includes(name)),
  );

/** JSON text nesting `depth` levels, built as text: a value this deep cannot be stringified recursively. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 17, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** 36 characters of `[0-9a-f-]` that are not a UUID, and other strings that are none in any case. */
export const notAUuid = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 36, maxLength: 36 }),
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.uuid().map((uuid) => `${uuid}0`),
    fc.uuid().chain((uuid) => withForbiddenCharacter(uuid)),
  )
  .filter((text) => !UUID_ANY_CASE_PATTERN.test(text) && !['.', '..'].includes(text.trim()));

/** Not an id of the contracts' pattern (`^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$`). */
export const notAnId = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019._:-'), minLength: 65, maxLength: 200 }).map((s) => `A${s}`),
  fc.constantFrom('.', '-', '_', ':').chain((first) => fc.string({ maxLength: 10 }).map((rest) => `${first}A${rest}`)),
  fc.constantFrom(' ', '/', '?', '#', '%', 'é', '😀', '<', '"', ',').map((bad) => `M${bad}1`),
  withForbiddenCharacter('M-1'),
);

/** Text that is not a `YYYY-MM-DD` calendar day. */
export const notADate = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-01-32',
    '26-01-01',
    '2026/01/01',
    '2026-1-1',
    '20260101',
  ),
  fc.constantFrom('today', '2026-01-01T00:00:00Z', ' 2026-01-01', '2026-01-01 ', '+02026-01-01', '0000-01-01'),
  fc.string({ maxLength: 30 }).filter((text) => !/^\d/.test(text) && text !== ''),
);

/** Text that is not an ISO 8601 date-time. */
export const notADateTime = fc.oneof(
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01T00:61:00Z', 'yesterday', 'now'),
  fc.constantFrom('+275760-09-13T00:00:00Z', '2026-01-01T00:00:00+25:00', '2026-01-01Z'),
  fc.string({ maxLength: 30 }).filter((text) => !/^[\d+-]/.test(text) && text !== ''),
);

/** Any JSON value but a string: for a field that takes text. */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Any JSON value but an integer: numbers with a fraction, numeric text, and other types. */
export const notAnInteger = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.integer().map(String),
  fc.constantFrom('1e3', '', '0x10', 'NaN'),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

export const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 0, 1, '', 'yes'),
  fc.array(fc.boolean(), { maxLength: 2 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.boolean(), { maxKeys: 2 }),
);

export const notAnArray = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant({}));
export const notAnObject = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);
