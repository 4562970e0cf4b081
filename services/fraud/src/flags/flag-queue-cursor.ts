import type { FlagSort } from '#libs/contracts';
import {
  decodePageCursor,
  decodeRankedPageCursor,
  encodePageCursor,
  encodeRankedPageCursor,
  type PageCursor,
  type RankedPageCursor,
} from '#libs/rpc';

/** Where a queue page starts: after the last flag of the previous page, in the page's own order. */
export type QueueStart = { sort: 'newest'; after?: PageCursor } | { sort: 'score'; after?: RankedPageCursor };

/** The last flag of a page, as the store read it. */
export interface QueueEnd {
  id: string;
  score: number;
  /** created_at to the microsecond, as text: flags screened in one transaction share their `now()`. */
  exactCreatedAt: string;
}

/**
 * The start of the page the cursor asks for, or why it cannot be one. A cursor made for the other sort
 * is refused by name: read in this order it would start at the wrong place and skip or repeat flags.
 */
export function queueStart(sort: FlagSort, cursor: string | undefined): QueueStart | { refused: string } {
  if (cursor === undefined) return { sort };
  const byTime = decodePageCursor(cursor);
  if (byTime) return sort === 'newest' ? { sort, after: byTime } : madeForAnother('newest');
  const byScore = decodeRankedPageCursor(cursor);
  // A score is 0–100 (a smallint column): any other rank is no cursor we issued, and would fail the query.
  const scored = byScore?.order === 'score' && byScore.rank >= 0 && byScore.rank <= 100 ? byScore : null;
  if (scored) return sort === 'score' ? { sort, after: scored } : madeForAnother('score');
  return { refused: 'cursor must be a cursor returned by a previous page' };
}

function madeForAnother(sort: FlagSort): { refused: string } {
  return { refused: `cursor was made for sort=${sort}: ask with sort=${sort}, or without a cursor for the first page` };
}

export function queueCursor(sort: FlagSort, last: QueueEnd): string {
  return sort === 'score'
    ? encodeRankedPageCursor({ order: 'score', rank: last.score, at: last.exactCreatedAt, id: last.id })
    : encodePageCursor({ at: last.exactCreatedAt, id: last.id });
}
