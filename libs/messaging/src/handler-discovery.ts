import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { BatchGatherFn, BatchHandlerFn, EventHandlerFn, EventHandlerRegistration, GatherFn } from './handler.js';
import { HANDLE_EVENT_METADATA, type HandleEventMetadata } from './handle-event.decorator.js';

/**
 * Finds every `@HandleEvent` (per message) and `@HandleEvents` (per batch) method on the application's
 * providers and controllers, with the gather method it names, if any.
 */
@Injectable()
export class HandlerDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  discover(): EventHandlerRegistration[] {
    const seen = new Set<object>();
    const found: EventHandlerRegistration[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no single instance to call from a consumer.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic() || seen.has(instance))
        continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<HandleEventMetadata | undefined>(HANDLE_EVENT_METADATA, method);
        if (!metadata) continue;
        const { lockOrder, gather: gatherName, ...options } = metadata.options ?? {};
        const gather = gatherName === undefined ? undefined : gatherMethod(prototype, gatherName, metadata.subject);
        const { subject } = metadata;
        if (metadata.batch) {
          const handleBatch = (method as BatchHandlerFn).bind(instance);
          const gatherBatch = (gather as BatchGatherFn | undefined)?.bind(instance);
          found.push({ subject, options, handleBatch, gatherBatch, lockOrder });
        } else {
          const handle = (method as EventHandlerFn).bind(instance);
          found.push({ subject, options, handle, gather: (gather as GatherFn | undefined)?.bind(instance), lockOrder });
        }
      }
    }
    return found;
  }
}

/** The decorator checks the name at compile time; this catches a provider built around the types. */
function gatherMethod(prototype: Record<string, unknown>, name: string, subject: string): GatherFn | BatchGatherFn {
  const method = prototype[name];
  if (typeof method !== 'function') throw new Error(`the gather step ${name} of the ${subject} handler is no method`);
  return method as GatherFn | BatchGatherFn;
}
