import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  Subjects,
  type CheckRequested,
  type ClaimDecided,
  type ClaimSubmitted,
  type Envelope,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { markClaimDenied } from './coverage-store.js';
import { decideClaimCoverage } from './decide-claim-coverage.js';
import { PREAUTHORIZATION_SOURCE, type PreauthorizationSource } from './preauthorization-source.js';

/**
 * Underwriting's consumers of the claim saga: a submitted claim and the saga's re-ask of the
 * coverage check are answered with `underwriting.coverage.decided.v1`; a claim the saga denied stops
 * counting as billed for later claims' NCCI and MUE edits.
 */
@Injectable()
export class CoverageHandlers {
  constructor(
    @Inject(PREAUTHORIZATION_SOURCE) private readonly preauthorizations: PreauthorizationSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @HandleEvent(Subjects.claimSubmitted)
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, { manager, outbox }: HandlerContext): Promise<void> {
    await decideClaimCoverage(manager, outbox, event.data, causedBy(event), this.preauthorizations, this.cipher);
  }

  @HandleEvent(Subjects.checkRequested)
  async onCheckRequested(event: Envelope<CheckRequested>, { manager, outbox }: HandlerContext): Promise<void> {
    if (event.data.check !== 'coverage') return;
    await decideClaimCoverage(manager, outbox, event.data.claim, causedBy(event), this.preauthorizations, this.cipher);
  }

  @HandleEvent(Subjects.claimDecided)
  async onClaimDecided(event: Envelope<ClaimDecided>, { manager }: HandlerContext): Promise<void> {
    if (event.data.status === 'denied') await markClaimDenied(manager, event.data.claimId);
  }
}
