/**
 * The queue's cursor: (createdAt, id) of the last flag on the page, base64url-encoded so callers treat
 * it as opaque. The queue runs newest first with the id as tie-break, a stable order while flags arrive.
 */
export interface FlagCursor {
  createdAt: Date;
  id: string;
}

export function encodeFlagCursor(cursor: FlagCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Null when the text is not a cursor this service issued. */
export function decodeFlagCursor(text: string): FlagCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return null;
    const createdAt = new Date(at);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    if (Number.isNaN(createdAt.getTime()) || !uuid.test(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
