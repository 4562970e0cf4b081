import { listClaimsPayload, type ClaimStatus, type RpcReply } from '#libs/contracts';
import { decodePageCursor, invalid, parseWith, type PageCursor } from '#libs/rpc';

export const DEFAULT_PAGE_SIZE = 50;

export interface ListFilters {
  status?: ClaimStatus;
  memberId?: string;
  providerId?: string;
  limit: number;
  after?: PageCursor;
}

/** The list request's filters, re-checked here (API.md: limit default 50, max 500; an opaque cursor). */
export function parseListFilters(payload: unknown): RpcReply<ListFilters> {
  const parsed = parseWith(listClaimsPayload, payload);
  if (!parsed.ok) return invalid('invalid list query', parsed.errors);
  const { cursor, limit, ...filters } = parsed.value;
  const after = cursor === undefined ? undefined : decodePageCursor(cursor);
  if (after === null) {
    return invalid('invalid cursor', [{ field: 'cursor', message: 'not a cursor from this list' }]);
  }
  return { ok: true, value: { ...filters, limit: limit ?? DEFAULT_PAGE_SIZE, after } };
}
