import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, openAndMigrate } from '#libs/persistence';
import { testDatabaseUrl, testNamespace } from '#libs/testing';
import { decideCoverage } from '../src/coverage/decide-coverage.js';
import { underwritingMigrations } from '../src/migrations/index.js';
import { pairsInForce } from '../src/reference-data/ncci-table.js';
import { proceduresByCode } from '../src/reference-data/procedure-table.js';
import { runLoadCli } from '../src/reference-data/run-load-cli.js';

/** A practitioner PTP file in CMS's quarterly layout: copyright lines, then tab-separated columns. */
const cmsPtpFile = (lines: string[]) =>
  [
    'CPT codes, descriptions and other data only are copyright 2025 American Medical Association.',
    'All Rights Reserved.',
    '',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
    ...lines,
  ].join('\r\n');

const QUARTER_1 = cmsPtpFile([
  '93000\t93010\t\t20240101\t*\t0\tMisuse of column two code with column one code',
  '99213\t36415\t\t20240101\t20250101\t0\tStandards of medical / surgical practice', // deleted
  '99214\t36415\t\t20270101\t*\t1\tCPT Manual or CMS manual coding instructions', // not yet effective
  '80061\t36415\t*\t19960101\t*\t9\tMutually exclusive procedures',
  '9921\t36415\t\t20240101\t*\t0\tA broken line',
]);

describe('the reference loader on the real database', () => {
  let dataSource: DataSource;
  let folder: string;
  const databaseUrl = testDatabaseUrl('underwriting', testNamespace('uref'));
  const out: string[] = [];
  const err: string[] = [];
  const load = async (kind: string, name: string, text: string) => {
    await writeFile(join(folder, name), text);
    out.length = 0;
    err.length = 0;
    return runLoadCli([kind, name], {
      env: { DATABASE_URL: databaseUrl },
      cwd: folder,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'uw-reference-'));
    dataSource = await openAndMigrate(
      createDataSource({ url: databaseUrl, entities: [], migrations: underwritingMigrations }),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    await rm(folder, { recursive: true, force: true });
  });

  it('imports an official PTP file with its dates, reporting counts and the broken line', async () => {
    expect(await load('ncci', 'ptp-q1.txt', QUARTER_1)).toBe(2);
    const file = join(folder, 'ptp-q1.txt');
    // 93000/93010 came with the seed already: unchanged.
    expect(out).toEqual([`${file} (ncci): 4 read, 3 inserted, 0 updated, 1 unchanged, 1 with problems`]);
    expect(err).toEqual([`${file}:9: column 1 "9921" is not a 5-character code`]);
    const stored = await dataSource.query(
      `SELECT column1, effective_date::text, deletion_date::text, modifier_indicator
       FROM ncci_pairs WHERE column2 = '36415' ORDER BY column1`,
    );
    expect(stored).toEqual([
      { column1: '80061', effective_date: '1996-01-01', deletion_date: null, modifier_indicator: 9 },
      { column1: '99213', effective_date: '2024-01-01', deletion_date: '2025-01-01', modifier_indicator: 0 },
      { column1: '99214', effective_date: '2027-01-01', deletion_date: null, modifier_indicator: 1 },
    ]);
  });

  it('lets the decision use only the pairs in force on the service date', async () => {
    const inForce = async (date: string) =>
      (await pairsInForce(dataSource.manager, ['36415'], date)).map((pair) => pair.column1).sort();
    expect(await inForce('2024-06-01')).toEqual(['80061', '99213']);
    expect(await inForce('2025-01-01')).toEqual(['80061']);
    expect(await inForce('2027-01-01')).toEqual(['80061', '99214']);

    const decide = async (serviceDate: string) => {
      const lines = [
        { code: '99213', units: 1, modifiers: [] },
        { code: '36415', units: 1, modifiers: [] },
      ];
      const verdicts = decideCoverage({
        memberId: 'M-1',
        providerId: 'P-1',
        serviceDate,
        policy: {
          status: 'active',
          coverageStart: '2020-01-01',
          coverageEnd: null,
          plan: {
            coveredCategories: ['office_visit', 'lab'],
            coveredCodes: [],
            excludedCodes: [],
            preauthCodes: [],
            waitingPeriodDays: 0,
          },
        },
        procedures: await proceduresByCode(dataSource.manager, ['99213', '36415']),
        ncciPairs: await pairsInForce(dataSource.manager, ['99213', '36415'], serviceDate),
        earlierLines: [],
        preauthorization: null,
        lines,
      });
      return verdicts.map((verdict) => (verdict.status === 'covered' ? 'covered' : verdict.reason));
    };
    expect(await decide('2024-06-01')).toEqual(['covered', 'NCCI_UNBUNDLED']);
    expect(await decide('2026-06-01')).toEqual(['covered', 'covered']);
  });

  it('is idempotent, and takes a later quarter’s deletion of an edit as an update', async () => {
    expect(await load('ncci', 'ptp-q1.txt', QUARTER_1)).toBe(2);
    expect(out[0]).toContain('4 read, 0 inserted, 0 updated, 4 unchanged');

    const quarter2 = cmsPtpFile(['80061\t36415\t*\t19960101\t20260701\t9\tMutually exclusive procedures']);
    expect(await load('ncci', 'ptp-q2.txt', quarter2)).toBe(0);
    expect(out[0]).toContain('1 read, 0 inserted, 1 updated, 0 unchanged, 0 with problems');
    expect((await pairsInForce(dataSource.manager, ['36415'], '2026-07-01')).map((pair) => pair.column1)).toEqual([]);
  });

  it('imports an official MUE file onto the procedure table, skipping codes it does not know', async () => {
    const mue = [
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
      '97140,6,"3 Date of Service Edit: Clinical","Nature of Service/Procedure"',
      '99213,1,"2 Date of Service Edit: Policy","Code Descriptor / CPT Instruction"',
      '0001A,2,"2 Date of Service Edit: Policy","Clinical: Data"',
      '97110,lots,"3 Date of Service Edit: Clinical","Nature of Service/Procedure"',
    ].join('\n');
    expect(await load('mue', 'mue.csv', mue)).toBe(2);
    expect(out[0]).toContain('3 read, 0 inserted, 1 updated, 1 unchanged, 1 skipped (not in the procedure table)');
    expect(err).toEqual([`${join(folder, 'mue.csv')}:5: MUE value "lots" is not a whole number`]);
    const procedures = await proceduresByCode(dataSource.manager, ['97140', '99213', '0001A']);
    expect(Object.fromEntries([...procedures].map(([code, procedure]) => [code, procedure.mueUnitsPerDay]))).toEqual({
      '97140': 6,
      '99213': 1,
    });
  });

  it('keeps loaded values when the seed is applied again, and refuses a bad command line', async () => {
    expect(await load('mue', 'mue-again.csv', 'HCPCS/CPT Code,Practitioner Services MUE Values\n97140,6\n')).toBe(0);
    expect(out[0]).toContain('1 unchanged');
    expect(
      await runLoadCli(['prices', 'x.csv'], {
        env: {},
        cwd: folder,
        out: () => undefined,
        err: (line) => err.push(line),
      }),
    ).toBe(1);
    expect(err.at(-1)).toContain('Usage: npm run reference:load');
  });
});
