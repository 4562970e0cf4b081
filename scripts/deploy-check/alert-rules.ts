import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { at, describe, type Finding, type K8sObject } from './manifest.js';

export type RulesOutcome = { checked: number; findings: Finding[] } | { skipped: string };

/** `promtool check rules` on every PrometheusRule's groups, when promtool is installed (Debian: prometheus). */
export function checkAlertRules(objects: K8sObject[], promtool = findPromtool()): RulesOutcome {
  const rules = objects.filter((object) => object.kind === 'PrometheusRule');
  if (!rules.length) return { checked: 0, findings: [] };
  if (!promtool) return { skipped: 'promtool not installed (apt-get install prometheus): alert rules not checked' };
  const folder = mkdtempSync(join(tmpdir(), 'deploy-check-rules-'));
  try {
    const findings: Finding[] = [];
    for (const rule of rules) {
      const file = join(folder, `${rule.metadata.name}.yaml`);
      writeFileSync(file, stringify({ groups: at(rule, 'spec.groups') ?? [] }));
      try {
        execFileSync(promtool, ['check', 'rules', file], { stdio: 'pipe' });
      } catch (error) {
        const output = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
        const detail = `${output}${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}`.trim();
        findings.push({
          subject: describe(rule),
          problem: `promtool check rules: ${detail.replaceAll(file, 'rules')}`,
        });
      }
    }
    return { checked: rules.length, findings };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function findPromtool(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
