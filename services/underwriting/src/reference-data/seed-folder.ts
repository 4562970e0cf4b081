import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the reference seed (`services/underwriting/seed`). The service runs from
 * `dist/services/underwriting/...`, where the build copies no CSV, so this walks up from this module
 * until it finds `seed/` beside it or `services/underwriting/seed` under a repository root: the same
 * answer from the sources (jest) and from `dist/`. A container image must ship that folder.
 */
export function seedFolder(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    for (const candidate of [join(dir, 'seed'), join(dir, 'services', 'underwriting', 'seed')]) {
      if (existsSync(join(candidate, 'procedures.csv'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no services/underwriting/seed/procedures.csv above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
