import { DEV_SIGNER_KEY, readBridgeConfig } from './bridge-config.js';

describe('ledger bridge configuration', () => {
  it('works with no variables at all: local chain, development signer, one confirmation', () => {
    const config = readBridgeConfig({});
    expect(config).toMatchObject({
      chainRpcUrl: 'http://127.0.0.1:8545',
      signerKey: DEV_SIGNER_KEY,
      confirmations: 1,
      batchSize: 100,
      metricsIntervalMs: 30_000,
      deploy: 'auto',
    });
  });

  it.each([
    ['CHAIN_RPC_URL', 'ws://node:8546', /CHAIN_RPC_URL/],
    ['CHAIN_RPC_URL', 'not a url', /CHAIN_RPC_URL/],
    ['CONFIRMATIONS', '0', /CONFIRMATIONS/],
    ['CONFIRMATIONS', 'two', /CONFIRMATIONS/],
    ['LEDGER_SIGNER_KEY', '0x1234', /LEDGER_SIGNER_KEY/],
    ['PAYOUT_BATCH_SIZE', '1000', /PAYOUT_BATCH_SIZE/],
    ['LEDGER_DEPLOY', 'maybe', /LEDGER_DEPLOY/],
    ['LEDGER_METRICS_INTERVAL_MS', '10', /LEDGER_METRICS_INTERVAL_MS/],
  ])('stops on a bad %s, naming it', (name, value, message) => {
    expect(() => readBridgeConfig({ [name]: value })).toThrow(message);
  });

  it('never repeats a bad signer key in its message', () => {
    const secret = '0xdeadbeef';
    expect(() => readBridgeConfig({ LEDGER_SIGNER_KEY: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
