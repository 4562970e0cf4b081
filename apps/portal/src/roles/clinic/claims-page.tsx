import { api, data } from '../../api/client';
import { Link } from '../../router/router';
import { ClaimsTable } from '../../ui/claims-table';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { payoutAmount, useTokenDecimals } from './token';
import { TxHash } from '../../ui/tx-hash';

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
        <ClaimsTable
          caption="Claims submitted by this clinic"
          claims={items}
          party={{ label: 'Member', of: (claim) => claim.memberId }}
          columns={[
            {
              label: 'Plan pays',
              numeric: true,
              cell: (claim) => (claim.currency ? formatMoney(claim.totals.planPays, claim.currency) : '—'),
            },
            {
              label: 'Payout',
              numeric: true,
              cell: (claim) => (claim.payout ? payoutAmount(claim.payout, decimals) : '—'),
            },
            {
              label: 'Transaction',
              cell: (claim) => (claim.payout?.txHash ? <TxHash hash={claim.payout.txHash} /> : '—'),
            },
          ]}
          details={{
            path: (claim) => `/clinic/claims/${claim.id}`,
            name: (claim) => `of the claim for ${claim.memberId} of ${claim.serviceDate}`,
          }}
        />
      ) : null}
      <Pager pages={pages} nextCursor={claims.data?.nextCursor} label="Claims" />
    </>
  );
}
