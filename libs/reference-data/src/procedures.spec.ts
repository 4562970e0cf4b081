import { parseProcedures } from './procedures.js';
import { shippedProcedures, typicalMinutesByCode } from './shipped-tables.js';

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
});
