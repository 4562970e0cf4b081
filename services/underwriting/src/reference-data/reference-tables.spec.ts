import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastPairPerKey } from './ncci-table.js';
import { parseProcedures } from './parse-procedures.js';
import { seedFolder } from './seed-folder.js';

describe('seedFolder', () => {
  it('finds services/underwriting/seed from the sources and from a dist/ tree', () => {
    const fromSources = seedFolder();
    expect(fromSources).toMatch(/services\/underwriting\/seed$/);
    const root = fromSources.replace(/services\/underwriting\/seed$/, '');
    const fromDist = seedFolder(`file://${join(root, 'dist/services/underwriting/src/reference-data/seed-folder.js')}`);
    expect(fromDist).toBe(fromSources);
  });
});

describe('parseProcedures', () => {
  it('reads the seed procedure table', () => {
    const { rows, problems } = parseProcedures(readFileSync(join(seedFolder(), 'procedures.csv'), 'utf8'));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(38);
    expect(rows[0]).toEqual({
      code: '99202',
      category: 'office_visit',
      description: 'New patient office visit - straightforward',
      typicalMinutes: 20,
      mueUnitsPerDay: 1,
    });
  });

  it('reports bad rows by line and a wrong header at once', () => {
    const text = 'code,category,description,typical_minutes,mue_units_per_day\n99213,office_visit,Visit,20,x\n';
    expect(parseProcedures(text).problems).toEqual([{ line: 2, message: 'MUE "x" is not a whole number' }]);
    expect(parseProcedures('code,category\n').problems).toHaveLength(1);
  });
});

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
