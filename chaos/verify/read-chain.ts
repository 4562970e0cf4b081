import { Contract, EventLog, JsonRpcProvider, id } from 'ethers';
import { runClosedLoop } from '../../bench/lib/load.js';
import { getJson } from './get-json.js';
import type { SettledEvent } from './observations.js';

/** The part of ClaimSettlement (services/ledger-bridge/contracts/solidity) the campaign reads. */
const SETTLEMENT_ABI = [
  'function escrowOf(bytes32 insurer) view returns (uint256)',
  'function settledAmount(bytes32 claimId) view returns (uint256)',
  'event Settled(bytes32 indexed insurer, bytes32 indexed claimId, address indexed payee, uint256 amount)',
];

/** getLogs in slices, so that a long run's chain is never asked for everything at once. */
const BLOCKS_PER_QUERY = 5_000;

/** The settlement contract as any client sees it: its address from the API, its state from the chain. */
export class SettlementReader {
  private constructor(
    private readonly provider: JsonRpcProvider,
    private readonly contract: Contract,
  ) {}

  static async open(rpcUrl: string, gatewayUrl: string, token: string): Promise<SettlementReader> {
    const contracts = `${gatewayUrl}/v1/ledger/contracts`;
    const { settlement, chainId } = await getJson<{ settlement: string; chainId: number }>(contracts, token);
    const provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true, cacheTimeout: -1 });
    return new SettlementReader(provider, new Contract(settlement, SETTLEMENT_ABI, provider));
  }

  async escrowOf(insurerId: string): Promise<bigint> {
    return (await this.contract.getFunction('escrowOf')(id(insurerId))) as bigint;
  }

  /** settledAmount(keccak256(claim id)) of each claim, a few calls at a time. */
  async settledAmounts(claimIds: string[]): Promise<Record<string, bigint>> {
    const amounts: Record<string, bigint> = {};
    const read = await runClosedLoop(claimIds.length, 8, async (index) => {
      const claimId = claimIds[index];
      amounts[claimId] = (await this.contract.getFunction('settledAmount')(id(claimId))) as bigint;
    });
    if (read.errors.length)
      throw new Error(`settledAmount unreadable for ${read.errors.length} claims: ${read.errors[0]}`);
    return amounts;
  }

  /** Every Settled event since the chain began. */
  async settledEvents(): Promise<SettledEvent[]> {
    const latest = await this.provider.getBlockNumber();
    const events: SettledEvent[] = [];
    for (let from = 0; from <= latest; from += BLOCKS_PER_QUERY) {
      const logs = await this.contract.queryFilter('Settled', from, Math.min(latest, from + BLOCKS_PER_QUERY - 1));
      for (const log of logs) {
        if (!(log instanceof EventLog)) continue;
        events.push({ claimIdHash: String(log.args[1]), amount: log.args[3] as bigint, txHash: log.transactionHash });
      }
    }
    return events;
  }

  close(): void {
    this.provider.destroy();
  }
}
