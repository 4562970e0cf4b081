import { transformFile } from '@swc/core';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '#libs/testing';

export interface CompiledTree {
  /** Absolute path of a compiled file, by its source path relative to the repository root. */
  path: (sourcePath: string) => string;
  remove: () => Promise<void>;
}

/**
 * Compiles the given libs (and extra files) of the working tree with SWC into a temporary tree laid
 * out like `dist/`, so a spawned `node --import …/preload.js` runs the code under test rather than
 * whatever an earlier build left in `dist/`. `#libs/*` resolves inside the tree; packages resolve
 * through a link to the repository's node_modules.
 */
export async function compileForNode(libs: string[], extraFiles: string[] = []): Promise<CompiledTree> {
  const root = repoRoot();
  const outDir = await mkdtemp(join(tmpdir(), 'hc-observability-'));
  const sources = [...(await Promise.all(libs.map((lib) => tsFilesUnder(join(root, 'libs', lib, 'src'))))).flat()];
  sources.push(...extraFiles.map((file) => join(root, file)));
  await Promise.all(
    sources.map(async (source) => {
      const { code } = await transformFile(source, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'es6' },
        sourceMaps: false,
      });
      const target = join(outDir, relative(root, source)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  const manifest = { type: 'module', imports: { '#libs/*': './libs/*/src/index.js' } };
  await writeFile(join(outDir, 'package.json'), JSON.stringify(manifest));
  await symlink(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return {
    path: (sourcePath) => join(outDir, sourcePath.replace(/\.ts$/, '.js')),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

async function tsFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
