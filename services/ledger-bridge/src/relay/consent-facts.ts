import type { Principal, RpcReply } from '#libs/contracts';
import { fail, malformedRequest, payloadOf, principalOf } from '#libs/rpc';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { addressOf } from '../directory/directory-store.js';
import { forbidden, invalidField } from './relay-context.js';

const consentRequest = z.object({
  insurerId: z.string().min(1).max(100),
  scope: z.literal('claims', { message: 'must be "claims"' }),
  expiresAt: z.iso.datetime({ offset: true, message: 'must be an RFC 3339 timestamp' }),
});

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
  const parsed = consentRequest.safeParse(payloadOf(request));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    return { ok: false, reply: fail({ code: 'VALIDATION', detail: 'the consent is not valid', errors }) };
  }
  const expiresAt = new Date(parsed.data.expiresAt);
  if (expiresAt.getTime() / 1000 <= now)
    return { ok: false, reply: invalidField('expiresAt', 'must be in the future') };
  const patient = await addressOf(dataSource.manager, 'members', principal.patient);
  if (!patient)
    return { ok: false, reply: fail({ code: 'FORBIDDEN', detail: 'the member has no registered address' }) };
  const insurer = await addressOf(dataSource.manager, 'insurers', parsed.data.insurerId);
  if (!insurer) return { ok: false, reply: invalidField('insurerId', 'is not a registered insurer') };
  return {
    ok: true,
    principal,
    memberId: principal.patient,
    patient,
    insurer,
    insurerId: parsed.data.insurerId,
    expiresAt,
  };
}
