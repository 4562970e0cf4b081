import { Inject, Injectable } from '@nestjs/common';
import { causedBy, Subjects, type CheckRequested, type ClaimSubmitted, type Envelope } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { FRAUD_SETTINGS } from '../fraud-config.js';
import { screenSubmittedClaim, type ScreeningSettings } from './screen-submitted-claim.js';

/**
 * Fraud's consumers of the claim saga: a submitted claim, and the saga's re-ask of the fraud check,
 * are answered with `fraud.screening.completed.v1` (the stored result, when already screened).
 */
@Injectable()
export class ScreeningHandlers {
  constructor(
    @Inject(FRAUD_SETTINGS) private readonly settings: ScreeningSettings,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @HandleEvent(Subjects.claimSubmitted)
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, { manager, outbox }: HandlerContext): Promise<void> {
    await screenSubmittedClaim(manager, outbox, event.data, causedBy(event), this.settings, this.cipher);
  }

  @HandleEvent(Subjects.checkRequested)
  async onCheckRequested(event: Envelope<CheckRequested>, { manager, outbox }: HandlerContext): Promise<void> {
    if (event.data.check !== 'fraud') return;
    await screenSubmittedClaim(manager, outbox, event.data.claim, causedBy(event), this.settings, this.cipher);
  }
}
