import { Inject, Injectable } from '@nestjs/common';
import { causedBy, Subjects, type CheckRequested, type ClaimSubmitted } from '#libs/contracts';
import { HandleEvents, type BatchHandlerContext, type BatchItem } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { FRAUD_SETTINGS } from '../fraud-config.js';
import { screenSubmittedClaims, type ScreeningSettings } from './screen-submitted-claims.js';

/**
 * Fraud's consumers of the claim saga: submitted claims, and the saga's re-asks of the fraud check, are
 * answered with `fraud.screening.completed.v1` (the stored result, when already screened). Each takes a
 * whole batch at once, so the statements per batch stay the same however many claims it holds.
 */
@Injectable()
export class ScreeningHandlers {
  constructor(
    @Inject(FRAUD_SETTINGS) private readonly settings: ScreeningSettings,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @HandleEvents(Subjects.claimSubmitted)
  async onClaimsSubmitted(items: BatchItem<ClaimSubmitted>[], { manager, outbox }: BatchHandlerContext): Promise<void> {
    const requests = items.map(({ event, traced }) => ({ claim: event.data, causation: causedBy(event), traced }));
    await screenSubmittedClaims(manager, outbox, requests, this.settings, this.cipher);
  }

  @HandleEvents(Subjects.checkRequested)
  async onChecksRequested(items: BatchItem<CheckRequested>[], { manager, outbox }: BatchHandlerContext): Promise<void> {
    const requests = items
      .filter(({ event }) => event.data.check === 'fraud')
      .map(({ event, traced }) => ({ claim: event.data.claim, causation: causedBy(event), traced }));
    await screenSubmittedClaims(manager, outbox, requests, this.settings, this.cipher);
  }
}
