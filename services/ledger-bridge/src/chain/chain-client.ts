import { Contract, Interface, JsonRpcProvider, Network, Wallet, id, type BaseWallet } from 'ethers';
import { loadArtifact, type ContractName } from '../../contracts/index.js';
import { countChainRpcError, transportFailure, type ChainRpcFailure } from '../metrics/chain-rpc-errors.js';
import { CountedJsonRpcProvider } from './counted-json-rpc-provider.js';

/** The chain as the bridge sees it: one provider and the one settlement key. */
export interface ChainClient {
  provider: JsonRpcProvider;
  signer: Wallet;
  chainId: bigint;
}

/**
 * Connects without ethers' network auto-detection loop: the chain id is asked once, then fixed, so a
 * chain that is down later makes calls fail fast (and the worker retry) instead of hanging.
 */
export async function connectChain(rpcUrl: string, signerKey: string): Promise<ChainClient> {
  const chainId = await askChainId(rpcUrl);
  // Counts its failed calls (`ledger_chain_rpc_errors_total`).
  const provider = new CountedJsonRpcProvider(rpcUrl, Network.from(chainId), {
    staticNetwork: true,
    // One request per HTTP call: simpler to follow in logs, and no batch is lost whole when the node hiccups.
    batchMaxCount: 1,
    cacheTimeout: -1,
    pollingInterval: 100,
  });
  return { provider, signer: new Wallet(signerKey, provider), chainId };
}

/** The chain's id, asked directly (before a provider exists); a failure counts as a provider's would. */
export async function askChainId(rpcUrl: string): Promise<bigint> {
  const failed = (reason: ChainRpcFailure) => countChainRpcError('eth_chainId', reason);
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal: AbortSignal.timeout(5000),
  }).catch((error: unknown) => {
    failed(transportFailure(error));
    throw error;
  });
  if (!response.ok) {
    failed('http_status');
    throw new Error(`${rpcUrl} answered eth_chainId with HTTP ${response.status}`);
  }
  const body = (await response.json().catch((error: unknown) => {
    failed(transportFailure(error));
    throw error;
  })) as { result?: unknown; error?: unknown };
  if (typeof body.result !== 'string') {
    failed(body.error ? 'rpc_error' : 'bad_response');
    throw new Error(`${rpcUrl} did not answer eth_chainId`);
  }
  return BigInt(body.result);
}

/** On chain, platform ids are keccak256 of the id string (DOMAIN.md): no personal data on chain. */
export function onChainId(platformId: string): string {
  return id(platformId);
}

/** The consent scope for claims: keccak256("claims"). */
export const CLAIMS_SCOPE = id('claims');

export function contractInterface(name: ContractName): Interface {
  return new Interface(loadArtifact(name).abi);
}

export function contractAt(name: ContractName, address: string, runner: JsonRpcProvider | BaseWallet): Contract {
  return new Contract(address, loadArtifact(name).abi, runner);
}
