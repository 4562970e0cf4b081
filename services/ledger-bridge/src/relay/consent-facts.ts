import { prepareConsentPayload, type PrepareConsentPayload, type RpcReply } from '#libs/contracts';
import { fail, invalidField, patientOf } from '#libs/rpc';
import type { DataSource } from 'typeorm';
import { addressOf } from '../directory/directory-store.js';

/** Both steps of a grant: a patient, for itself. */
export const GRANT_RULES = {
  caller: patientOf,
  refusal: 'grant consents',
  payload: prepareConsentPayload,
  invalidDetail: 'the consent is not valid',
};

export type ConsentFacts =
  | { ok: false; reply: RpcReply<never> }
  | {
      ok: true;
      memberId: string;
      patient: string;
      insurer: string;
      insurerId: string;
      expiresAt: Date;
    };

/** The registered addresses of both parties, and the grant asked for, which must end after `now`. */
export async function consentFactsOf(
  dataSource: DataSource,
  memberId: string,
  input: PrepareConsentPayload,
  now: number,
): Promise<ConsentFacts> {
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() / 1000 <= now)
    return { ok: false, reply: invalidField('expiresAt', 'must be in the future') };
  const patient = await addressOf(dataSource.manager, 'members', memberId);
  if (!patient)
    return { ok: false, reply: fail({ code: 'FORBIDDEN', detail: 'the member has no registered address' }) };
  const insurer = await addressOf(dataSource.manager, 'insurers', input.insurerId);
  if (!insurer) return { ok: false, reply: invalidField('insurerId', 'is not a registered insurer') };
  return { ok: true, memberId, patient, insurer, insurerId: input.insurerId, expiresAt };
}
