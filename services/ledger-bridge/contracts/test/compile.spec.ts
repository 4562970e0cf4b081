import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '#libs/testing';
import { ArtifactError, CONTRACT_NAMES, loadArtifact } from '../artifacts.js';

/** Runs compile.mjs into `dir` and returns what it printed. */
function compileInto(dir: string): string {
  const script = join(repoRoot(), 'services', 'ledger-bridge', 'contracts', 'compile.mjs');
  return execFileSync(process.execPath, [script], {
    env: { ...process.env, NODE_OPTIONS: '', CONTRACT_ARTIFACTS_DIR: dir },
    encoding: 'utf8',
  });
}

/** Loads with the loader pointed at `dir`, as deployment code would with CONTRACT_ARTIFACTS_DIR set. */
function loadFrom(dir: string, name: (typeof CONTRACT_NAMES)[number]) {
  const previous = process.env.CONTRACT_ARTIFACTS_DIR;
  process.env.CONTRACT_ARTIFACTS_DIR = dir;
  try {
    return loadArtifact(name);
  } finally {
    if (previous === undefined) delete process.env.CONTRACT_ARTIFACTS_DIR;
    else process.env.CONTRACT_ARTIFACTS_DIR = previous;
  }
}

describe('contract compile script and artifact loader', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hc-contracts-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles every contract with the pinned solc into loadable ABI and bytecode', () => {
    expect(compileInto(dir)).toMatch(/compiled .* with solc 0\.8\.28\+/);
    for (const name of CONTRACT_NAMES) {
      const artifact = loadFrom(dir, name);
      expect(artifact.contractName).toBe(name);
      expect(artifact.bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
      expect(artifact.abi.some((fragment) => fragment.type === 'constructor' || fragment.type === 'function')).toBe(
        true,
      );
    }
  });

  it('skips the compile when nothing changed, so running it on every build is cheap', () => {
    const before = statSync(join(dir, 'HceToken.json')).mtimeMs;
    expect(compileInto(dir)).toContain('artifacts up to date');
    expect(statSync(join(dir, 'HceToken.json')).mtimeMs).toBe(before);
  });

  it('compiles again when an artifact has gone missing', () => {
    rmSync(join(dir, 'ClaimSettlement.json'));
    expect(compileInto(dir)).toContain('compiled');
    expect(existsSync(join(dir, 'ClaimSettlement.json'))).toBe(true);
  });

  it('tells deployment code what to run when the artifacts are missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'hc-contracts-empty-'));
    try {
      expect(() => loadFrom(empty, 'HceToken')).toThrow(ArtifactError);
      expect(() => loadFrom(empty, 'HceToken')).toThrow(/compile\.mjs/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a file that is not a compiled contract', () => {
    const broken = mkdtempSync(join(tmpdir(), 'hc-contracts-broken-'));
    try {
      writeFileSync(join(broken, 'RecordRegistry.json'), JSON.stringify({ abi: [], bytecode: 'not hex' }));
      expect(() => loadFrom(broken, 'RecordRegistry')).toThrow(/not a compiled contract artifact/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
