import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '#libs/auth';
import type { Principal } from '#libs/contracts';

/** Who a request/reply call is made for: the verified caller and the request id that traces it. */
export interface RpcCaller {
  principal: Principal;
  requestId: string;
}

/** The caller of a handler that `AuthGuard` protects, ready to forward to a service. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): RpcCaller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id: unknown }>();
  if (!request.principal) throw new Error('Caller used on a handler without AuthGuard');
  return { principal: request.principal, requestId: String(request.id) };
});
