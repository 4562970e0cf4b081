import { parseProcedures } from './procedures.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataFolder, shippedProcedures, typicalMinutesByCode } from './shipped-tables.js';

describe('referenceDataFolder', () => {
  it('finds libs/reference-data/data from the sources and from a dist/ tree', () => {
    const fromSources = referenceDataFolder();
    expect(fromSources).toMatch(/libs\/reference-data\/data$/);
    const root = fromSources.replace(/libs\/reference-data\/data$/, '');
    const fromDist = referenceDataFolder(`file://${join(root, 'dist/libs/reference-data/src/shipped-tables.js')}`);
    expect(fromDist).toBe(fromSources);
  });
});

describe('the procedure reference table', () => {
  it('reads code, category, description, typical minutes and MUE, quoted cells included', () => {
    const parsed = parseProcedures(
      'code,category,description,typical_minutes,mue_units_per_day\n99213,office_visit,"Visit, established",20,1\n',
    );
    expect(parsed).toEqual({
      rows: [
        {
          code: '99213',
          category: 'office_visit',
          description: 'Visit, established',
          typicalMinutes: 20,
          mueUnitsPerDay: 1,
        },
      ],
      problems: [],
    });
  });

  it('names the line of a row it cannot read and refuses a wrong header', () => {
    const parsed = parseProcedures('code,category,description,typical_minutes,mue_units_per_day\n9921,lab,x,1,1\n');
    expect(parsed.problems).toEqual([{ line: 2, message: 'code "9921" is not a 5-character code' }]);
    expect(parseProcedures('code,minutes\n').problems[0].message).toMatch(/^header must be/);
  });

  it('ships a table every row of which parses, with typical minutes per code', () => {
    const minutes = typicalMinutesByCode(shippedProcedures());
    expect(minutes.get('99213')).toBeGreaterThan(0);
    expect(minutes.size).toBeGreaterThan(30);
  });

  it('reads the shipped procedure table, first row included', () => {
    const { rows, problems } = parseProcedures(readFileSync(join(referenceDataFolder(), 'procedures.csv'), 'utf8'));
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

  it('reports a bad MUE by line', () => {
    const text = 'code,category,description,typical_minutes,mue_units_per_day\n99213,office_visit,Visit,20,x\n';
    expect(parseProcedures(text).problems).toEqual([{ line: 2, message: 'MUE "x" is not a whole number' }]);
  });
});
