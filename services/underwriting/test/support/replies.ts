import type { RpcReply } from '#libs/contracts';

/** The fields a VALIDATION reply names; any other reply as it is, so a failing assertion shows it. */
export const validationFields = (reply: RpcReply<unknown>) =>
  !reply.ok && reply.error.code === 'VALIDATION' ? (reply.error.errors ?? []).map((error) => error.field) : reply;
