import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { context, propagation } from '@opentelemetry/api';
import { BusNamespace, type RpcPattern, type RpcPayload, type RpcRequest, type RpcResult } from '#libs/contracts';
import { firstValueFrom, timeout } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { outageOf, outageProblem } from '../http/outage.js';
import { ProblemException } from '../http/problem.exception.js';
import type { RpcCaller } from './rpc-caller.js';
import { isRpcReply, problemForRpcError } from './rpc-problem.js';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/**
 * Request/reply to the owning service over NATS (`@nestjs/microservices`): the pattern under the
 * bus namespace, the caller as the principal, a timeout, and W3C trace context plus the request id
 * in the message headers so the service's work joins the caller's trace. A service's named error
 * becomes the caller's problem (VALIDATION 400, NOT_FOUND 404, CONFLICT 409, FORBIDDEN 403,
 * UNAVAILABLE 503 with Retry-After, INTERNAL 500); the bus down, no service listening or no answer in
 * time is a 503 with Retry-After too, so controllers only say what to ask.
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
    payload: RpcPayload<K>,
  ): Promise<RpcResult<K>> {
    const request: RpcRequest<RpcPayload<K>> = { principal, requestId, payload };
    const record = new NatsRecordBuilder(request).setHeaders(this.headersFor(requestId)).build();
    let reply: unknown;
    try {
      reply = await firstValueFrom(
        this.client.send<unknown>(this.namespace.subject(pattern), record).pipe(timeout(this.config.rpcTimeoutMs)),
      );
    } catch (error) {
      throw this.failed(pattern, error);
    }
    if (!isRpcReply(reply)) {
      this.logger.error(`${pattern} answered with something that is not an RpcReply`);
      throw ProblemException.of('bad-gateway', 'a service answered with an unexpected response');
    }
    if (reply.ok) return reply.value as RpcResult<K>;
    if (reply.error.code === 'UNAVAILABLE') throw outageProblem('service-unavailable', reply.error.detail);
    throw new ProblemException(problemForRpcError(reply.error));
  }

  private headersFor(requestId: string) {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const result = natsHeaders();
    for (const [name, value] of Object.entries(carrier)) result.set(name, value);
    result.set('x-request-id', requestId);
    return result;
  }

  /**
   * An outage of the bus or the service is a 503, logged once here. A service whose handler threw
   * outside its reply envelope answers Nest's error packet: the service's fault, a 502. Anything else
   * is the gateway's own bug, left for the problem filter to log and answer 500.
   */
  private failed(pattern: string, error: unknown): unknown {
    const outage = outageOf(error);
    if (outage) {
      this.logger.warn(`${pattern} answered 503, ${outage}: ${error instanceof Error ? error.message : String(error)}`);
      return outageProblem(outage);
    }
    if (isServiceErrorPacket(error)) {
      this.logger.error(`${pattern} failed in the service without a reply: ${JSON.stringify(error)}`);
      return ProblemException.of('bad-gateway', 'a service answered with an unexpected response');
    }
    return error;
  }
}

/** What `@nestjs/microservices` sends back when a handler throws: `{status: 'error', message}`. */
function isServiceErrorPacket(error: unknown): boolean {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && 'message' in error;
}
