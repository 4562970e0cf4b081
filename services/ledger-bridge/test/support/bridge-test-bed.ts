import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Contract, Wallet, type HDNodeWallet } from 'ethers';
import type { DataSource } from 'typeorm';
import { BusNamespace } from '#libs/contracts';
import { provisionStreams } from '#libs/messaging';
import { createDataSource, dropDatabase, openAndMigrate } from '#libs/persistence';
import {
  freePort,
  startService,
  TEST_NATS_URL,
  testDatabaseUrl,
  testNamespace,
  waitFor,
  type ServiceProcess,
} from '#libs/testing';
import { TestBus, type BusMessage } from '#libs/test-bed';
import { loadArtifact } from '../../contracts/index.js';
import { startDevChain, type DevChain } from '../../contracts/test/support/dev-chain.js';
import { onChainId } from '../../src/chain/chain-client.js';
import { DEV_RELAYER_KEY } from '../../src/config/bridge-config.js';
import { ensureAuditAnchor } from '../../src/deployment/audit-anchor-deployment.js';
import { deployContracts } from '../../src/deployment/deploy-contracts.js';
import type { DeployedContracts } from '../../src/deployment/deployed-contracts.js';
import { ledgerBridgeMigrations } from '../../src/migrations/index.js';
import { RpcProxy } from './rpc-proxy.js';

/**
 * One test file's ledger bridge: a private embedded chain (never 8545) behind a fault-staging proxy, the
 * contracts deployed into the bridge's own database, and the built bridge run as a process (so a test can
 * kill it) on its own bus namespace. Account 0 is the bridge's signer; account 1 funds escrows, so the test
 * never competes with the bridge for account 0's nonces. The bus side (publish, what the bridge published on
 * `ledger.>`) is TestBus's.
 */
export class BridgeTestBed extends TestBus {
  /** The bridge started last; `instances` holds every one started (several share the database). */
  bridge: ServiceProcess | undefined;
  readonly instances: ServiceProcess[] = [];

  private constructor(
    namespace: BusNamespace,
    readonly databaseUrl: string,
    readonly chain: DevChain,
    readonly proxy: RpcProxy,
    readonly db: DataSource,
    readonly contracts: DeployedContracts,
    nc: NatsConnection,
    js: JetStreamClient,
  ) {
    super(namespace, nc, js, 'ledger.>');
  }

  static async open(label: string): Promise<BridgeTestBed> {
    const namespace = new BusNamespace(testNamespace(label));
    const databaseUrl = testDatabaseUrl('ledger-bridge', namespace.prefix);
    const chain = await startDevChain();
    const proxy = await RpcProxy.start(chain.url);
    const db = await openAndMigrate(
      createDataSource({ url: databaseUrl, entities: [], migrations: ledgerBridgeMigrations }),
    );
    const contracts = await deployContracts(db, chain.account(0));
    // Deployed here, like the others, so a bridge started while the chain fails finds it recorded.
    await ensureAuditAnchor(db, chain.account(0), new Wallet(DEV_RELAYER_KEY).address);
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    await provisionStreams(nc, namespace);
    const bed = new BridgeTestBed(namespace, databaseUrl, chain, proxy, db, contracts, nc, jetstream(nc));
    await bed.transferTokens(bed.funder.address, 10n ** 24n);
    return bed;
  }

  get funder(): HDNodeWallet {
    return this.chain.account(1);
  }

  token(runner = this.funder): Contract {
    return new Contract(this.contracts.token, loadArtifact('HceToken').abi, runner);
  }

  settlement(runner = this.funder): Contract {
    return new Contract(this.contracts.settlement, loadArtifact('ClaimSettlement').abi, runner);
  }

  contract(name: 'RecordRegistry' | 'ConsentRegistry', runner: HDNodeWallet): Contract {
    const address = name === 'RecordRegistry' ? this.contracts.recordRegistry : this.contracts.consentRegistry;
    return new Contract(address, loadArtifact(name).abi, runner);
  }

  async startBridge(env: Record<string, string> = {}): Promise<ServiceProcess> {
    this.bridge = await startService(
      'ledger-bridge',
      {
        DATABASE_URL: this.databaseUrl,
        NATS_URL: TEST_NATS_URL,
        BUS_NAMESPACE: this.namespace.prefix,
        CHAIN_RPC_URL: this.proxy.url,
        PAYOUT_POLL_MS: '50',
        LOG_LEVEL: 'warn',
        ...env,
      },
      { port: await freePort(), readyTimeoutMs: 60_000 },
    );
    this.instances.push(this.bridge);
    return this.bridge;
  }

  /** Deposits into an insurer's escrow from the funder account. */
  async fund(insurerId: string, amount: bigint): Promise<void> {
    await (await this.token().getFunction('approve')(this.contracts.settlement, amount)).wait();
    await (await this.settlement().getFunction('deposit')(onChainId(insurerId), amount)).wait();
  }

  async balanceOf(address: string): Promise<bigint> {
    return (await this.token(this.funder).getFunction('balanceOf')(address)) as bigint;
  }

  async settledAmount(claimId: string): Promise<bigint> {
    return (await this.settlement().getFunction('settledAmount')(onChainId(claimId))) as bigint;
  }

  /** Distinct events (by envelope id: a relay retry after a crash is one event) on `subject`. */
  override eventsOf<T>(subject: string, claimId?: string): BusMessage<T>[] {
    const seen = new Set<string>();
    return super.eventsOf<T>(subject, claimId).filter((message) => {
      if (seen.has(message.envelope.id)) return false;
      seen.add(message.envelope.id);
      return true;
    });
  }

  async waitForEvent<T>(subject: string, claimId: string, timeoutMs = 30_000): Promise<T> {
    const [event] = await this.waitForEvents<T>(subject, { claimId, timeoutMs });
    return event.envelope.data;
  }

  /** Waits until `sql` finds a row in the bridge's database. */
  async rowExists(sql: string, params: unknown[]): Promise<void> {
    await waitFor(async () => (await this.db.query<unknown[]>(sql, params)).length > 0, { what: sql });
  }

  override async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await super.close();
    await this.db.destroy();
    await dropDatabase(this.databaseUrl);
    await this.proxy.close();
    await this.chain.stop();
  }

  private async transferTokens(to: string, amount: bigint): Promise<void> {
    await (await this.token(this.chain.account(0)).getFunction('transfer')(to, amount)).wait();
  }
}
