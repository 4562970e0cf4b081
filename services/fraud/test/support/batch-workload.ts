import type { ClaimSubmitted } from '#libs/contracts';
import { aClaim } from './fraud-builders.js';

const HOUR_MS = 60 * 60 * 1000;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const instant = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => instant(ms).slice(0, 10);

/**
 * Claims whose verdicts depend on the claims screened just before them, in the order they are handled: a
 * history of 99213 charges and of one provider's claims built up inside the list (76 lines: an even count), then a spike, an outlier
 * on an even count of samples, twins and near twins, an impossible day, a second copy of a claim, a claim
 * submitted before the one handled ahead of it, a claim whose member died, an excluded provider's claim, an
 * inflated estimate and a claim the saga denied. `deniedClaimId` is to be marked denied before screening.
 */
export function batchWorkload(): { claims: ClaimSubmitted[]; deniedClaimId: string } {
  const claims: ClaimSubmitted[] = [];
  // 40 days of two claims a day at P-SPIKE, each with a 99213 line of a slightly different charge.
  for (let hours = 40 * 24; hours >= 60; hours -= 12) {
    const at = NOW - hours * HOUR_MS;
    claims.push(
      aClaim(`M-H${hours}`)
        .by('P-SPIKE')
        .on(dayOf(at))
        .submittedAt(instant(at))
        .withLine('99213', 1, 10000 + hours)
        .build(),
    );
  }
  // Ten more in the last 24 h: more than 3 × the daily average of the 30 days before from the sixth on.
  for (let hour = 20; hour >= 11; hour -= 1) {
    const at = NOW - hour * HOUR_MS;
    claims.push(aClaim(`M-S${hour}`).by('P-SPIKE').on(dayOf(at)).submittedAt(instant(at)).withLine('80053').build());
  }
  const today = dayOf(NOW);
  const at = (minutes: number) => instant(NOW + minutes * 60 * 1000);
  // A charge per unit above 3 × the median of the lines of 99213 before it.
  claims.push(aClaim('M-OUT').by('P-OTHER').on(today).submittedAt(at(1)).withLine('99213', 2, 66000).build());
  // Twins and a near twin of one member's day; the denied one does not count.
  const first = aClaim('M-TWIN')
    .by('P-DAY')
    .on(today)
    .submittedAt(at(2))
    .withLine('99213')
    .withLine('80053', 2)
    .build();
  const denied = aClaim('M-DENY').by('P-DAY').on(today).submittedAt(at(3)).withLine('70551').build();
  claims.push(first, denied);
  claims.push(aClaim('M-TWIN').by('P-DAY').on(today).submittedAt(at(4)).withLine('80053', 2).withLine('99213').build());
  claims.push(aClaim('M-TWIN').by('P-DAY').on(today).submittedAt(at(5)).withLine('80053', 1).build());
  claims.push(aClaim('M-DENY').by('P-DAY').on(today).submittedAt(at(6)).withLine('70551').build());
  // A second copy of the first twin, and a claim submitted before the ones handled ahead of it.
  claims.push({ ...first });
  claims.push(aClaim('M-LATE').by('P-DAY').on(today).submittedAt(at(-30)).withLine('99213', 1, 10001).build());
  // An impossible day: 4 × 120 minutes of 27447 on each of three claims is 1,440; the fourth passes it.
  for (let n = 0; n < 4; n += 1) {
    claims.push(
      aClaim(`M-BUSY${n}`)
        .by('P-BUSY')
        .on(today)
        .submittedAt(at(10 + n))
        .withLine('27447', 4)
        .build(),
    );
  }
  claims.push(aClaim('M-GONE').by('P-OTHER').on(today).submittedAt(at(20)).withLine('99213').build());
  claims.push(aClaim('M-X').by('P-BAD').on(today).submittedAt(at(21)).withLine('99213').build());
  claims.push(
    aClaim('M-EST').by('P-OTHER').citing('EST-B').on(today).submittedAt(at(22)).withLine('99213', 1, 12001).build(),
  );
  return { claims, deniedClaimId: denied.claimId };
}
