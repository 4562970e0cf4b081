import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  prepareRecordPayload,
  RpcPatterns,
  type PrepareRecordPayload,
  type RecordAnchorMessageView,
  type RecordSubmittedView,
  type RpcReply,
  type TypedDataView,
} from '#libs/contracts';
import { clinicOf, fail, invalidField, ok, serveRequest } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { addressOf } from '../directory/directory-store.js';
import { alreadyAnchored, anchorRecord } from './anchor-record.js';
import { checkAnchorMessage, isAnchored, type AnchorRequest } from './check-anchor.js';
import { chainNow, nextNonce, signedPartOf } from './relay-context.js';
import { Relayer } from './relayer.js';
import { recordAnchorTypedData, SIGNATURE_TTL_SECONDS } from './typed-data.js';

/** Both steps of an anchor: a clinic, about a record of one of its patients. */
const ANCHOR_RULES = {
  caller: clinicOf,
  refusal: 'anchor records',
  payload: prepareRecordPayload,
  invalidDetail: 'the record is not valid',
};

/**
 * A clinic anchors a record's hash: prepare (typed data with its next nonce), sign with its own key, submit
 * (checked, then relayed by the platform). Only hashes and the member's pseudonymous address go on chain.
 */
@Controller()
export class RecordsHandlers {
  private readonly logger = new Logger('Records');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
    @Inject(Relayer) private readonly relayer: Relayer,
  ) {}

  @MessagePattern(RpcPatterns.prepareRecord)
  async prepare(@Payload() request: unknown): Promise<RpcReply<TypedDataView<RecordAnchorMessageView>>> {
    const rules = { action: 'prepare the anchor', ...ANCHOR_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: providerId, input: asked }) => {
      const facts = await this.factsOf(providerId, asked);
      if (!facts.ok) return facts.reply;
      const { clinic, patient, input } = facts;
      const message: RecordAnchorMessageView = {
        recordId: onChainId(input.recordId),
        contentHash: `0x${input.sha256}`,
        patient,
        nonce: await nextNonce(this.chain.records, clinic),
        deadline: (await chainNow(this.chain)) + SIGNATURE_TTL_SECONDS,
      };
      return ok(recordAnchorTypedData(this.chain.client.chainId, this.chain.contracts.recordRegistry, message));
    });
  }

  @MessagePattern(RpcPatterns.submitRecord)
  async submit(@Payload() request: unknown): Promise<RpcReply<RecordSubmittedView>> {
    const rules = { action: 'anchor the record', ...ANCHOR_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: providerId, input: asked }) => {
      const facts = await this.factsOf(providerId, asked);
      if (!facts.ok) return facts.reply;
      const signed = signedPartOf(request);
      if (!signed.ok) return signed;
      const { message: raw, signature } = signed.value;
      const checked = await checkAnchorMessage(this.chain, facts, raw, signature);
      if (!checked.ok) return fail({ code: checked.code, detail: checked.detail, errors: checked.errors });
      if (await isAnchored(this.chain, facts.input.recordId)) return alreadyAnchored();
      return anchorRecord(this.dataSource.manager, this.chain, this.relayer, facts, {
        message: checked.message,
        signature,
      });
    });
  }

  /** The registered addresses of the clinic (the signer) and the member the record is about. */
  private async factsOf(
    providerId: string,
    input: PrepareRecordPayload,
  ): Promise<({ ok: true } & AnchorRequest) | { ok: false; reply: RpcReply<never> }> {
    const clinic = await addressOf(this.dataSource.manager, 'providers', providerId);
    if (!clinic)
      return { ok: false, reply: fail({ code: 'FORBIDDEN', detail: 'the clinic has no registered address' }) };
    const patient = await addressOf(this.dataSource.manager, 'members', input.memberId);
    if (!patient) return { ok: false, reply: invalidField('memberId', 'is not a registered member') };
    return { ok: true, clinic, patient, input, providerId };
  }
}
