import { ID_PATTERN, UUID_PATTERN } from '#libs/contracts';

/**
 * The opaque cursor of every list reply (API.md, Lists): the (time, id) of the last item on the page,
 * base64url JSON. Lists run in time order with the id as tie-break, a stable order while items arrive.
 * The time is kept exactly as PostgreSQL keeps it (microseconds): a JavaScript Date rounds it to the
 * millisecond, and the next page would then skip every row between the two, such as the rest of the rows
 * one transaction stored with the same `now()`.
 */
export interface PageCursor {
  /** RFC 3339 in UTC with up to six fraction digits, e.g. `2026-12-06T14:04:26.123456Z`. */
  at: string;
  id: string;
}

/**
 * `at` as the exact text (`exactTimeSql` of the column), or a Date when the column only ever holds what a
 * JavaScript Date wrote (milliseconds), where the two are the same.
 */
export function encodePageCursor(cursor: { at: string | Date; id: string }): string {
  const at = typeof cursor.at === 'string' ? cursor.at : cursor.at.toISOString();
  return Buffer.from(JSON.stringify([at, cursor.id])).toString('base64url');
}

/**
 * What the ids of a list are: `uuid` for what the platform mints (claims, flags), `entity` for what the
 * caller names (plans, members: `ID_PATTERN`).
 */
export type CursorIds = 'uuid' | 'entity';
const CURSOR_ID_PATTERNS: Record<CursorIds, RegExp> = { uuid: UUID_PATTERN, entity: ID_PATTERN };

/** Null when the text is not a cursor this platform issued (the caller answers VALIDATION on `cursor`). */
export function decodePageCursor(text: string, ids: CursorIds = 'uuid'): PageCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return null;
    if (!exactTime(at) || !CURSOR_ID_PATTERNS[ids].test(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/** SQL that reads a timestamptz column as the exact text a cursor keeps (UTC, microseconds). */
export function exactTimeSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * Only times a stored row can have: JavaScript reads years up to ±275,760, which PostgreSQL refuses
 * (a query error, an outage to the caller) where it should be a cursor this platform never issued.
 */
function issuable(time: Date): boolean {
  const year = time.getUTCFullYear();
  return !Number.isNaN(year) && year >= 1 && year <= 9999;
}

/**
 * The cursor of a list in an order other than time (a score, highest first): the last item's rank, its
 * time exactly as PostgreSQL keeps it (microseconds; a JavaScript Date would round it to the millisecond
 * and skip the rows in between) and its id. It names its order, so that a cursor of one order is
 * refused by another instead of silently starting at the wrong place.
 */
export interface RankedPageCursor {
  order: string;
  rank: number;
  /** RFC 3339 in UTC with up to six fraction digits, e.g. `2026-12-06T14:04:26.123456Z`. */
  at: string;
  id: string;
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const ORDER_NAME = /^[a-z]{1,32}$/;

export function encodeRankedPageCursor(cursor: RankedPageCursor): string {
  const { order, rank, at, id } = cursor;
  return Buffer.from(JSON.stringify({ order, rank, at, id })).toString('base64url');
}

/** Null when the text is not a ranked cursor this platform issued, whatever its order. */
export function decodeRankedPageCursor(text: string): RankedPageCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const { order, rank, at, id } = parsed as Record<string, unknown>;
    if (typeof order !== 'string' || !ORDER_NAME.test(order)) return null;
    if (typeof rank !== 'number' || !Number.isSafeInteger(rank)) return null;
    if (typeof at !== 'string' || !exactTime(at)) return null;
    if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return null;
    return { order, rank, at, id };
  } catch {
    return null;
  }
}

/** A real calendar time PostgreSQL accepts: no 31 February (JavaScript would roll it over, PostgreSQL refuses it). */
function exactTime(text: string): boolean {
  if (!EXACT_TIME.test(text)) return false;
  const time = new Date(`${text.slice(0, 19)}Z`);
  return issuable(time) && time.toISOString().slice(0, 19) === text.slice(0, 19);
}
