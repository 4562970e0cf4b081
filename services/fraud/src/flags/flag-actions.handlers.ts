import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import {
  flagDecisionPayload,
  flagNotePayload,
  newCorrelation,
  RpcPatterns,
  Subjects,
  type FlagNoteResult,
  type FlagView,
  type RpcReply,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { PhiCipher } from '#libs/phi';
import { conflict, invalid, mintedId, notFound, ok, parseWith, payloadOf, requestIdOf, serveRequest } from '#libs/rpc';
import { callingAnalystInsurer } from '../rpc/callers.js';
import { assignFlag, decideFlag, findFlag, recordAction, type StoredFlag } from './flag-store.js';
import { assignVerdict, decisionVerdict, statusAfter } from './flag-transitions.js';

type FlagWork<T> = (manager: EntityManager, flag: StoredFlag, analyst: string) => Promise<RpcReply<T>>;

const ON_FLAG_RULES = { caller: callingAnalystInsurer, refusal: 'work the fraud queue', read: mintedId('flag') };

/**
 * An analyst's actions on a flag of its insurer: assign, note, decide. Each runs with the flag row
 * locked and records who and when; the decision publishes `fraud.flag.decided.v1` in the same transaction.
 */
@Controller()
export class FlagActionsHandlers {
  private readonly logger = new Logger('FlagActions');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.assignFlag)
  assign(@Payload() request: unknown): Promise<RpcReply<FlagView>> {
    return this.onFlag(request, 'assign the flag', async (manager, flag, analyst) => {
      const verdict = assignVerdict(flag.view, analyst);
      if (!verdict.ok) return conflict(verdict.conflict);
      if (!verdict.changes) return ok(flag.view);
      await assignFlag(manager, flag.view.id, analyst);
      await recordAction(manager, this.cipher, flag.view.id, analyst, 'assigned');
      return ok({ ...flag.view, status: 'assigned', assignee: analyst });
    });
  }

  @MessagePattern(RpcPatterns.addFlagNote)
  note(@Payload() request: unknown): Promise<RpcReply<FlagNoteResult>> {
    const input = parseWith(flagNotePayload, payloadOf(request));
    return this.onFlag(request, 'note the flag', async (manager, flag, analyst) => {
      if (!input.ok) return invalid('the request is not valid', input.errors);
      const { at } = await recordAction(manager, this.cipher, flag.view.id, analyst, 'noted', input.value.note);
      return ok({
        flagId: flag.view.id,
        memberId: flag.view.memberId,
        at: at.toISOString(),
        actor: analyst,
        note: input.value.note,
      });
    });
  }

  @MessagePattern(RpcPatterns.decideFlag)
  decide(@Payload() request: unknown): Promise<RpcReply<FlagView>> {
    const input = parseWith(flagDecisionPayload, payloadOf(request));
    return this.onFlag(request, 'decide the flag', async (manager, flag, analyst) => {
      if (!input.ok) return invalid('the request is not valid', input.errors);
      const verdict = decisionVerdict(flag.view, analyst);
      if (!verdict.ok) return conflict(verdict.conflict);
      const { decision, note } = input.value;
      const status = statusAfter(decision);
      await decideFlag(manager, flag.view.id, analyst, status);
      await recordAction(manager, this.cipher, flag.view.id, analyst, status, note);
      await this.outbox.add(
        manager,
        Subjects.flagDecided,
        { claimId: flag.view.claimId, flagId: flag.view.id, decision },
        newCorrelation(requestIdOf(request)),
      );
      return ok({ ...flag.view, status, assignee: flag.view.assignee ?? analyst });
    });
  }

  /** Finds the caller's insurer's flag, locked, and runs `work` on it in one transaction. */
  private onFlag<T>(request: unknown, action: string, work: FlagWork<T>): Promise<RpcReply<T>> {
    const rules = { action, ...ON_FLAG_RULES };
    return serveRequest(this.logger, request, rules, ({ principal, caller: insurerId, input: id }) =>
      inTransaction(this.dataSource, async (manager) => {
        const flag = await findFlag(manager, this.cipher, id, insurerId, { forUpdate: true });
        if (!flag) return notFound<T>('flag');
        return work(manager, flag, principal.sub);
      }),
    );
  }
}
