import { z } from 'zod';

/**
 * Ids of insurers, plans, members, providers, records and estimates (API.md): short, and safe in URLs,
 * logs and on chain. The gateway's class-validator DTOs and the services' schemas both use this one.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const ID_RULE = 'must be 1 to 64 letters, digits, ".", "_", ":" or "-"';
export const entityId = z.string().regex(ID_PATTERN, ID_RULE);

/**
 * A UUID as PostgreSQL and `randomUUID()` write it: lower-case hex. Ids the services mint (claims,
 * estimates, flags) have this form; a string of another form names nothing and never reaches a uuid cast.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The same in either case, as RFC 9562 lets a caller write it (and PostgreSQL reads it). */
export const UUID_ANY_CASE_PATTERN = new RegExp(UUID_PATTERN.source, 'i');

/** A name shown to people: not blank, at most 200 characters, trimmed. */
export const displayName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** `YYYY-MM-DD` that is a real calendar date (rejects 2026-02-30). */
export const isoDate = z.string().refine(isRealDate, { message: 'must be a real date in YYYY-MM-DD form' });

export function isRealDate(value: string): boolean {
  // Year 0000 reads in JavaScript but not in PostgreSQL (no year zero there): a query error, not a date.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Money in the currency's minor unit: a non-negative safe integer (DOMAIN.md, Money). */
export const minorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A procedure code: 5 letters or digits (CPT/HCPCS shape). */
export const procedureCode = z.string().regex(/^[A-Z0-9]{5}$/, 'must be 5 letters or digits');

export const PROCEDURE_CODE_PATTERN = /^[A-Z0-9]{5}$/;

/** An EVM address: 0x and 20 bytes in hex (any case). */
export const chainAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address');

/** A token amount in base units as a decimal string (it exceeds 2^53). */
export const tokenAmount = z.string().regex(/^(0|[1-9][0-9]*)$/, 'must be a non-negative integer as a decimal string');

/** Today in UTC, YYYY-MM-DD: the day "in the past" and "in the future" are measured against. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A service-minted id (UUID_PATTERN): anything else names nothing, so it is not found, not invalid. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);
