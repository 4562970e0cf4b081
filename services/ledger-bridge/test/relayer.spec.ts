import { createDataSource } from '#libs/persistence';
import { Wallet } from 'ethers';
import type { DataSource } from 'typeorm';
import { DEV_RELAYER_KEY } from '../src/config/bridge-config.js';
import { ledgerBridgeMigrations } from '../src/migrations/index.js';
import { Relayer } from '../src/relay/relayer.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const RELAYS_PER_INSTANCE = 8;

/**
 * Every bridge instance relays (the caller waits for the answer), all from the one relayer key: two instances
 * relaying at once must never pick the same nonce.
 */
describe('relays from two instances with the one relayer key', () => {
  let bed: BridgeTestBed;
  let otherInstanceDb: DataSource;

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbrly');
    otherInstanceDb = await createDataSource({
      url: bed.databaseUrl,
      entities: [],
      migrations: ledgerBridgeMigrations,
    }).initialize();
  });
  afterAll(async () => {
    await otherInstanceDb?.destroy();
    await bed?.close();
  });

  it('sends every relay once, each under its own nonce, the stored next nonce equal to the chain’s count', async () => {
    const relayers = [bed.db, otherInstanceDb].map(
      (db) => new Relayer(new Wallet(DEV_RELAYER_KEY, bed.chain.provider), db, 10_000),
    );
    const relayerAddress = relayers[0].wallet.address;
    const sent = await Promise.all(
      relayers.flatMap((relayer) =>
        Array.from({ length: RELAYS_PER_INSTANCE }, () =>
          relayer.relay(bed.token(), 'approve', [Wallet.createRandom().address, 1n]),
        ),
      ),
    );

    expect(sent.every((relay) => relay.blockNumber !== undefined)).toBe(true);
    const nonces = await Promise.all(
      sent.map(async (relay) => (await bed.chain.provider.getTransaction(relay.txHash))?.nonce),
    );
    const count = await bed.chain.provider.getTransactionCount(relayerAddress, 'latest');
    expect(count).toBe(2 * RELAYS_PER_INSTANCE);
    expect([...nonces].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: count }, (_, i) => i));
    const [stored] = await bed.db.query<{ next_nonce: string }[]>(
      `SELECT next_nonce FROM signer_nonces WHERE address = $1`,
      [relayerAddress],
    );
    expect(Number(stored.next_nonce)).toBe(count);
  });
});
