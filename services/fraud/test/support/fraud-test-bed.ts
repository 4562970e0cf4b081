import { Subjects, type ClaimSubmitted, type ScreeningCompleted } from '#libs/contracts';
import { readFraudConfig, type FraudConfig } from '../../src/fraud-config.js';
import { ServiceTestBed, type ServiceUnderTest } from '#libs/test-bed';
import { createFraudApp, startFraudApp } from '../../src/fraud.app.js';

const fraud: ServiceUnderTest<FraudConfig> = {
  name: 'fraud',
  readConfig: readFraudConfig,
  createApp: createFraudApp,
  startApp: startFraudApp,
};

/** One test file's fraud service, in-process on its own database and bus namespace (see ServiceTestBed). */
export type FraudTestBed = ServiceTestBed<FraudConfig>;
export const FraudTestBed = {
  open: (label: string, env: Record<string, string> = {}): Promise<FraudTestBed> =>
    ServiceTestBed.open(fraud, label, env),
};

/** Submits the claim as the claims service would and waits for its (first) screening. */
export async function screenedBy(bed: FraudTestBed, claim: ClaimSubmitted): Promise<ScreeningCompleted> {
  await bed.publish(Subjects.claimSubmitted, claim);
  const [event] = await bed.waitForEvents<ScreeningCompleted>(Subjects.screeningCompleted, { claimId: claim.claimId });
  return event.envelope.data;
}
