import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { Preauthorization } from './coverage-facts.js';

/**
 * Where the coverage decision learns about the pre-authorisation a claim cites (its `estimateId`).
 * Estimates and their pre-authorisations belong to billing; the service binds
 * PREAUTHORIZATION_SOURCE to `EstimatePreauthorizations`, a read model of billing's estimate events.
 */
export interface PreauthorizationSource {
  /** The pre-authorisation of the estimate the claim cites, or null (none cited, unknown, not approved). */
  forClaim(manager: EntityManager, claim: ClaimSubmitted): Promise<Preauthorization | null>;
}

export const PREAUTHORIZATION_SOURCE = Symbol('PREAUTHORIZATION_SOURCE');
