import { decodeProcedureCursor, encodeProcedureCursor } from './procedure-cursor.js';

describe('the cursor of the procedure table', () => {
  it('resumes after the last code of the page', () => {
    expect(decodeProcedureCursor(encodeProcedureCursor('99213'))).toBe('99213');
  });

  it('is refused when this service did not issue it', () => {
    const base64url = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of ['', 'not a cursor', encodeProcedureCursor("99213' OR 1=1"), base64url('99213'), '12345']) {
      expect(decodeProcedureCursor(cursor)).toBeNull();
    }
  });
});
