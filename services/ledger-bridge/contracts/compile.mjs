// Compiles the Solidity sources in ./solidity with the pinned solc-js (no compiler download: see
// docs/decisions/0004-contracts-toolchain.md) into ./artifacts/<Contract>.json ({contractName, abi, bytecode,
// deployedBytecode}). The build runs it every time, so it skips the compile when nothing that affects the
// output changed: the sources, the settings, the compiler, OpenZeppelin's version, this script.
// Usage: node services/ledger-bridge/contracts/compile.mjs [--force]   (--force: compile even when up to date)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, 'solidity');
// CONTRACT_ARTIFACTS_DIR moves the output (the loader in artifacts.ts reads the same variable).
const artifactDir = process.env.CONTRACT_ARTIFACTS_DIR || join(here, 'artifacts');
const manifestPath = join(artifactDir, 'manifest.json');
const require = createRequire(import.meta.url);

const SOLC_VERSION = '0.8.28';
const settings = {
  // Hardhat 2.28's embedded chain runs a later hardfork; cancun bytecode (transient storage, mcopy) runs on it
  // and on any current EVM chain.
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function readSources() {
  const files = readdirSync(sourceDir)
    .filter((file) => file.endsWith('.sol'))
    .sort();
  return Object.fromEntries(
    files.map((file) => [`solidity/${file}`, { content: readFileSync(join(sourceDir, file), 'utf8') }]),
  );
}

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function fingerprint(sources) {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({ solc: packageVersion('solc'), oz: packageVersion('@openzeppelin/contracts'), settings }),
  );
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const [name, { content }] of Object.entries(sources)) hash.update(`\0${name}\0${content}`);
  return hash.digest('hex');
}

function upToDate(hash) {
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return manifest.hash === hash && manifest.contracts.every((name) => existsSync(join(artifactDir, `${name}.json`)));
  } catch {
    return false; // an unreadable manifest only means: compile again
  }
}

/** solc asks for every import it cannot find among the sources: OpenZeppelin comes from node_modules. */
function findImport(path) {
  if (!path.startsWith('@openzeppelin/')) return { error: `import outside @openzeppelin: ${path}` };
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch (error) {
    return { error: `cannot read ${path}: ${error.message}` };
  }
}

/** Write then rename, so a concurrent reader (a parallel test worker) never sees half a file. */
function writeAtomically(path, value) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}

async function compile() {
  const sources = readSources();
  const hash = fingerprint(sources);
  if (!process.argv.includes('--force') && upToDate(hash)) {
    console.log('contracts: artifacts up to date');
    return;
  }
  // Loaded only when needed: solc-js is a large emscripten module that takes a while to start.
  const { default: solc } = await import('solc');
  if (!solc.version().startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(`solc ${SOLC_VERSION} expected, found ${solc.version()}`);
  }
  const input = { language: 'Solidity', sources, settings };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const diagnostics = output.errors ?? [];
  // OpenZeppelin's own warnings (e.g. on transient storage in its reentrancy guard, used as intended) are
  // not ours to act on; every error and every warning in our sources is shown.
  const shown = diagnostics.filter(
    (diagnostic) => diagnostic.severity === 'error' || !diagnostic.sourceLocation?.file?.startsWith('@openzeppelin/'),
  );
  for (const diagnostic of shown) console.error(diagnostic.formattedMessage ?? diagnostic.message);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) throw new Error('contracts: compile failed');

  mkdirSync(artifactDir, { recursive: true });
  const written = [];
  for (const sourceName of Object.keys(sources)) {
    for (const [contractName, contract] of Object.entries(output.contracts[sourceName] ?? {})) {
      const bytecode = contract.evm.bytecode.object;
      if (!bytecode) continue; // abstract contracts and interfaces: nothing to deploy
      writeAtomically(join(artifactDir, `${contractName}.json`), {
        contractName,
        sourceName,
        compiler: solc.version(),
        abi: contract.abi,
        bytecode: `0x${bytecode}`,
        deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
      });
      written.push(contractName);
    }
  }
  writeAtomically(manifestPath, { hash, compiler: solc.version(), contracts: written.sort() });
  console.log(`contracts: compiled ${written.join(', ')} with solc ${solc.version()}`);
}

compile().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
