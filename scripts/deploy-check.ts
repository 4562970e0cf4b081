/**
 * `npm run deploy:check`: renders every overlay of deploy/k8s with `kubectl kustomize`, validates each
 * object against its schema offline (deploy-check/schemas.ts), checks the deployment policy (probes,
 * limits, non-root, pinned images, network policies, no secret values), runs `promtool check rules` on the
 * alert rules where promtool is installed and `promtool test rules` on an overlay's alerts.test.yaml (the
 * rules' unit tests), lints the Dockerfile and checks the Grafana dashboards of deploy/grafana. Prints a summary; exits 1 on any
 * finding, each named by overlay, object and problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAlertRules } from './deploy-check/alert-rules.js';
import { checkDockerfile } from './deploy-check/dockerfile.js';
import { checkDashboard } from './deploy-check/grafana-dashboards.js';
import { parseManifests, type Finding } from './deploy-check/manifest.js';
import { checkPolicy } from './deploy-check/policy.js';
import { SchemaValidator } from './deploy-check/schemas.js';

/** Overlays and whether each may carry Secrets marked as public development values. */
const OVERLAYS = [
  { name: 'dev', allowDevelopmentSecrets: true },
  { name: 'production', allowDevelopmentSecrets: false },
];

// Compiled to dist/scripts/deploy-check.js: the repository is two folders up.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The overlay's alert unit tests (`promtool test rules`), if it has any. */
function alertTests(overlay: string): string[] {
  const file = join(root, 'deploy', 'k8s', 'overlays', overlay, 'alerts.test.yaml');
  return existsSync(file) ? [file] : [];
}

function render(overlay: string): string {
  return execFileSync('kubectl', ['kustomize', join(root, 'deploy', 'k8s', 'overlays', overlay)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const validator = new SchemaValidator(join(root, 'deploy', 'schemas'));
  const failures: string[] = [];
  const report = (scope: string, findings: Finding[]) =>
    failures.push(...findings.map((finding) => `${scope}: ${finding.subject}: ${finding.problem}`));
  for (const overlay of OVERLAYS) {
    let text: string;
    try {
      text = render(overlay.name);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      failures.push(`${overlay.name}: kubectl kustomize failed: ${stderr.trim()}`);
      continue;
    }
    const objects = parseManifests(text, `overlay ${overlay.name}`);
    const schema = await validator.validate(objects);
    const policy = checkPolicy(objects, overlay);
    const rules = checkAlertRules(objects, alertTests(overlay.name));
    report(overlay.name, [...schema.findings, ...policy]);
    const kinds = new Map<string, number>();
    for (const object of objects) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
    const byKind = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ');
    console.log(`${overlay.name}: ${objects.length} objects (${byKind})`);
    console.log(`  schemas: ${schema.validated - schema.findings.length}/${schema.validated} valid`);
    console.log(`  policy: ${policy.length ? `${policy.length} finding(s)` : 'passed'}`);
    if ('skipped' in rules) {
      console.log(`  alert rules: ${rules.skipped}`);
    } else if (rules.checked) {
      report(overlay.name, rules.findings);
      const tests = rules.tested ? `, promtool test rules on ${rules.tested} file(s)` : '';
      console.log(
        `  alert rules: promtool check rules${tests} ${rules.findings.length ? 'FAILED' : 'passed'} (${rules.checked} PrometheusRule)`,
      );
    }
  }
  const dockerfile = checkDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  report('image', dockerfile);
  console.log(`Dockerfile: ${dockerfile.length ? `${dockerfile.length} finding(s)` : 'passed'}`);
  const grafana = join(root, 'deploy', 'grafana');
  const dashboards = existsSync(grafana) ? readdirSync(grafana).filter((file) => file.endsWith('.json')) : [];
  const dashboardFindings = dashboards.flatMap((file) =>
    checkDashboard(`deploy/grafana/${file}`, readFileSync(join(grafana, file), 'utf8')),
  );
  report('grafana', dashboardFindings);
  console.log(
    `Grafana dashboards: ${dashboardFindings.length ? `${dashboardFindings.length} finding(s)` : 'passed'} (${dashboards.length})`,
  );
  if (failures.length) {
    console.error(`\ndeploy:check FAILED, ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log(`deploy:check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
