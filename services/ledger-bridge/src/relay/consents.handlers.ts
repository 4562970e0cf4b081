import { randomUUID } from 'node:crypto';
import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  consentGrantMessage,
  type ConsentGrantMessageView,
  type ConsentSubmittedView,
  RpcPatterns,
  type RpcReply,
  type TypedDataView,
} from '#libs/contracts';
import { answering, fail, invalidField, ok, payloadOf } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { CONSENT_GRANT_TYPES, consentRegistryDomain } from '../../contracts/index.js';
import { CLAIMS_SCOPE } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { consentFactsOf } from './consent-facts.js';
import { chainNow, nextNonce } from './relay-context.js';
import { Relayer } from './relayer.js';
import { checkSignedMessage } from './signed-message.js';
import { consentGrantTypedData, SIGNATURE_TTL_SECONDS } from './typed-data.js';

/** A patient grants its insurer the `claims` scope until an expiry: prepare, sign, submit (relayed). */
@Controller()
export class ConsentsHandlers {
  private readonly logger = new Logger('Consents');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
    @Inject(Relayer) private readonly relayer: Relayer,
  ) {}

  @MessagePattern(RpcPatterns.prepareConsent)
  async prepare(@Payload() request: unknown): Promise<RpcReply<TypedDataView<ConsentGrantMessageView>>> {
    return answering(this.logger, 'prepare the consent', async () => {
      const now = await chainNow(this.chain);
      const facts = await consentFactsOf(this.dataSource, request, now);
      if (!facts.ok) return facts.reply;
      const message: ConsentGrantMessageView = {
        patient: facts.patient,
        insurer: facts.insurer,
        scope: CLAIMS_SCOPE,
        expiresAt: Math.floor(facts.expiresAt.getTime() / 1000),
        nonce: await nextNonce(this.chain.consents, facts.patient),
        deadline: now + SIGNATURE_TTL_SECONDS,
      };
      return ok(consentGrantTypedData(this.chain.client.chainId, this.chain.contracts.consentRegistry, message));
    });
  }

  @MessagePattern(RpcPatterns.submitConsent)
  async submit(@Payload() request: unknown): Promise<RpcReply<ConsentSubmittedView>> {
    return answering(this.logger, 'grant the consent', async () => {
      const now = await chainNow(this.chain);
      const facts = await consentFactsOf(this.dataSource, request, now);
      if (!facts.ok) return facts.reply;
      const { message: raw, signature } = (payloadOf(request) ?? {}) as { message?: unknown; signature?: unknown };
      if (typeof signature !== 'string') return invalidField('signature', 'must be a hex string');
      const expiresAt = Math.floor(facts.expiresAt.getTime() / 1000);
      const checked = checkSignedMessage(raw, {
        schema: consentGrantMessage,
        expected: { patient: facts.patient, insurer: facts.insurer, scope: CLAIMS_SCOPE, expiresAt },
        domain: consentRegistryDomain(this.chain.client.chainId, this.chain.contracts.consentRegistry),
        types: CONSENT_GRANT_TYPES,
        signature,
        signer: { address: facts.patient, who: 'member' },
        nextNonce: await nextNonce(this.chain.consents, facts.patient),
        now,
      });
      if (!checked.ok) return fail({ code: checked.code, detail: checked.detail, errors: checked.errors });
      const m = checked.message;
      const sent = await this.relayer.relay(this.chain.consents, 'grantBySig', [
        m.patient,
        m.insurer,
        m.scope,
        m.expiresAt,
        m.nonce,
        m.deadline,
        signature,
      ]);
      const status = sent.blockNumber === undefined ? 'pending' : 'active';
      const id = await this.store(facts.memberId, facts.insurerId, facts.expiresAt, status, sent.txHash);
      return ok({ id, status, txHash: sent.txHash });
    });
  }

  /** A grant while one is in force moves its expiry on chain, so the row in force is updated, not doubled. */
  private async store(memberId: string, insurerId: string, expiresAt: Date, status: string, txHash: string) {
    const [, updated] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE consents SET expires_at = $3, tx_hash = $4, status = $5
       WHERE member_id = $1 AND insurer_id = $2 AND status IN ('pending', 'active') AND expires_at > now()
       RETURNING id`,
      [memberId, insurerId, expiresAt, txHash, status],
    );
    const [rows] = [
      updated > 0
        ? await this.dataSource.query<{ id: string }[]>(`SELECT id FROM consents WHERE tx_hash = $1`, [txHash])
        : [],
    ];
    if (rows.length > 0) return rows[0].id;
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO consents (id, member_id, insurer_id, scope, expires_at, status, tx_hash) VALUES ($1, $2, $3, 'claims', $4, $5, $6)`,
      [id, memberId, insurerId, expiresAt, status, txHash],
    );
    return id;
  }
}
