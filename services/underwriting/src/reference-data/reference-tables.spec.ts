import { lastPairPerKey } from './ncci-table.js';

describe('lastPairPerKey', () => {
  it('keeps the last of pairs repeated with the same key', () => {
    const pair = {
      column1: '93000',
      column2: '93010',
      effectiveDate: '2024-01-01',
      deletionDate: null,
      modifierIndicator: 0 as const,
    };
    const deleted = { ...pair, deletionDate: '2025-01-01' };
    const other = { ...pair, effectiveDate: '2025-04-01' };
    expect(lastPairPerKey([pair, other, deleted])).toEqual({ pairs: [other, deleted], duplicates: 1 });
  });
});
