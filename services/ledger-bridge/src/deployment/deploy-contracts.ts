import { ContractFactory, type BaseWallet, type ContractTransactionResponse } from 'ethers';
import type { DataSource } from 'typeorm';
import { inTransaction } from '#libs/persistence';
import { loadArtifact, type ContractName } from '../../contracts/index.js';
import { contractAt, onChainId } from '../chain/chain-client.js';
import type { DeployedContracts } from './deployed-contracts.js';
import { lockDeployments, recordDeployment, recordedDeployment } from './deployment-store.js';

/**
 * Deploys the token, the two registries and the settlement escrow once per chain and records where. Run
 * again, it returns the recorded addresses if their code is still on the chain (a fresh embedded chain
 * has none, so it deploys anew). The deployer is the token treasury, the escrow's admin and its settler
 * (DOMAIN.md, Development chain). Serialised by an advisory lock so the service and the stack script
 * never deploy twice at once.
 */
export async function deployContracts(dataSource: DataSource, deployer: BaseWallet): Promise<DeployedContracts> {
  const provider = deployer.provider;
  if (!provider) throw new Error('the deployer needs a provider');
  const chainId = (await provider.getNetwork()).chainId;
  return inTransaction(dataSource, async (manager) => {
    await lockDeployments(manager);
    const recorded = await recordedDeployment(manager, chainId);
    if (recorded && (await allHaveCode(recorded, deployer))) return recorded;

    const deployed = {} as Record<ContractName, { address: string; blockNumber: number }>;
    const deploy = async (name: ContractName, ...args: unknown[]) => {
      const { abi, bytecode } = loadArtifact(name);
      const contract = await new ContractFactory(abi, bytecode, deployer).deploy(...args);
      const receipt = await contract.deploymentTransaction()?.wait();
      const address = await contract.getAddress();
      deployed[name] = { address, blockNumber: receipt?.blockNumber ?? 0 };
      return address;
    };
    const token = await deploy('HceToken', deployer.address);
    await deploy('RecordRegistry');
    await deploy('ConsentRegistry');
    await deploy('ClaimSettlement', token, deployer.address, deployer.address);
    await recordDeployment(manager, chainId, deployed);
    const result = await recordedDeployment(manager, chainId);
    if (!result) throw new Error('deployment was not recorded');
    return result;
  });
}

async function allHaveCode(deployed: DeployedContracts, deployer: BaseWallet): Promise<boolean> {
  const addresses = [deployed.token, deployed.recordRegistry, deployed.consentRegistry, deployed.settlement];
  for (const address of addresses) {
    if ((await deployer.provider?.getCode(address)) === '0x') return false;
  }
  return true;
}

/**
 * Funds an insurer's escrow from the treasury (the demo and the tests): approves and deposits `amount`
 * token base units under keccak256(insurerId). Returns the escrow balance after the deposit.
 */
export async function fundInsurerEscrow(
  deployed: DeployedContracts,
  treasury: BaseWallet,
  insurerId: string,
  amount: bigint,
): Promise<bigint> {
  const token = contractAt('HceToken', deployed.token, treasury);
  const settlement = contractAt('ClaimSettlement', deployed.settlement, treasury);
  await mined(token.getFunction('approve')(deployed.settlement, amount));
  await mined(settlement.getFunction('deposit')(onChainId(insurerId), amount));
  return (await settlement.getFunction('escrowOf')(onChainId(insurerId))) as bigint;
}

async function mined(sent: Promise<unknown>): Promise<void> {
  const receipt = await ((await sent) as ContractTransactionResponse).wait();
  if (receipt?.status !== 1) throw new Error('the funding transaction failed');
}
