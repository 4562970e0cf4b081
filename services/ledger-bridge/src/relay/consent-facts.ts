import { prepareConsentPayload, type Principal, type RpcReply } from '#libs/contracts';
import { fail, forbidden, invalid, invalidField, malformedRequest, parseWith, payloadOf, principalOf } from '#libs/rpc';
import type { DataSource } from 'typeorm';
import { addressOf } from '../directory/directory-store.js';

export type ConsentFacts =
  | { ok: false; reply: RpcReply<never> }
  | {
      ok: true;
      principal: Principal;
      memberId: string;
      patient: string;
      insurer: string;
      insurerId: string;
      expiresAt: Date;
    };

/** The patient asking, the registered addresses of both parties, and the grant asked for. */
export async function consentFactsOf(dataSource: DataSource, request: unknown, now: number): Promise<ConsentFacts> {
  const principal = principalOf(request);
  if (!principal) return { ok: false, reply: malformedRequest() };
  if (principal.role !== 'patient' || !principal.patient)
    return { ok: false, reply: forbidden(principal, 'grant consents') };
  const parsed = parseWith(prepareConsentPayload, payloadOf(request));
  if (!parsed.ok) return { ok: false, reply: invalid('the consent is not valid', parsed.errors) };
  const expiresAt = new Date(parsed.value.expiresAt);
  if (expiresAt.getTime() / 1000 <= now)
    return { ok: false, reply: invalidField('expiresAt', 'must be in the future') };
  const patient = await addressOf(dataSource.manager, 'members', principal.patient);
  if (!patient)
    return { ok: false, reply: fail({ code: 'FORBIDDEN', detail: 'the member has no registered address' }) };
  const insurer = await addressOf(dataSource.manager, 'insurers', parsed.value.insurerId);
  if (!insurer) return { ok: false, reply: invalidField('insurerId', 'is not a registered insurer') };
  return {
    ok: true,
    principal,
    memberId: principal.patient,
    patient,
    insurer,
    insurerId: parsed.value.insurerId,
    expiresAt,
  };
}
