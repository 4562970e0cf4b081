import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataFolder } from '#libs/reference-data';
import { parseMue } from './parse-mue.js';
import { parseNcciPtp } from './parse-ncci-ptp.js';

const seed = (name: string) => readFileSync(join(referenceDataFolder(), name), 'utf8');

describe('parseNcciPtp', () => {
  it('reads the seed file of the project', () => {
    const { rows, problems } = parseNcciPtp(seed('ncci-ptp.csv'));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(8);
    expect(rows[4]).toEqual({
      column1: '43239',
      column2: '43235',
      effectiveDate: '2024-01-01',
      deletionDate: null,
      modifierIndicator: 1,
    });
  });

  it("reads CMS's tab-delimited quarterly layout after its copyright lines, with deleted rows", () => {
    const cms = [
      'CPT only copyright 2025 American Medical Association. All rights reserved.',
      '',
      'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
      '93000\t93010\t\t20240101\t*\t0\tMisuse of column two code with column one code',
      '97530\t97140\t*\t19960101\t20250401\t1\tStandards of medical / surgical practice',
      '27447\t20610\t\t20270101\t*\t1\tCPT Manual or CMS manual coding instructions',
    ].join('\n');
    const { rows, problems } = parseNcciPtp(cms);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { column1: '93000', column2: '93010', effectiveDate: '2024-01-01', deletionDate: null, modifierIndicator: 0 },
      {
        column1: '97530',
        column2: '97140',
        effectiveDate: '1996-01-01',
        deletionDate: '2025-04-01',
        modifierIndicator: 1,
      },
      { column1: '27447', column2: '20610', effectiveDate: '2027-01-01', deletionDate: null, modifierIndicator: 1 },
    ]);
  });

  it('reports a bad row by line number and keeps the good ones', () => {
    const text =
      'column1,column2,effective_date,deletion_date,modifier_indicator\n93000,93010,2024-01-01,,0\n9300,93010,2024-01-01,,7\n';
    const { rows, problems } = parseNcciPtp(text);
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([{ line: 3, message: 'column 1 "9300" is not a 5-character code' }]);
  });
});

describe('parseMue', () => {
  it("reads CMS's CSV layout with quoted rationale", () => {
    const cms = [
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
      '97140,4,"3 Date of Service Edit: Clinical","Nature of Service/Procedure"',
      'J1100,40,"3 Date of Service Edit: Clinical","Prescribing Information, Data"',
    ].join('\r\n');
    expect(parseMue(cms)).toEqual({
      rows: [
        { code: '97140', mueUnitsPerDay: 4 },
        { code: 'J1100', mueUnitsPerDay: 40 },
      ],
      problems: [],
    });
  });

  it('reads the procedure seed table', () => {
    const { rows, problems } = parseMue(seed('procedures.csv'));
    expect(problems).toEqual([]);
    expect(rows.find((row) => row.code === 'J1100')).toEqual({ code: 'J1100', mueUnitsPerDay: 40 });
    expect(rows).toHaveLength(38);
  });
});
