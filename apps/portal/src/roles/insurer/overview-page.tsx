import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { INSURER_POLL_MS, useToken } from './ledger';

type StatusTotals = components['schemas']['StatusTotalsView'];

/** The insurer's main page: the escrow on chain that pays the clinics, and its members' claims by status. */
export function OverviewPage() {
  const token = useToken();
  const escrow = useAsync(() => data(api.GET('/v1/ledger/escrow')), 'escrow', INSURER_POLL_MS);
  // Counted and summed by the API in one query, however many claims there are.
  const summary = useAsync(() => data(api.GET('/v1/claims/summary')), 'claims-summary', INSURER_POLL_MS);
  const totals = summary.data?.items ?? [];
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
        <ErrorBanner error={summary.error} what="load the claims" />
        {summary.loading && !summary.data ? <p>Loading…</p> : null}
        {summary.data && totals.length === 0 ? <p>Your members have no claims yet.</p> : null}
        {totals.length ? <TotalsTable totals={totals} /> : null}
      </section>
    </>
  );
}

/** Claims of one status and currency; a status with claims in two currencies takes two rows (they do not add up). */
function TotalsTable({ totals }: { totals: StatusTotals[] }) {
  const perStatus = new Map<string, number>();
  for (const entry of totals) perStatus.set(entry.status, (perStatus.get(entry.status) ?? 0) + entry.count);
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
        {totals.map((entry, index) => {
          const { status, currency } = entry;
          const first = index === 0 || totals[index - 1]?.status !== status;
          const count = perStatus.get(status) ?? entry.count;
          return (
            <tr key={`${status}:${currency ?? ''}`} data-status={status}>
              <td>{first ? <StatusBadge status={status} /> : null}</td>
              <td className="num">{count === entry.count ? count : `${entry.count} of ${count}`}</td>
              <td className="num">{formatMoney(entry.billed, currency)}</td>
              <td className="num">{currency ? formatMoney(entry.planPays, currency) : 'Not decided yet'}</td>
              <td className="num">{currency ? formatMoney(entry.patientPays, currency) : 'Not decided yet'}</td>
              <td>
                {first ? (
                  <Link to={`/insurer/claims?status=${status}`}>
                    List<span className="visually-hidden"> the {statusLabel(status).toLowerCase()} claims</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
