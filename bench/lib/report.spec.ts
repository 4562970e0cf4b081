import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, resolveConfig } from 'prettier';
import { updateBenchmarksPage } from './report.js';

describe('the benchmarks page', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bench-page-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces a scenario's own section and keeps the others and any prose", async () => {
    const page = join(dir, 'benchmarks.md');
    await updateBenchmarksPage(page, 'claim-intake', '## Intake\n\n100 claims/s');
    await updateBenchmarksPage(page, 'estimates', '## Estimates\n\n50 estimates/s');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\nA note written by hand.\n`);
    await updateBenchmarksPage(page, 'claim-intake', '## Intake\n\n120 claims/s');
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('120 claims/s');
    expect(text).not.toContain('100 claims/s');
    expect(text).toContain('50 estimates/s');
    expect(text).toContain('A note written by hand.');
    expect(text.indexOf('120 claims/s')).toBeLessThan(text.indexOf('50 estimates/s'));
  });

  it('writes the page as Prettier would, so npm run lint stays green after a run', async () => {
    const page = join(dir, 'benchmarks.md');
    await updateBenchmarksPage(page, 'claim-intake', '## Intake\n| a | b |\n|---|---|\n| 1 | 22 |');
    const text = readFileSync(page, 'utf8');
    expect(await check(text, { ...((await resolveConfig(page)) ?? {}), filepath: page })).toBe(true);
  });
});
