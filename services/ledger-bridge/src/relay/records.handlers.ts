import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  prepareRecordPayload,
  recordAnchorMessage,
  RpcPatterns,
  type RecordAnchorMessageView,
  type RecordSubmittedView,
  type RpcReply,
  type TypedDataView,
} from '#libs/contracts';
import {
  answering,
  fail,
  forbidden,
  invalid,
  invalidField,
  malformedRequest,
  ok,
  parseWith,
  payloadOf,
  principalOf,
} from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { addressOf } from '../directory/directory-store.js';
import { RECORD_ANCHOR_TYPES, recordRegistryDomain } from '../../contracts/index.js';
import { chainNow, nextNonce } from './relay-context.js';
import { Relayer } from './relayer.js';
import { checkSignedMessage } from './signed-message.js';
import { recordAnchorTypedData, SIGNATURE_TTL_SECONDS } from './typed-data.js';

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
    return answering(this.logger, 'prepare the anchor', async () => {
      const facts = await this.factsOf(request);
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
    return answering(this.logger, 'anchor the record', async () => {
      const facts = await this.factsOf(request);
      if (!facts.ok) return facts.reply;
      const { clinic, patient, input, providerId } = facts;
      const { message: raw, signature } = (payloadOf(request) ?? {}) as { message?: unknown; signature?: unknown };
      if (typeof signature !== 'string') return invalidField('signature', 'must be a hex string');
      const checked = checkSignedMessage(raw, {
        schema: recordAnchorMessage,
        expected: { recordId: onChainId(input.recordId), contentHash: `0x${input.sha256}`, patient },
        domain: recordRegistryDomain(this.chain.client.chainId, this.chain.contracts.recordRegistry),
        types: RECORD_ANCHOR_TYPES,
        signature,
        signer: { address: clinic, who: 'clinic' },
        nextNonce: await nextNonce(this.chain.records, clinic),
        now: await chainNow(this.chain),
      });
      if (!checked.ok) return fail({ code: checked.code, detail: checked.detail, errors: checked.errors });
      const [anchoredBy] = (await this.chain.records.getFunction('recordOf')(onChainId(input.recordId))) as string[];
      if (BigInt(anchoredBy) !== 0n) {
        return fail({
          code: 'CONFLICT',
          detail: 'the record is already anchored',
          errors: [{ field: 'recordId', message: 'is already anchored' }],
        });
      }
      // The row first, so a crash after the relay leaves a row the read side reconciles with the chain.
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO records (record_id, provider_id, member_id, sha256, status) VALUES ($1, $2, $3, $4, 'pending')
         ON CONFLICT (record_id) DO NOTHING RETURNING record_id`,
        [input.recordId, providerId, input.memberId, input.sha256],
      );
      if (claimed.length === 0) {
        return fail({
          code: 'CONFLICT',
          detail: 'the record was already submitted',
          errors: [{ field: 'recordId', message: 'was already submitted' }],
        });
      }
      const m = checked.message;
      const args = [m.recordId, m.contentHash, m.patient, clinic, m.nonce, m.deadline, signature];
      const sent = await this.relayer.relay(this.chain.records, 'anchorBySig', args).catch(async (error: unknown) => {
        await this.dataSource.query(`DELETE FROM records WHERE record_id = $1 AND tx_hash IS NULL`, [input.recordId]);
        throw error;
      });
      const status = sent.blockNumber === undefined ? 'pending' : 'anchored';
      await this.dataSource.query(
        `UPDATE records SET status = $2, tx_hash = $3, block_number = $4 WHERE record_id = $1`,
        [input.recordId, status, sent.txHash, sent.blockNumber ?? null],
      );
      return ok({ recordId: input.recordId, status, txHash: sent.txHash });
    });
  }

  private async factsOf(request: unknown) {
    const principal = principalOf(request);
    if (!principal) return { ok: false as const, reply: malformedRequest<never>() };
    if (principal.role !== 'clinic' || !principal.org)
      return { ok: false as const, reply: forbidden<never>(principal, 'anchor records') };
    const parsed = parseWith(prepareRecordPayload, payloadOf(request));
    if (!parsed.ok) return { ok: false as const, reply: invalid<never>('the record is not valid', parsed.errors) };
    const clinic = await addressOf(this.dataSource.manager, 'providers', principal.org);
    if (!clinic)
      return {
        ok: false as const,
        reply: fail<never>({ code: 'FORBIDDEN', detail: 'the clinic has no registered address' }),
      };
    const patient = await addressOf(this.dataSource.manager, 'members', parsed.value.memberId);
    if (!patient) return { ok: false as const, reply: invalidField<never>('memberId', 'is not a registered member') };
    return { ok: true as const, clinic, patient, input: parsed.value, providerId: principal.org };
  }
}
