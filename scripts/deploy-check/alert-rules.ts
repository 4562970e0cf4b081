import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { at, describe, type Finding, type K8sObject } from './manifest.js';

export type RulesOutcome = { checked: number; tested: number; findings: Finding[] } | { skipped: string };

/**
 * `promtool check rules` on every PrometheusRule's groups, then `promtool test rules` on each of `testFiles`,
 * when promtool is installed (Debian: prometheus). Each rule's groups are written to `<metadata.name>.yaml` in
 * a temporary folder and the test files are copied beside them, so a test names its rules by the
 * PrometheusRule's name (`rule_files: [healthclaims-alerts.yaml]`).
 */
export function checkAlertRules(
  objects: K8sObject[],
  testFiles: string[] = [],
  promtool = findPromtool(),
): RulesOutcome {
  const rules = objects.filter((object) => object.kind === 'PrometheusRule');
  if (!rules.length) return { checked: 0, tested: 0, findings: [] };
  if (!promtool) return { skipped: 'promtool not installed (apt-get install prometheus): alert rules not checked' };
  const folder = mkdtempSync(join(tmpdir(), 'deploy-check-rules-'));
  try {
    const findings: Finding[] = [];
    for (const rule of rules) {
      const file = join(folder, `${rule.metadata.name}.yaml`);
      writeFileSync(file, stringify({ groups: at(rule, 'spec.groups') ?? [] }));
      const failure = runPromtool(promtool, ['check', 'rules', file], folder);
      if (failure) findings.push({ subject: describe(rule), problem: `promtool check rules: ${failure}` });
    }
    // Tests run only on rules that load: a broken rule is reported once, above.
    if (!findings.length) {
      for (const testFile of testFiles) {
        const copy = join(folder, basename(testFile));
        copyFileSync(testFile, copy);
        const failure = runPromtool(promtool, ['test', 'rules', copy], folder);
        if (failure) findings.push({ subject: basename(testFile), problem: `promtool test rules: ${failure}` });
      }
    }
    return { checked: rules.length, tested: testFiles.length, findings };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs promtool in `folder`; returns its output on failure (the temporary folder's path left out), else undefined. */
function runPromtool(promtool: string, args: string[], folder: string): string | undefined {
  try {
    execFileSync(promtool, args, { cwd: folder, stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const detail = `${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`.trim() || String(error);
    return detail.replaceAll(`${folder}/`, '');
  }
}

function findPromtool(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
