import { api, data } from '../../api/client';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { amountsKnown } from './owed';

/** How often the patient's claims are read again: a claim goes from received to paid in seconds. */
export const PATIENT_POLL_MS = 3000;

/** The patient's main page: their claims, newest first, updated live. */
export function ClaimsPage() {
  const pages = useCursorPages();
  const claims = useAsync(
    () => data(api.GET('/v1/claims', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `claims:${pages.cursor ?? ''}`,
    PATIENT_POLL_MS,
  );
  const items = claims.data?.items ?? [];
  return (
    <>
      <PageTitle>My claims</PageTitle>
      <p className="lead">
        Claims your clinics sent to your insurer, and what you owe for each. This page updates by itself.
      </p>
      <ErrorBanner error={claims.error} what="load your claims" />
      {claims.loading && !claims.data ? <p>Loading…</p> : null}
      {claims.data && items.length === 0 ? <p>You have no claims yet.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">My claims</caption>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Clinic</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Charged
              </th>
              <th scope="col" className="num">
                You owe
              </th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>{claim.serviceDate}</td>
                <td>{claim.providerId}</td>
                <td>
                  <StatusBadge status={claim.status} />
                </td>
                <td className="num">{formatMoney(claim.totals.charge, claim.currency)}</td>
                <td className="num">
                  {amountsKnown(claim) ? formatMoney(claim.totals.patientPays, claim.currency) : 'Not decided yet'}
                </td>
                <td>
                  <Link to={`/patient/claims/${claim.id}`}>
                    Details<span className="visually-hidden"> of the claim of {claim.serviceDate}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager pages={pages} nextCursor={claims.data?.nextCursor} label="Claims" />
    </>
  );
}
