/**
 * `npm run migrate`: applies every service's migrations and exits, e.g. before a rollout.
 *
 * Each service owns its schema and its migration list, and applies it itself (PersistenceModule, at
 * start). So this script imports no service code: it runs each built service once with MIGRATE_ONLY=1,
 * which its main.ts answers by opening its database (creating it if missing), applying pending
 * migrations and exiting 0. `npm start` needs no separate pass, since every service migrates as it starts.
 */
import { DEV_JWT_SECRET } from '#libs/auth';
import { ConfigError } from '#libs/config';
import { freePort, repoRoot } from '#libs/testing';
import { spawnManaged } from './stack/managed-process.js';
import { describeProblem, preflight } from './stack/preflight.js';
import { builtFiles, missingBuildOutputs } from './stack/service-runner.js';
import { readStackConfig, serviceEnv, STACK_SERVICES, type StackConfig } from './stack/stack-config.js';

const TIMEOUT_MS = 60000;

async function migrateService(root: string, config: StackConfig, service: StackConfig['services'][number]) {
  const output: string[] = [];
  let reason: string | undefined;
  const { main } = builtFiles(root, service.name);
  const env = {
    ...serviceEnv(config, service, `http://127.0.0.1:${config.chainPort}`),
    PORT: String(await freePort()),
    MIGRATE_ONLY: '1',
  };
  const managed = spawnManaged(service.name, process.execPath, [main], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    write: (line) => output.push(line),
    prefixWidth: Math.max(...STACK_SERVICES.map((name) => name.length)),
  });
  // A service that starts serving instead of exiting does not know MIGRATE_ONLY: say so at once.
  const serving = setInterval(() => {
    if (managed.stopRequested()) return;
    void fetch(`http://127.0.0.1:${env.PORT}/health/live`, { signal: AbortSignal.timeout(500) })
      .then(() => {
        if (managed.stopRequested()) return;
        reason = 'it started serving instead of exiting: its main.ts must honour MIGRATE_ONLY=1';
        return managed.stop(5000);
      })
      .catch(() => undefined);
  }, 250);
  const timer = setTimeout(() => {
    reason = `it did not exit within ${TIMEOUT_MS} ms`;
    void managed.stop(3000);
  }, TIMEOUT_MS);
  const how = await managed.exited;
  clearInterval(serving);
  clearTimeout(timer);
  return { service: service.name, ok: how === '0', problem: reason ?? `exit ${how}`, output };
}

async function main(): Promise<number> {
  const root = repoRoot();
  const config = readStackConfig(process.env, DEV_JWT_SECRET);
  const missing = missingBuildOutputs(root, STACK_SERVICES);
  if (missing.length) {
    console.error(`The build is incomplete (run npm run build):\n  ${missing.join('\n  ')}`);
    return 1;
  }
  const problems = await preflight(config.postgresUrl, config.natsUrl);
  if (problems.length) {
    console.error(problems.map(describeProblem).join('\n\n'));
    return 1;
  }
  const results = await Promise.all(config.services.map((service) => migrateService(root, config, service)));
  for (const result of results) {
    if (result.ok) {
      console.log(`${result.service}: migrated`);
    } else {
      console.error(`${result.service}: FAILED, ${result.problem}\n${result.output.join('\n')}`);
    }
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
