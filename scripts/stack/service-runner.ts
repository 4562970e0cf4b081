import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnManaged, type ManagedProcess } from './managed-process.js';
import { waitWhileAlive } from './wait-while-alive.js';

export interface ServiceLaunch {
  name: string;
  port: number;
  env: Record<string, string>;
  root: string;
  write: (line: string) => void;
  prefixWidth: number;
  readyTimeoutMs?: number;
  onSpawn?: (managed: ManagedProcess) => void;
}

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
 * Starts one built service as its own process, the way production runs it (telemetry preloaded with
 * `--import`), and resolves once its `/health/ready` answers 200.
 */
export async function launchService(launch: ServiceLaunch): Promise<ManagedProcess> {
  const { main, preload } = builtFiles(launch.root, launch.name);
  const managed = spawnManaged(launch.name, process.execPath, ['--import', preload, main], {
    cwd: launch.root,
    env: { ...process.env, NODE_OPTIONS: '', ...launch.env },
    write: launch.write,
    prefixWidth: launch.prefixWidth,
    onSpawn: launch.onSpawn,
  });
  const readyUrl = `http://127.0.0.1:${launch.port}/health/ready`;
  try {
    await waitWhileAlive(
      managed,
      async () => {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        return response?.status === 200 || (response ? `HTTP ${response.status}` : 'no answer');
      },
      { timeoutMs: launch.readyTimeoutMs ?? 60000, what: `${readyUrl} answered 200` },
    );
  } catch (error) {
    await managed.stop(3000);
    throw new Error(`${launch.name} did not start: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return managed;
}
