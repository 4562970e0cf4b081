import { spawnSync } from 'node:child_process';

/** Where `promtool` is (Debian's prometheus package, which .ci/run installs), or undefined. */
export function findPromtool(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

/**
 * `promtool check metrics` on a Prometheus text exposition: the lines it flags (metric names, suffixes,
 * help), none when it is clean. Throws when promtool cannot run at all.
 */
export function promtoolMetricFindings(promtool: string, exposition: string): string[] {
  const run = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error) throw run.error;
  const findings = `${run.stdout}${run.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (run.status !== 0 && findings.length === 0) throw new Error(`promtool check metrics exited ${run.status}`);
  return findings;
}
