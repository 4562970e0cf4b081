import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { Preauthorization } from './coverage-facts.js';

/**
 * Where the coverage decision learns about the pre-authorisation a claim cites (its `estimateId`).
 * Estimates and their pre-authorisations belong to billing and arrive with issue 4; until then no
 * source knows any, so every preauth code is PREAUTH_REQUIRED. Replace the provider bound to
 * PREAUTHORIZATION_SOURCE (e.g. with a read model fed by billing's estimate events) to change that.
 */
export interface PreauthorizationSource {
  /** The pre-authorisation of the estimate the claim cites, or null (none cited, unknown, not approved). */
  forClaim(manager: EntityManager, claim: ClaimSubmitted): Promise<Preauthorization | null>;
}

export const PREAUTHORIZATION_SOURCE = Symbol('PREAUTHORIZATION_SOURCE');

/** The seam's placeholder: no estimate is known yet (see above). */
export class NoPreauthorizations implements PreauthorizationSource {
  async forClaim(): Promise<Preauthorization | null> {
    return null;
  }
}
