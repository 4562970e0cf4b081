import type { RpcReply } from '#libs/contracts';
import { decodePageCursor, encodePageCursor, type CursorIds, type PageCursor } from './page-cursor.js';
import { invalid } from './refusals.js';
import { ok } from './rpc-replies.js';

/** API.md, Lists: 50 items when the caller names no limit. */
export const DEFAULT_PAGE_LIMIT = 50;

export interface PageRequest {
  limit: number;
  after?: PageCursor;
}

/** `limit` and `cursor` of a checked list request, the cursor decoded; a forged cursor is VALIDATION on `cursor`. */
export function pageRequestOf(query: { limit?: number; cursor?: string }, ids: CursorIds): RpcReply<PageRequest> {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  if (query.cursor === undefined) return ok({ limit });
  const after = decodePageCursor(query.cursor, ids);
  if (after === null) return invalid('invalid cursor', [{ field: 'cursor', message: 'not a cursor from this list' }]);
  return ok({ limit, after });
}

/** One page from `limit + 1` rows read: the first `limit`, and the cursor after the last when more follow. */
export function pageOfRows<T>(
  rows: T[],
  limit: number,
  positionOf: (row: T) => { at: string | Date; id: string },
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(positionOf(last)) : null };
}
