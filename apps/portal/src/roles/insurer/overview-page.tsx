import { api, data } from '../../api/client';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { INSURER_POLL_MS, useToken } from './ledger';
import { totalsByStatus, type StatusTotals } from './status-totals';

/** The most the API gives per page; the totals read every page, up to MAX_PAGES of them. */
const TOTALS_PAGE_SIZE = 500;
const MAX_PAGES = 20;

/** Every claim of the insurer's members, page after page; `complete` is false when MAX_PAGES stopped it. */
async function allClaims() {
  const claims = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await data(api.GET('/v1/claims', { params: { query: { limit: TOTALS_PAGE_SIZE, cursor } } }));
    claims.push(...result.items);
    if (!result.nextCursor) return { claims, complete: true };
    cursor = result.nextCursor;
  }
  return { claims, complete: false };
}

/** The insurer's main page: the escrow on chain that pays the clinics, and its members' claims by status. */
export function OverviewPage() {
  const token = useToken();
  const escrow = useAsync(() => data(api.GET('/v1/ledger/escrow')), 'escrow', INSURER_POLL_MS);
  const claims = useAsync(allClaims, 'all-claims', INSURER_POLL_MS);
  const totals = claims.data ? totalsByStatus(claims.data.claims) : [];
  const balance = escrow.data ? token.format(escrow.data.balance, escrow.data.token) : undefined;
  return (
    <>
      <PageTitle>Claims and escrow</PageTitle>
      <p className="lead">
        Your escrow on chain, which pays the clinics, and your members’ claims. This page updates by itself.
      </p>
      <section className="card" aria-labelledby="escrow-heading">
        <h2 id="escrow-heading">Escrow balance on chain</h2>
        <ErrorBanner error={escrow.error ?? token.error} what="read the escrow" />
        {balance ? (
          <p className="figure" data-escrow-balance>
            {balance}
          </p>
        ) : (
          <p>Loading…</p>
        )}
        <p className="muted">
          Held by the settlement contract for {escrow.data?.insurerId ?? 'you'}; each paid claim is paid from it.{' '}
          <Link to="/insurer/payouts">See the payouts</Link>.
        </p>
      </section>
      <section aria-labelledby="by-status-heading">
        <h2 id="by-status-heading">Claims by status</h2>
        <ErrorBanner error={claims.error} what="load the claims" />
        {claims.loading && !claims.data ? <p>Loading…</p> : null}
        {claims.data && totals.length === 0 ? <p>Your members have no claims yet.</p> : null}
        {claims.data && !claims.data.complete ? (
          <p className="banner">
            Only the newest {claims.data.claims.length} claims are counted here; filter the claims list by status for
            the rest.
          </p>
        ) : null}
        {totals.length ? <TotalsTable totals={totals} /> : null}
      </section>
    </>
  );
}

function TotalsTable({ totals }: { totals: StatusTotals[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Claims by status, with their amounts</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Claims
          </th>
          <th scope="col" className="num">
            Charged
          </th>
          <th scope="col" className="num">
            Plan pays
          </th>
          <th scope="col" className="num">
            Members pay
          </th>
          <th scope="col">
            <span className="visually-hidden">List</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.flatMap(({ status, count, money }) =>
          money.map((entry, index) => (
            <tr key={`${status}:${entry.currency ?? ''}`} data-status={status}>
              <td>{index === 0 ? <StatusBadge status={status} /> : null}</td>
              <td className="num">{money.length > 1 ? `${entry.count} of ${count}` : count}</td>
              <td className="num">{formatMoney(entry.charge, entry.currency)}</td>
              <td className="num">
                {entry.currency ? formatMoney(entry.planPays, entry.currency) : 'Not decided yet'}
              </td>
              <td className="num">
                {entry.currency ? formatMoney(entry.patientPays, entry.currency) : 'Not decided yet'}
              </td>
              <td>
                {index === 0 ? (
                  <Link to={`/insurer/claims?status=${status}`}>
                    List<span className="visually-hidden"> the {statusLabel(status).toLowerCase()} claims</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
