import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchSpec } from './supervisor.js';

/** The built entry point of a service and the telemetry preload that must run before it. */
export function builtFiles(root: string, name: string): { main: string; preload: string } {
  return {
    main: join(root, 'dist', 'services', name, 'src', 'main.js'),
    preload: join(root, 'dist', 'libs', 'observability', 'src', 'preload.js'),
  };
}

/** What is missing from the build for these services, as paths (empty when all is there). */
export function missingBuildOutputs(root: string, names: readonly string[]): string[] {
  const files = names.flatMap((name) => Object.values(builtFiles(root, name)));
  return [...new Set(files)].filter((file) => !existsSync(file));
}

/**
 * How to run one built service as its own process, the way production runs it (telemetry preloaded with
 * `--import`): ready once its `/health/ready` answers 200.
 */
export function serviceLaunchSpec(root: string, name: string, port: number, env: Record<string, string>): LaunchSpec {
  const { main, preload } = builtFiles(root, name);
  const readyUrl = `http://127.0.0.1:${port}/health/ready`;
  return {
    name,
    command: process.execPath,
    args: ['--import', preload, main],
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    readyWhat: `${readyUrl} answered 200`,
    readyProbe: async () => {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      return response?.status === 200 || (response ? `HTTP ${response.status}` : 'no answer');
    },
  };
}
