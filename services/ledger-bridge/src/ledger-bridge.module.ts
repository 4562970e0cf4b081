import { type DynamicModule, Module } from '@nestjs/common';
import { OpsModule, readinessCheck } from '#libs/observability';

/**
 * Empty for now: the process boots with its operations endpoints, and is ready only while the chain
 * answers, since everything this service will do goes through the chain's JSON-RPC.
 */
@Module({})
export class LedgerBridgeModule {
  static forRoot({ chainRpcUrl }: { chainRpcUrl: string }): DynamicModule {
    return {
      module: LedgerBridgeModule,
      imports: [
        OpsModule.forRoot({
          service: 'ledger-bridge',
          readiness: [readinessCheck('chain', () => answersChainId(chainRpcUrl))],
        }),
      ],
    };
  }
}

async function answersChainId(rpcUrl: string): Promise<boolean> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  });
  const body = (await response.json()) as { result?: unknown };
  return typeof body.result === 'string';
}
