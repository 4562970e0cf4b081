/**
 * A column holding sealed values, for the background re-encryption: `rowKey` is the column whose
 * text is the row key in `phiContext(table, column, rowKey)`. `jsonb` columns hold the sealed value
 * as a JSON string (an outbox envelope), or, written before encryption, the plaintext JSON itself.
 */
export interface PhiColumn {
  table: string;
  rowKey: string;
  column: string;
  type?: 'text' | 'jsonb';
}
