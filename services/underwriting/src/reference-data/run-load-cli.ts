import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { readServiceConfig } from '#libs/config';
import { createDataSource, openAndMigrate } from '#libs/persistence';
import { underwritingMigrations } from '../migrations/index.js';
import { loadReferenceFile, type LoadReport } from './load-reference-file.js';
import { seedReferenceData } from './seed-reference-data.js';

export const USAGE = `Usage: npm run reference:load -- <ncci|mue> <file> [<file> ...]
  ncci  NCCI practitioner PTP files (CMS quarterly layout or ours), comma- or tab-delimited
  mue   practitioner MUE files (CMS layout or our procedures.csv); codes not in the procedure table are skipped
Loads into DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hc_underwriting), migrating it first.
Exit status: 0 all lines loaded, 2 some lines had problems (the others were loaded), 1 nothing could be done.`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Where relative file names are resolved (npm run keeps the caller's directory in INIT_CWD). */
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The reference loader: imports the files one transaction each and reports counts and problem lines. */
export async function runLoadCli(args: readonly string[], io: CliIo): Promise<number> {
  const [kind, ...files] = args;
  if ((kind !== 'ncci' && kind !== 'mue') || files.length === 0) {
    io.err(USAGE);
    return 1;
  }
  let dataSource: DataSource;
  try {
    const config = readServiceConfig('underwriting', io.env);
    dataSource = await openAndMigrate(
      createDataSource({ url: config.databaseUrl, entities: [], migrations: underwritingMigrations, poolSize: 2 }),
    );
  } catch (error) {
    io.err(`cannot open the underwriting database: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let status = 0;
  try {
    // The MUE values land on procedures, so the procedure table must exist first.
    await seedReferenceData(dataSource);
    for (const file of files) {
      const path = resolve(io.cwd, file);
      try {
        const report = await loadReferenceFile(dataSource, kind, await readFile(path, 'utf8'));
        describe(path, report, io);
        if (report.problems.length > 0) status = Math.max(status, 2);
      } catch (error) {
        io.err(`${path}: not loaded: ${error instanceof Error ? error.message : String(error)}`);
        status = 1;
      }
    }
  } finally {
    await dataSource.destroy();
  }
  return status;
}

function describe(path: string, report: LoadReport, io: CliIo): void {
  const counts = [
    `${report.read} read`,
    `${report.inserted} inserted`,
    `${report.updated} updated`,
    `${report.unchanged} unchanged`,
    ...(report.kind === 'mue' ? [`${report.skipped} skipped (not in the procedure table)`] : []),
    ...(report.duplicates > 0 ? [`${report.duplicates} repeated (the last one counts)`] : []),
    `${report.problems.length} with problems`,
  ];
  io.out(`${path} (${report.kind}): ${counts.join(', ')}`);
  for (const problem of report.problems) io.err(`${path}:${problem.line}: ${problem.message}`);
}
