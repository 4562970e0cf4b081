import { PROCEDURE_CODE_PATTERN } from '#libs/contracts';

/** Marks a cursor as this list's: a cursor of another list, or made up, does not read as a code. */
const PREFIX = 'procedures-after:';

/**
 * The cursor of a page of the procedure table: the last code on the page, base64url. The table is listed
 * by code, which is unique, so the code alone resumes it; a cursor that does not decode to a code is not one
 * this service issued (null: VALIDATION on `cursor`).
 */
export function encodeProcedureCursor(lastCode: string): string {
  return Buffer.from(`${PREFIX}${lastCode}`, 'utf8').toString('base64url');
}

export function decodeProcedureCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const code = text.slice(PREFIX.length);
  return PROCEDURE_CODE_PATTERN.test(code) && encodeProcedureCursor(code) === cursor ? code : null;
}
