import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../portal/repo-root.js';
import { buildStandaloneOpenApiDocument } from './portal-api.js';

/** One finding of a linter, as this test prints it: enough to find and fix it. */
interface Finding {
  rule: string;
  severity: string;
  at: string;
  message: string;
}

interface RedoclyReport {
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

interface SpectralFinding {
  code: string;
  severity: number;
  message: string;
  path: string[];
}

const SPECTRAL_SEVERITIES = ['error', 'warning', 'info', 'hint'];

/** The script a package's command runs (its package.json `bin`), found from the repository's node_modules. */
function commandOf(packageName: string, command: string): string {
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(repoRoot(), 'package.json')).resolve(`${packageName}/package.json`);
  } catch {
    throw new Error(`${packageName} is not installed (a devDependency): run npm ci`);
  }
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), bin[command]);
}

/** Runs a linter's command with Node and answers its stdout, whatever its exit code (findings make it 1). */
function run(script: string, args: string[]): Promise<{ stdout: string; failure: string }> {
  // No usage reports and no update checks from a test (redocly.yaml says so too).
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const options = { cwd: repoRoot(), env, maxBuffer: 64 << 20 };
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], options, (error, stdout, stderr) => {
      resolve({ stdout, failure: `${script} ${args.join(' ')}: ${error?.message ?? ''}\n${stderr}` });
    });
  });
}

function parseReport<T>(text: string, failure: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`no report from ${failure}`);
  }
}

async function redoclyFindings(documentPath: string): Promise<Finding[]> {
  const script = commandOf('@redocly/cli', 'redocly');
  const config = join(repoRoot(), 'redocly.yaml');
  const { stdout, failure } = await run(script, ['lint', documentPath, '--config', config, '--format', 'json']);
  return parseReport<RedoclyReport>(stdout, failure).problems.map((problem) => ({
    rule: problem.ruleId,
    severity: problem.severity,
    at: problem.location[0]?.pointer ?? '',
    message: problem.message,
  }));
}

/** Spectral's JSON goes to a file: on stdout it is followed by a sentence. */
async function spectralFindings(documentPath: string): Promise<Finding[]> {
  const script = commandOf('@stoplight/spectral-cli', 'spectral');
  const ruleset = join(repoRoot(), '.spectral.yaml');
  const output = join(dirname(documentPath), 'spectral.json');
  const { failure } = await run(script, ['lint', documentPath, '--ruleset', ruleset, '-f', 'json', '-o', output]);
  const text = existsSync(output) ? readFileSync(output, 'utf8') : '';
  return parseReport<SpectralFinding[]>(text, failure).map((finding) => ({
    rule: finding.code,
    severity: SPECTRAL_SEVERITIES[finding.severity] ?? String(finding.severity),
    at: finding.path.join('.'),
    message: finding.message,
  }));
}

/**
 * Issue 18: the document the gateway serves passes Redocly's and Spectral's OpenAPI rules with no error and
 * no warning (their configurations: redocly.yaml, .spectral.yaml). A finding names its rule and place.
 */
describe('the gateway’s OpenAPI document, linted', () => {
  let directory: string;
  let documentPath: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    documentPath = join(directory, 'openapi.json');
    writeFileSync(documentPath, JSON.stringify(await buildStandaloneOpenApiDocument(), null, 2));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('has nothing for Redocly CLI to report', async () => {
    expect(await redoclyFindings(documentPath)).toEqual([]);
  });

  it('has nothing for Spectral to report', async () => {
    expect(await spectralFindings(documentPath)).toEqual([]);
  });
});
