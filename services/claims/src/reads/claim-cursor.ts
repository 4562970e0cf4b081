/**
 * The list cursor: the (submittedAt, id) of the last claim on the page, base64url-encoded so callers
 * treat it as opaque. Lists run newest first with the id as tie-break, so the order is stable while
 * new claims arrive.
 */
export interface ClaimCursor {
  submittedAt: Date;
  id: string;
}

export function encodeCursor(cursor: ClaimCursor): string {
  return Buffer.from(JSON.stringify([cursor.submittedAt.toISOString(), cursor.id])).toString('base64url');
}

/** Null when the text is not a cursor this service issued. */
export function decodeCursor(text: string): ClaimCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return null;
    const submittedAt = new Date(at);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    if (Number.isNaN(submittedAt.getTime()) || !uuid.test(id)) return null;
    return { submittedAt, id };
  } catch {
    return null;
  }
}
