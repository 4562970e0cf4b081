import { fail } from '#libs/rpc';
import type { RpcReply } from '#libs/contracts';

export const notFound = <T>(): RpcReply<T> => fail({ code: 'NOT_FOUND', detail: 'no such claim' });
