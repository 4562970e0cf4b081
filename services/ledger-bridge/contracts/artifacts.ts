import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonFragment } from 'ethers';

/** The contracts `compile.mjs` builds; deployment code asks for them by these names. */
export const CONTRACT_NAMES = [
  'HceToken',
  'RecordRegistry',
  'ConsentRegistry',
  'ClaimSettlement',
  'AuditAnchor',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface ContractArtifact {
  contractName: ContractName;
  abi: JsonFragment[];
  /** Creation bytecode, 0x-prefixed: what a ContractFactory deploys. */
  bytecode: string;
}

/** Thrown when an artifact is missing or malformed, with what to run. */
export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/**
 * The folder `compile.mjs` writes to: `CONTRACT_ARTIFACTS_DIR` if set, else `contracts/artifacts` in the source
 * tree. Found by walking up to the repository root because this module also runs compiled from `dist/`.
 */
export function artifactDir(): string {
  const configured = process.env.CONTRACT_ARTIFACTS_DIR;
  if (configured) return configured;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || /[\\/]dist$/.test(dir)) {
    const parent = dirname(dir);
    if (parent === dir) throw new ArtifactError('repository root not found above the contracts module');
    dir = parent;
  }
  return join(dir, 'services', 'ledger-bridge', 'contracts', 'artifacts');
}

const cache = new Map<string, ContractArtifact>();

/** ABI and creation bytecode of one compiled contract (read once, then cached). */
export function loadArtifact(name: ContractName): ContractArtifact {
  const path = join(artifactDir(), `${name}.json`);
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    throw new ArtifactError(`${path} is missing: run node services/ledger-bridge/contracts/compile.mjs`);
  }
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const artifact = asArtifact(name, parsed, path);
  cache.set(path, artifact);
  return artifact;
}

function asArtifact(name: ContractName, value: unknown, path: string): ContractArtifact {
  const candidate = value as Partial<Record<'abi' | 'bytecode', unknown>> | null;
  const abi = candidate?.abi;
  const bytecode = candidate?.bytecode;
  if (!Array.isArray(abi) || typeof bytecode !== 'string' || !/^0x[0-9a-f]+$/i.test(bytecode)) {
    throw new ArtifactError(`${path} is not a compiled contract artifact: recompile with compile.mjs --force`);
  }
  return { contractName: name, abi: abi as JsonFragment[], bytecode };
}
