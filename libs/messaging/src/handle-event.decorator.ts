import { SetMetadata } from '@nestjs/common';
import type { ConsumerOptions } from './consumer-settings.js';
import type { LockOrder } from './handler.js';

export const HANDLE_EVENT_METADATA = 'healthclaims:handle-event';

export type HandleEventOptions = ConsumerOptions & { lockOrder?: LockOrder };

export interface HandleEventMetadata {
  subject: string;
  options?: HandleEventOptions;
}

/**
 * Marks a provider method as the service's handler for a bare subject:
 * `(event: Envelope<T>, ctx: HandlerContext) => Promise<void>`, run in the inbox transaction.
 * MessagingModule finds it at bootstrap and gives it a durable consumer.
 */
export function HandleEvent(subject: string, options?: HandleEventOptions): MethodDecorator {
  return SetMetadata<string, HandleEventMetadata>(HANDLE_EVENT_METADATA, { subject, options });
}
