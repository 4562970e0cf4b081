import { ID_PATTERN, UUID_PATTERN } from '#libs/contracts';

/**
 * The opaque cursor of every list reply (API.md, Lists): the (time, id) of the last item on the page,
 * base64url JSON. Lists run in time order with the id as tie-break, a stable order while items arrive.
 */
export interface PageCursor {
  at: Date;
  id: string;
}

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
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
    const time = new Date(at);
    if (!issuable(time) || !CURSOR_ID_PATTERNS[ids].test(id)) return null;
    return { at: time, id };
  } catch {
    return null;
  }
}

/**
 * Only times a stored row can have: JavaScript reads years up to ±275,760, which PostgreSQL refuses
 * (a query error, an outage to the caller) where it should be a cursor this platform never issued.
 */
function issuable(time: Date): boolean {
  const year = time.getUTCFullYear();
  return !Number.isNaN(year) && year >= 1 && year <= 9999;
}
