import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Contract, ContractFactory, Interface, type ContractTransactionResponse, type Signer } from 'ethers';
import { repoRoot } from '#libs/testing';
import { loadArtifact, type ContractName } from '../../artifacts.js';

/**
 * Runs the compile script (a no-op when the artifacts match the sources), so the tests always exercise the
 * current Solidity without a separate build step.
 */
export function compileContracts(): void {
  const script = join(repoRoot(), 'services', 'ledger-bridge', 'contracts', 'compile.mjs');
  execFileSync(process.execPath, [script], { stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '' } });
}

export async function deploy(name: ContractName, deployer: Signer, ...args: unknown[]): Promise<Contract> {
  const { abi, bytecode } = loadArtifact(name);
  const contract = await new ContractFactory(abi, bytecode, deployer).deploy(...args);
  await contract.waitForDeployment();
  return new Contract(await contract.getAddress(), abi, deployer);
}

export function contractInterface(name: ContractName): Interface {
  return new Interface(loadArtifact(name).abi);
}

export interface DecodedRevert {
  name: string;
  args: unknown[];
}

/**
 * Awaits a call or transaction that must revert and decodes its custom error with the given contracts' ABIs
 * (the token's errors surface through the escrow, for example).
 */
export async function revertOf(action: Promise<unknown>, ...names: ContractName[]): Promise<DecodedRevert> {
  let data: string | undefined;
  try {
    await action;
  } catch (error) {
    data = (error as { data?: string }).data;
    if (!data) throw error;
  }
  if (data === undefined) throw new Error('expected a revert, but the call succeeded');
  for (const name of names) {
    const parsed = contractInterface(name).parseError(data);
    if (parsed) return { name: parsed.name, args: [...parsed.args] };
  }
  throw new Error(`revert data ${data} matches no error of ${names.join(', ')}`);
}

/** Sends a transaction and returns its receipt, failing when it reverted. */
export async function mined(sent: Promise<ContractTransactionResponse>) {
  const receipt = await (await sent).wait();
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return receipt;
}

export interface DecodedEvent {
  name: string;
  args: unknown[];
}

/** The events `contract` emitted in a receipt, in order, decoded with its ABI. */
export function eventsOf(
  receipt: { logs: readonly { address: string; topics: readonly string[]; data: string }[] },
  contract: Contract,
): DecodedEvent[] {
  const address = (contract.target as string).toLowerCase();
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === address)
    .map((log) => contract.interface.parseLog({ topics: [...log.topics], data: log.data }))
    .filter((parsed) => parsed !== null)
    .map((parsed) => ({ name: parsed.name, args: [...parsed.args] }));
}
