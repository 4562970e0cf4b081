import { z } from 'zod';
import { CLAIM_STATUSES, type ClaimStatus } from '#libs/contracts';
import type { Checked } from '../intake/submission.js';
import { decodePageCursor, type PageCursor } from '#libs/rpc';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const listSchema = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  memberId: z.string().min(1).max(128).optional(),
  providerId: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(512).optional(),
});

export interface ListFilters {
  status?: ClaimStatus;
  memberId?: string;
  providerId?: string;
  limit: number;
  after?: PageCursor;
}

/** The list request's filters, re-checked here (API.md: limit default 50, max 500; an opaque cursor). */
export function parseListFilters(payload: unknown): Checked<ListFilters> {
  const parsed = listSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    return { ok: false, error: { code: 'VALIDATION', detail: 'invalid list query', errors } };
  }
  const { cursor, limit, ...filters } = parsed.data;
  const after = cursor === undefined ? undefined : decodePageCursor(cursor);
  if (after === null) {
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        detail: 'invalid cursor',
        errors: [{ field: 'cursor', message: 'not a cursor from this list' }],
      },
    };
  }
  return { ok: true, value: { ...filters, limit: limit ?? DEFAULT_PAGE_SIZE, after } };
}
