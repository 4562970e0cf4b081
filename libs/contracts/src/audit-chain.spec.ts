import { auditRowHash, canonicalAuditText, findChainBreak, GENESIS_HASH, type AuditRowFields } from './audit-chain.js';

const aRow = (change: Partial<AuditRowFields> = {}): AuditRowFields => ({
  seq: '1',
  atMicros: '1796540000123456',
  subject: 'nurse-7',
  role: 'clinic',
  org: 'P-1',
  action: 'read',
  resource: 'claim',
  resourceIds: ['c-1'],
  memberIds: ['M-1'],
  route: 'GET /v1/claims/:id',
  status: 200,
  requestId: 'req-1',
  prevHash: GENESIS_HASH,
  ...change,
});

describe('the canonical text of an audit row', () => {
  it('prefixes every field with its UTF-8 byte length and marks a null apart from an empty text', () => {
    expect(canonicalAuditText(aRow({ org: null }))).toContain('|6:clinic|-|4:read|');
    expect(canonicalAuditText(aRow({ org: '' }))).toContain('|6:clinic|0:|4:read|');
    expect(canonicalAuditText(aRow({ subject: 'Zoë' }))).toContain('|4:Zoë|');
  });

  it('does not let separators inside values make two different rows read alike', () => {
    const joined = aRow({ resourceIds: ['a,b'] });
    const split = aRow({ resourceIds: ['a', 'b'] });
    expect(canonicalAuditText(joined)).not.toBe(canonicalAuditText(split));
    const shifted = aRow({ subject: 'x|6:clinic', role: '' });
    expect(canonicalAuditText(shifted)).not.toBe(canonicalAuditText(aRow({ subject: 'x' })));
  });

  it('writes an empty list as a count of zero', () => {
    expect(canonicalAuditText(aRow({ memberIds: [] }))).toContain('|0[]|');
  });

  it('changes the hash when any field changes', () => {
    const base = auditRowHash(aRow());
    expect(auditRowHash(aRow({ status: 404 }))).not.toBe(base);
    expect(auditRowHash(aRow({ atMicros: '1796540000123457' }))).not.toBe(base);
    expect(auditRowHash(aRow({ prevHash: 'f'.repeat(64) }))).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the chain check', () => {
  const chain = (count: number) => {
    const rows: (AuditRowFields & { hash: string })[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq += 1) {
      const row = aRow({ seq: String(seq), prevHash, requestId: `req-${seq}` });
      const hash = auditRowHash(row);
      rows.push({ ...row, hash });
      prevHash = hash;
    }
    return rows;
  };

  it('accepts an intact chain and reports each recomputed head', () => {
    const heads: string[] = [];
    expect(findChainBreak(chain(3), undefined, (seq) => heads.push(String(seq)))).toBeNull();
    expect(heads).toEqual(['1', '2', '3']);
  });

  it('names an altered row', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1], status: 404 };
    expect(findChainBreak(rows)).toEqual({ seq: '2', problem: 'hash mismatch (altered or inserted by hand)' });
  });

  it('names a deleted row', () => {
    const rows = chain(3);
    rows.splice(1, 1);
    expect(findChainBreak(rows)?.seq).toBe('2');
  });
});
