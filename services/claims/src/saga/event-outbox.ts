import type { EntityManager } from 'typeorm';
import type { Causation } from '#libs/contracts';

/** The part of the messaging outbox the saga needs (the real one validates and inserts a row). */
export interface EventOutbox {
  add<T>(manager: EntityManager, subject: string, data: T, causation: Causation): Promise<unknown>;
}
