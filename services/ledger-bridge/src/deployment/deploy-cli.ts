import { Wallet } from 'ethers';
import { createDataSource, openAndMigrate } from '#libs/persistence';
import { connectChain } from '../chain/chain-client.js';
import { readBridgeConfig } from '../config/bridge-config.js';
import { ledgerBridgeMigrations } from '../migrations/index.js';
import { ensureAuditAnchor } from './audit-anchor-deployment.js';
import { deployContracts, fundInsurerEscrow } from './deploy-contracts.js';

/**
 * `node dist/services/ledger-bridge/src/deployment/deploy-cli.js [--fund <insurerId>=<whole tokens>]...`
 *
 * Deploys the contracts to CHAIN_RPC_URL once (recorded in the bridge's DATABASE_URL; a second run finds
 * them) with LEDGER_SIGNER_KEY as deployer and treasury, funds each named insurer's escrow from the
 * treasury, and prints the addresses as one JSON line. Same configuration variables as the service.
 */
const fundings: { insurerId: string; tokens: bigint }[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const match = args[i] === '--fund' ? /^([^=]+)=(\d+)$/.exec(args[i + 1] ?? '') : null;
  if (!match) {
    console.error(`usage: deploy-cli [--fund <insurerId>=<whole tokens>]...; got "${args[i]}"`);
    process.exit(2);
  }
  fundings.push({ insurerId: match[1], tokens: BigInt(match[2]) });
  i += 1;
}

const config = readBridgeConfig();
const dataSource = await openAndMigrate(
  createDataSource({ url: config.databaseUrl, entities: [], migrations: ledgerBridgeMigrations }),
);
const chain = await connectChain(config.chainRpcUrl, config.signerKey);
try {
  const deployed = await deployContracts(dataSource, chain.signer);
  await ensureAuditAnchor(dataSource, chain.signer, new Wallet(config.relayerKey).address);
  const escrows: Record<string, string> = {};
  const treasury = new Wallet(config.signerKey, chain.provider);
  for (const { insurerId, tokens } of fundings) {
    escrows[insurerId] = (await fundInsurerEscrow(deployed, treasury, insurerId, tokens * 10n ** 18n)).toString();
  }
  console.log(JSON.stringify({ ...deployed, chainId: Number(deployed.chainId), escrows }));
} finally {
  chain.provider.destroy();
  await dataSource.destroy();
}
