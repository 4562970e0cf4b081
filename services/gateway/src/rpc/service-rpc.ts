import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { context, propagation } from '@opentelemetry/api';
import { BusNamespace, type RpcRequest } from '#libs/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ProblemException } from '../http/problem.exception.js';
import type { RpcCaller } from './rpc-caller.js';
import type { RpcExchanges, RpcPattern } from './rpc-contracts.js';
import { isRpcReply, problemForRpcError } from './rpc-problem.js';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/**
 * Request/reply to the owning service over NATS (`@nestjs/microservices`): the pattern under the
 * bus namespace, the caller as the principal, a timeout, and W3C trace context plus the request id
 * in the message headers so the service's work joins the caller's trace. A service's named error
 * becomes the caller's problem (VALIDATION 400, NOT_FOUND 404, CONFLICT 409, FORBIDDEN 403,
 * UNAVAILABLE 503); no answer in time is a 503 too, so controllers only say what to ask.
 */
@Injectable()
export class ServiceRpc {
  private readonly logger = new Logger(ServiceRpc.name);
  private readonly namespace: BusNamespace;

  constructor(
    @Inject(RPC_CLIENT) private readonly client: ClientProxy,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.namespace = new BusNamespace(config.busNamespace);
  }

  async call<K extends RpcPattern>(
    pattern: K,
    { principal, requestId }: RpcCaller,
    payload: RpcExchanges[K]['payload'],
  ): Promise<RpcExchanges[K]['result']> {
    const request: RpcRequest<RpcExchanges[K]['payload']> = { principal, requestId, payload };
    const record = new NatsRecordBuilder(request).setHeaders(this.headersFor(requestId)).build();
    let reply: unknown;
    try {
      reply = await firstValueFrom(
        this.client.send<unknown>(this.namespace.subject(pattern), record).pipe(timeout(this.config.rpcTimeoutMs)),
      );
    } catch (error) {
      throw this.unavailable(pattern, error);
    }
    if (!isRpcReply(reply)) {
      this.logger.error(`${pattern} answered with something that is not an RpcReply`);
      throw ProblemException.of('bad-gateway', 'a service answered with an unexpected response');
    }
    if (reply.ok) return reply.value as RpcExchanges[K]['result'];
    throw new ProblemException(
      problemForRpcError(reply.error),
      reply.error.code === 'UNAVAILABLE' ? { 'Retry-After': '1' } : {},
    );
  }

  private headersFor(requestId: string) {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const result = natsHeaders();
    for (const [name, value] of Object.entries(carrier)) result.set(name, value);
    result.set('x-request-id', requestId);
    return result;
  }

  private unavailable(pattern: string, error: unknown): ProblemException {
    const detail =
      error instanceof TimeoutError
        ? `the service did not answer within ${this.config.rpcTimeoutMs} ms; retry shortly`
        : 'the service cannot be reached; retry shortly';
    this.logger.warn(`${pattern} failed: ${error instanceof Error ? error.message : String(error)}`);
    return ProblemException.of('service-unavailable', detail, { headers: { 'Retry-After': '1' } });
  }
}
