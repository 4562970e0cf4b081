import { INSURER } from '../workload/claim-mix.js';
import type { HttpObservations, Observations, SubmissionRecord } from './observations.js';
import { readAllClaims } from './read-claims.js';
import { SettlementReader } from './read-chain.js';
import { readDeadLetters } from './read-dead-letters.js';

/** Where the observer looks: one gateway (any will do), the chain, the bus (one server or a cluster's list). */
export interface ObservedPlatform {
  gatewayUrl: string;
  chainRpcUrl: string;
  nats: { url: string };
}

/** Gathers what the checks judge, from where a client or an operator would look: API, chain, bus. */
export class OutcomeObserver {
  private constructor(
    private readonly platform: ObservedPlatform,
    private readonly insurerToken: string,
    private readonly settlement: SettlementReader,
  ) {}

  static async open(platform: ObservedPlatform, insurerToken: string): Promise<OutcomeObserver> {
    const settlement = await SettlementReader.open(platform.chainRpcUrl, platform.gatewayUrl, insurerToken);
    return new OutcomeObserver(platform, insurerToken, settlement);
  }

  escrow(): Promise<bigint> {
    return this.settlement.escrowOf(INSURER);
  }

  async outcome(submissions: SubmissionRecord[], http: HttpObservations, escrowBefore: bigint): Promise<Observations> {
    const claims = await readAllClaims(this.platform.gatewayUrl, this.insurerToken);
    return {
      submissions,
      claims,
      chain: {
        settledByClaim: await this.settlement.settledAmounts(claims.map((claim) => claim.id)),
        settledEvents: await this.settlement.settledEvents(),
        escrowBefore,
        escrowAfter: await this.escrow(),
      },
      deadLetters: await readDeadLetters(this.platform.nats.url),
      http,
    };
  }

  close(): void {
    this.settlement.close();
  }
}
