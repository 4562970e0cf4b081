import { freePort, metricSample } from '#libs/testing';
import { Network } from 'ethers';
import { createServer, type Server } from 'node:http';
import { register } from 'prom-client';
import { startDevChain, type DevChain } from '../contracts/test/support/dev-chain.js';
import { askChainId, connectChain } from '../src/chain/chain-client.js';
import { CountedJsonRpcProvider } from '../src/chain/counted-json-rpc-provider.js';

/** `ledger_chain_rpc_errors_total` of one method and reason, as /metrics would show it (0 when absent). */
async function errors(method: string, reason: string): Promise<number> {
  const text = await register.metrics();
  return metricSample(text, `ledger_chain_rpc_errors_total{method="${method}",reason="${reason}"}`) ?? 0;
}

/** A provider as the bridge makes one, without asking the chain id first (the endpoint may not answer it). */
const providerAt = (url: string) =>
  new CountedJsonRpcProvider(url, Network.from(31337n), { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });

/** An HTTP endpoint that answers every request the same way, as a proxy in front of a node might. */
async function answering(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status, { 'content-type': 'text/html' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

/**
 * Issue 18: chain RPC errors are counted by method and reason, through the provider the bridge uses, against a
 * port nobody listens on, a real chain answering JSON-RPC errors, and endpoints answering HTTP errors.
 */
describe('the chain RPC error counter', () => {
  let chain: DevChain;
  const servers: Server[] = [];

  beforeAll(async () => {
    chain = await startDevChain();
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await chain?.stop();
  });

  it('counts calls to a closed port as unreachable, from the provider and from the first chain id question', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const before = await errors('eth_blockNumber', 'unreachable');
    const provider = providerAt(closed);
    await expect(provider.getBlockNumber()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    provider.destroy();
    expect(await errors('eth_blockNumber', 'unreachable')).toBe(before + 1);

    const chainIdBefore = await errors('eth_chainId', 'unreachable');
    await expect(connectChain(closed, chain.account(0).privateKey)).rejects.toThrow();
    await expect(askChainId(closed)).rejects.toThrow();
    expect(await errors('eth_chainId', 'unreachable')).toBe(chainIdBefore + 2);
  });

  it('counts the chain’s JSON-RPC errors per method, and not the calls it answers', async () => {
    const client = await connectChain(chain.url, chain.account(0).privateKey);
    const before = await errors('eth_getBalance', 'rpc_error');
    const unknownBefore = await errors('other', 'rpc_error');
    await expect(client.provider.send('eth_getBalance', ['not-an-address', 'latest'])).rejects.toThrow();
    // A method outside the chain's namespaces is counted, under `other`, so a caller cannot grow the label set.
    await expect(client.provider.send('no_suchMethod', [])).rejects.toThrow();
    expect(await client.provider.getBlockNumber()).toBeGreaterThanOrEqual(0);
    expect(await errors('eth_getBalance', 'rpc_error')).toBe(before + 1);
    expect(await errors('other', 'rpc_error')).toBe(unknownBefore + 1);
    expect(await errors('eth_blockNumber', 'rpc_error')).toBe(0);
    client.provider.destroy();
  });

  it('counts an HTTP error status and an answer that is not JSON-RPC apart', async () => {
    const unavailable = await answering(503, '<html>Service Unavailable</html>');
    const garbled = await answering(200, '<html>maintenance</html>');
    servers.push(unavailable.server, garbled.server);
    const [httpBefore, badBefore] = [
      await errors('eth_gasPrice', 'http_status'),
      await errors('eth_gasPrice', 'bad_response'),
    ];
    for (const { url } of [unavailable, garbled]) {
      const provider = providerAt(url);
      await expect(provider.send('eth_gasPrice', [])).rejects.toThrow();
      provider.destroy();
    }
    expect(await errors('eth_gasPrice', 'http_status')).toBe(httpBefore + 1);
    expect(await errors('eth_gasPrice', 'bad_response')).toBe(badBefore + 1);

    const chainIdBefore = await errors('eth_chainId', 'http_status');
    await expect(askChainId(unavailable.url)).rejects.toThrow(/HTTP 503/);
    expect(await errors('eth_chainId', 'http_status')).toBe(chainIdBefore + 1);
  });
});
