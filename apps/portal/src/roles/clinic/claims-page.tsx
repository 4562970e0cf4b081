import { api, data } from '../../api/client';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { payoutAmount, useTokenDecimals } from './token';

/** How often the clinic's claims are read again: a claim goes from received to paid in seconds. */
export const CLINIC_POLL_MS = 3000;

/** The clinic's main page: the claims it submitted, newest first, with what was paid and where on chain. */
export function ClaimsPage() {
  const pages = useCursorPages();
  const decimals = useTokenDecimals();
  const claims = useAsync(
    () => data(api.GET('/v1/claims', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `claims:${pages.cursor ?? ''}`,
    CLINIC_POLL_MS,
  );
  const items = claims.data?.items ?? [];
  return (
    <>
      <PageTitle>Claims</PageTitle>
      <p className="lead">
        The claims this clinic submitted, and the payout of each in tokens with its transaction. This page updates by
        itself. <Link to="/clinic/estimates">Make an estimate</Link> to submit a new claim.
      </p>
      <ErrorBanner error={claims.error} what="load the claims" />
      {claims.loading && !claims.data ? <p>Loading…</p> : null}
      {claims.data && items.length === 0 ? <p>No claim submitted yet.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">Claims submitted by this clinic</caption>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Member</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Charged
              </th>
              <th scope="col" className="num">
                Plan pays
              </th>
              <th scope="col" className="num">
                Payout
              </th>
              <th scope="col">Transaction</th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>{claim.serviceDate}</td>
                <td>{claim.memberId}</td>
                <td>
                  <StatusBadge status={claim.status} />
                </td>
                <td className="num">{formatMoney(claim.totals.charge, claim.currency)}</td>
                <td className="num">{claim.currency ? formatMoney(claim.totals.planPays, claim.currency) : '—'}</td>
                <td className="num">{claim.payout ? payoutAmount(claim.payout, decimals) : '—'}</td>
                <td>{claim.payout?.txHash ? <code className="hash">{claim.payout.txHash}</code> : '—'}</td>
                <td>
                  <Link to={`/clinic/claims/${claim.id}`}>
                    Details
                    <span className="visually-hidden">
                      {' '}
                      of the claim for {claim.memberId} of {claim.serviceDate}
                    </span>
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
