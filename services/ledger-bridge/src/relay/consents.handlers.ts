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
import { fail, ok, serveRequest } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { CONSENT_GRANT_TYPES, consentRegistryDomain } from '../../contracts/index.js';
import { CLAIMS_SCOPE } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { consentFactsOf, GRANT_RULES } from './consent-facts.js';
import { storeGrant } from './consent-store.js';
import { chainNow, nextNonce, signedPartOf } from './relay-context.js';
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
    const rules = { action: 'prepare the consent', ...GRANT_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: memberId, input }) => {
      const now = await chainNow(this.chain);
      const facts = await consentFactsOf(this.dataSource, memberId, input, now);
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
    const rules = { action: 'grant the consent', ...GRANT_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: memberId, input }) => {
      const now = await chainNow(this.chain);
      const facts = await consentFactsOf(this.dataSource, memberId, input, now);
      if (!facts.ok) return facts.reply;
      const signed = signedPartOf(request);
      if (!signed.ok) return signed;
      const { message: raw, signature } = signed.value;
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
      const id = await storeGrant(this.dataSource.manager, {
        memberId: facts.memberId,
        insurerId: facts.insurerId,
        expiresAt: facts.expiresAt,
        status,
        txHash: sent.txHash,
      });
      return ok({ id, status, txHash: sent.txHash });
    });
  }
}
