import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  consentRevokeMessage,
  type ConsentRevokeMessageView,
  type ConsentSubmittedView,
  RpcPatterns,
  type RpcReply,
  type TypedDataView,
} from '#libs/contracts';
import { fail, notFound, ok, patientOf, serveRequest } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { CONSENT_REVOKE_TYPES, consentRegistryDomain } from '../../contracts/index.js';
import { CLAIMS_SCOPE } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { markConsentRevoked, ownConsent } from './consent-store.js';
import { chainNow, nextNonce, signedPartOf } from './relay-context.js';
import { Relayer } from './relayer.js';
import { checkSignedMessage } from './signed-message.js';
import { consentRevokeTypedData, SIGNATURE_TTL_SECONDS } from './typed-data.js';

interface OwnConsent {
  id: string;
  patient: string;
  insurer: string;
  status: string;
}

/** Both steps of a revocation: a patient, of a consent it granted (the id as the caller wrote it). */
const REVOKE_RULES = {
  caller: patientOf,
  refusal: 'revoke consents',
  read: (payload: unknown): RpcReply<string> => {
    const id = (payload as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? ok(id) : notFound('consent');
  },
};

/** A patient revokes its own consent (prepare, sign, submit); another's consent is a 404. */
@Controller()
export class ConsentRevokeHandlers {
  private readonly logger = new Logger('ConsentRevoke');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
    @Inject(Relayer) private readonly relayer: Relayer,
  ) {}

  @MessagePattern(RpcPatterns.prepareConsentRevoke)
  async prepare(@Payload() request: unknown): Promise<RpcReply<TypedDataView<ConsentRevokeMessageView>>> {
    const rules = { action: 'prepare the revocation', ...REVOKE_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: memberId, input: id }) => {
      const own = await this.ownConsent(memberId, id);
      if (!('patient' in own)) return own;
      const message: ConsentRevokeMessageView = {
        patient: own.patient,
        insurer: own.insurer,
        scope: CLAIMS_SCOPE,
        nonce: await nextNonce(this.chain.consents, own.patient),
        deadline: (await chainNow(this.chain)) + SIGNATURE_TTL_SECONDS,
      };
      return ok(consentRevokeTypedData(this.chain.client.chainId, this.chain.contracts.consentRegistry, message));
    });
  }

  @MessagePattern(RpcPatterns.submitConsentRevoke)
  async submit(@Payload() request: unknown): Promise<RpcReply<ConsentSubmittedView>> {
    const rules = { action: 'revoke the consent', ...REVOKE_RULES };
    return serveRequest(this.logger, request, rules, async ({ caller: memberId, input: id }) => {
      const own = await this.ownConsent(memberId, id);
      if (!('patient' in own)) return own;
      const signed = signedPartOf(request);
      if (!signed.ok) return signed;
      const { message: raw, signature } = signed.value;
      const checked = checkSignedMessage(raw, {
        schema: consentRevokeMessage,
        expected: { patient: own.patient, insurer: own.insurer, scope: CLAIMS_SCOPE },
        domain: consentRegistryDomain(this.chain.client.chainId, this.chain.contracts.consentRegistry),
        types: CONSENT_REVOKE_TYPES,
        signature,
        signer: { address: own.patient, who: 'member' },
        nextNonce: await nextNonce(this.chain.consents, own.patient),
        now: await chainNow(this.chain),
      });
      if (!checked.ok) return fail({ code: checked.code, detail: checked.detail, errors: checked.errors });
      const m = checked.message;
      const sent = await this.relayer.relay(this.chain.consents, 'revokeBySig', [
        m.patient,
        m.insurer,
        m.scope,
        m.nonce,
        m.deadline,
        signature,
      ]);
      await markConsentRevoked(this.dataSource.manager, own.id, sent.txHash);
      return ok({ id: own.id, status: 'revoked', txHash: sent.txHash });
    });
  }

  /** The member's own consent, if it is still in force. */
  private async ownConsent(memberId: string, id: string): Promise<OwnConsent | RpcReply<never>> {
    const row = await ownConsent(this.dataSource.manager, id, memberId);
    if (!row) return notFound('consent');
    if (row.status !== 'active' || row.expires_at.getTime() <= Date.now()) {
      return fail({ code: 'CONFLICT', detail: 'the consent is not in force' });
    }
    return { id: row.id, patient: row.patient, insurer: row.insurer, status: row.status };
  }
}
