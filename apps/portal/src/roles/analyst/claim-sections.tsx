import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { StatusBadge } from '../../ui/status-badge';
import { TimelineEntries } from '../../ui/timeline-entries';
import { useAsync, type AsyncState } from '../../ui/use-async';
import { whoIs } from './who';

type FlagClaim = components['schemas']['FlagClaimResponse'];
type FlagHistory = components['schemas']['FlagHistoryResponse'];

const ACTIONS: Record<FlagHistory['action'], string> = {
  flagged: 'Flagged',
  assigned: 'Assigned',
  noted: 'Note',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};

/** The flagged claim's lines, as submitted (the fraud service's copy, in the flag detail). */
export function ClaimLines({ claim, currency }: { claim: FlagClaim; currency: string | null | undefined }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Lines of the flagged claim</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col" className="num">
            Units
          </th>
          <th scope="col" className="num">
            Charge
          </th>
        </tr>
      </thead>
      <tbody>
        {claim.lines.map((line, index) => (
          <tr key={index}>
            <td>{line.code}</td>
            <td className="num">{line.units}</td>
            <td className="num">{formatMoney(line.charge, currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td className="num">{formatMoney(claim.totalCharge, currency)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The claim's own status history (GET /v1/claims/{id}/timeline: the analyst sees pending_review). */
export function ClaimTimeline({ claimId, pollKey }: { claimId: string; pollKey: string }) {
  const timeline = useAsync(
    () => data(api.GET('/v1/claims/{id}/timeline', { params: { path: { id: claimId } } })),
    `${claimId}:${pollKey}`,
  );
  return (
    <>
      <ErrorBanner error={timeline.error} what="load the claim’s history" />
      <TimelineEntries items={timeline.data?.items ?? []} withActor label="The claim’s status history" />
    </>
  );
}

/** How many of the member's latest claims the flag page reads. */
export const MEMBER_HISTORY_SIZE = 10;

type ClaimPage = components['schemas']['ClaimPageResponse'];

/** The member's latest claims with this insurer (GET /v1/claims?memberId=), this one marked. */
export function MemberHistory({ claims, claimId }: { claims: AsyncState<ClaimPage>; claimId: string }) {
  const items = claims.data?.items ?? [];
  return (
    <>
      <ErrorBanner error={claims.error} what="load the member’s claims" />
      {claims.data && items.length === 0 ? <p>No other claim of this member.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">The member’s latest claims, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Clinic</th>
              <th scope="col">Services</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Charged
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>
                  {claim.serviceDate}
                  {claim.id === claimId ? <strong> (this claim)</strong> : null}
                  <span className="muted"> {claim.id.slice(0, 8)}…</span>
                </td>
                <td>{claim.providerId}</td>
                <td>{claim.lines.map((line) => line.code).join(', ')}</td>
                <td>
                  <StatusBadge status={claim.status} />
                </td>
                <td className="num">{formatMoney(claim.totals.charge, claim.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** What happened to the flag: flagged, taken, notes, the decision; who and when. */
export function FlagHistoryList({ history, me }: { history: FlagHistory[]; me: string | undefined }) {
  return (
    <ol className="timeline" aria-label="The flag’s history">
      {history.map((entry, index) => (
        <li key={index}>
          <strong>{ACTIONS[entry.action]}</strong> by {whoIs(entry.actor, me)},{' '}
          <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
          {entry.note ? <span>: “{entry.note}”</span> : null}
        </li>
      ))}
    </ol>
  );
}
