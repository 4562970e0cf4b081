import { Logger } from '@nestjs/common';
import { ServerNats, type NatsContext, type NatsOptions } from '@nestjs/microservices';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { BusNamespace } from '#libs/contracts';
import { contextFromHeaders } from '#libs/messaging';

type NatsServerOptions = NonNullable<NatsOptions['options']>;
type HandlerCallback = Parameters<ServerNats['addHandler']>[1];

interface HeaderReader {
  get(name: string): string;
}

/**
 * The NestJS NATS transport with every request/reply pattern under the bus namespace, and each
 * request handled inside the caller's trace.
 *
 * Handlers keep the bare pattern (`@MessagePattern(RpcPatterns.getClaim)`); the namespace comes from
 * configuration when the server is built, so one process, or one test, can serve any namespace
 * without reading the environment at import time.
 */
export class NamespacedNatsServer extends ServerNats {
  private readonly namespace: BusNamespace;
  private readonly spans = new WeakMap<object, Span>();
  private readonly log: Logger;
  private connected = false;

  constructor(
    namespace: string,
    options: NatsServerOptions,
    private readonly service: string,
  ) {
    super(options);
    this.namespace = new BusNamespace(namespace);
    this.log = new Logger(`${service}-rpc`);
    this.setOnProcessingStartHook((_transport, rpcContext, done) => {
      void this.traced(rpcContext as NatsContext, done);
    });
    this.setOnProcessingEndHook((_transport, rpcContext) => this.endSpan(rpcContext as NatsContext));
    // NatsStatus is a const enum, which isolated modules cannot import: compare its string value.
    this.status.subscribe((status) => (this.connected = String(status) === 'connected'));
  }

  /** For `/health/ready`: requests can reach this service. */
  isConnected(): boolean {
    return this.connected;
  }

  override async close(): Promise<void> {
    this.connected = false;
    await super.close();
  }

  override addHandler(
    pattern: unknown,
    callback: HandlerCallback,
    isEventHandler?: boolean,
    extras?: Record<string, unknown>,
  ): void {
    const subject = typeof pattern === 'string' ? this.namespace.subject(pattern) : pattern;
    super.addHandler(subject, callback, isEventHandler, extras);
  }

  /** Runs the handler in a server span whose parent is the caller's `traceparent` header. */
  private traced(rpcContext: NatsContext, done: () => Promise<unknown>): Promise<void> {
    const headers = rpcContext.getHeaders() as HeaderReader | undefined;
    const parent = contextFromHeaders({
      traceparent: headers?.get('traceparent') || undefined,
      tracestate: headers?.get('tracestate') || undefined,
    });
    const subject = rpcContext.getSubject();
    const span = trace
      .getTracer(`healthclaims.${this.service}`)
      .startSpan(
        `${this.namespace.strip(subject)} process`,
        { kind: SpanKind.SERVER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject } },
        parent,
      );
    this.spans.set(rpcContext, span);
    return context.with(trace.setSpan(parent, span), done).then(
      () => undefined,
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message });
        this.log.error(`request on ${subject} failed: ${message}`);
      },
    );
  }

  private endSpan(rpcContext: NatsContext): void {
    this.spans.get(rpcContext)?.end();
    this.spans.delete(rpcContext);
  }
}
