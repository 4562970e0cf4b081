import { api, data } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { INSURER_POLL_MS, TxHash, useToken } from './ledger';

/** What the escrow paid: the paid claims, newest first, each with its payout's amount and transaction. */
export function PayoutsPage() {
  const pages = useCursorPages();
  const token = useToken();
  const paid = useAsync(
    () =>
      data(api.GET('/v1/claims', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor, status: 'paid' } } })),
    `payouts:${pages.cursor ?? ''}`,
    INSURER_POLL_MS,
  );
  const items = paid.data?.items ?? [];
  return (
    <>
      <PageTitle>Payouts</PageTitle>
      <p className="lead">
        Claims paid to the clinics from your escrow on chain, newest first, with the transaction of each payment.
      </p>
      <ErrorBanner error={paid.error ?? token.error} what="load the payouts" />
      {paid.loading && !paid.data ? <p>Loading…</p> : null}
      {paid.data && items.length === 0 ? <p>No claim has been paid yet.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">Payouts</caption>
          <thead>
            <tr>
              <th scope="col">Paid</th>
              <th scope="col">Clinic</th>
              <th scope="col">Member</th>
              <th scope="col" className="num">
                Plan pays
              </th>
              <th scope="col" className="num">
                Paid on chain
              </th>
              <th scope="col">Payout</th>
              <th scope="col">Transaction</th>
              <th scope="col" className="num">
                Block
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>
                  <time dateTime={claim.updatedAt}>{new Date(claim.updatedAt).toLocaleString()}</time>
                </td>
                <td>{claim.providerId}</td>
                <td>{claim.memberId}</td>
                <td className="num">{formatMoney(claim.totals.planPays, claim.currency)}</td>
                <td className="num">
                  {claim.payout ? (token.format(claim.payout.amount, claim.payout.token) ?? '…') : '—'}
                </td>
                <td>{claim.payout ? <StatusBadge status={claim.payout.status} /> : null}</td>
                <td>{claim.payout?.txHash ? <TxHash hash={claim.payout.txHash} /> : 'Not sent yet'}</td>
                <td className="num">{claim.payout?.blockNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager pages={pages} nextCursor={paid.data?.nextCursor} label="Payouts" />
    </>
  );
}
