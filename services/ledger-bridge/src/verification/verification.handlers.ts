import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  Subjects,
  type CheckRequested,
  type ClaimSubmitted,
  type Envelope,
  type RecordsVerified,
} from '#libs/contracts';
import {
  HandleEvents,
  type BatchGatherContext,
  type BatchHandlerContext,
  type BatchItem,
  type PreparedOutboxRow,
} from '#libs/messaging';
import { LedgerChain } from '../chain/ledger-chain.js';
import { decideVerification } from './decide-verification.js';
import { gatherVerifications, type VerificationGathered } from './gather-verification.js';
import { keepFirstVerdicts } from './verification-store.js';

/** One message to answer: the claim it asks about and what its gather read. */
interface Answerable {
  item: BatchItem<unknown, VerificationGathered>;
  claimId: string;
}

/**
 * Answers the claim saga's `ledger` check: a submitted claim, and the saga's re-ask, get
 * `ledger.records.verified.v1`. The first verdict per claim is stored and republished on a re-ask, so a
 * claim is never judged twice on different facts. A chain that does not answer fails the handler, and the
 * message is retried with backoff.
 *
 * The parties' registrations travel on other streams than the claim and may not be here yet: until they
 * are, the answer is explicitly pending (no verdict, nothing stored), unless the ask is `final`. When to
 * insist is the saga's policy, not the bridge's.
 *
 * Two phases, per batch of messages: the `gather*` methods read the stored verdicts and the parties (one
 * statement) and the chain (one call per kind of fact) before the transaction opens
 * (`gatherVerifications`); the handlers then store the new verdicts and add the answers to the outbox, one
 * statement each, so no database connection or lock waits on the chain and the cost per claim does not
 * grow with round trips.
 */
@Injectable()
export class VerificationHandlers {
  constructor(@Inject(LedgerChain) private readonly chain: LedgerChain) {}

  async gatherSubmitted(
    events: Envelope<ClaimSubmitted>[],
    { dataSource }: BatchGatherContext,
  ): Promise<VerificationGathered[]> {
    const asks = events.map((event) => ({ claim: event.data, final: false }));
    return gatherVerifications(this.chain, dataSource.manager, asks);
  }

  @HandleEvents(Subjects.claimSubmitted, { gather: 'gatherSubmitted' })
  async onClaimsSubmitted(
    items: BatchItem<ClaimSubmitted, VerificationGathered>[],
    ctx: BatchHandlerContext,
  ): Promise<void> {
    await this.answer(
      ctx,
      items.map((item) => ({ item, claimId: item.event.data.claimId })),
    );
  }

  /** Null for a check other than `ledger`: nothing to read, nothing to answer. */
  async gatherChecks(
    events: Envelope<CheckRequested>[],
    { dataSource }: BatchGatherContext,
  ): Promise<(VerificationGathered | null)[]> {
    const ledger = events.flatMap((event) =>
      event.data.check === 'ledger' ? [{ claim: event.data.claim, final: event.data.final === true }] : [],
    );
    const gathered = await gatherVerifications(this.chain, dataSource.manager, ledger);
    let next = 0;
    return events.map((event) => (event.data.check === 'ledger' ? gathered[next++] : null));
  }

  @HandleEvents(Subjects.checkRequested, { gather: 'gatherChecks' })
  async onChecksRequested(
    items: BatchItem<CheckRequested, VerificationGathered | null>[],
    ctx: BatchHandlerContext,
  ): Promise<void> {
    await this.answer(
      ctx,
      items.flatMap(({ gathered, ...item }) =>
        gathered === null ? [] : [{ item: { ...item, gathered }, claimId: item.event.data.claim.claimId }],
      ),
    );
  }

  /**
   * Publishes the answers in the batch's transaction: the verdicts decided here in one statement (each
   * stored unless another delivery of the same claim stored one since the gather read none: the first
   * stored is the one published), then every answer in one outbox statement.
   */
  private async answer({ manager, outbox }: BatchHandlerContext, answerable: Answerable[]): Promise<void> {
    const decided = answerable.flatMap(({ item: { gathered }, claimId }) =>
      gathered.kind === 'facts' ? [{ claimId, verdict: decideVerification(gathered.facts) }] : [],
    );
    const kept = await keepFirstVerdicts(manager, decided);
    const rows: PreparedOutboxRow<RecordsVerified>[] = answerable.map(({ item, claimId }) => {
      const answer = answerOf(claimId, item.gathered, kept);
      return item.traced(() => outbox.prepare(Subjects.recordsVerified, answer, causedBy(item.event)));
    });
    await outbox.insert(manager, rows);
  }
}

function answerOf(
  claimId: string,
  gathered: VerificationGathered,
  kept: Map<string, { verified: boolean; reason: RecordsVerified['reason'] }>,
): RecordsVerified {
  if (gathered.kind === 'stored') return { claimId, ...gathered.verdict };
  if (gathered.kind === 'pending') {
    return { claimId, verified: false, reason: null, pending: 'REGISTRATION_NOT_YET_SEEN' };
  }
  const verdict = kept.get(claimId.toLowerCase());
  if (!verdict) throw new Error(`no verdict was kept for claim ${claimId}`);
  return { claimId, ...verdict };
}
