import type { EstimateView } from '#libs/contracts';

/** An opaque list cursor: the last estimate's creation time and id. */
export function encodeCursor(estimate: EstimateView): string {
  return Buffer.from(`${estimate.createdAt}|${estimate.id}`).toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (rest.length > 0 || !createdAt || !id) return null;
  if (Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { createdAt, id };
}
