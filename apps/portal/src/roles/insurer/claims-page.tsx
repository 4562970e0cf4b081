import { useId } from 'react';
import { api, data } from '../../api/client';
import { navigate, useSearch } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { ReasonNote } from '../../ui/reason';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { INSURER_POLL_MS, TxHash, useToken } from './ledger';
import { CLAIM_STATUSES, type ClaimStatus } from './claim-statuses';

const isStatus = (value: string | null): value is ClaimStatus => CLAIM_STATUSES.includes(value as ClaimStatus);

/** The insurer's members' claims, newest first, filtered by status (`?status=`, so a filtered list has an address). */
export function ClaimsPage() {
  const requested = useSearch().get('status');
  const status = isStatus(requested) ? requested : undefined;
  const selectId = useId();
  return (
    <>
      <PageTitle>{status ? `Claims: ${statusLabel(status).toLowerCase()}` : 'Claims'}</PageTitle>
      <p className="lead">Your members’ claims, newest first, with what your plan pays and its payout on chain.</p>
      <div className="field">
        <label htmlFor={selectId}>Status</label>
        <select
          id={selectId}
          value={status ?? ''}
          onChange={(event) =>
            navigate(event.target.value ? `/insurer/claims?status=${event.target.value}` : '/insurer/claims')
          }
        >
          <option value="">Every status</option>
          {CLAIM_STATUSES.map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
              {value === 'pending_review' ? ' (held for fraud review)' : ''}
            </option>
          ))}
        </select>
      </div>
      {/* A new filter starts again at its first page. */}
      <ClaimsList key={status ?? ''} status={status} />
    </>
  );
}

function ClaimsList({ status }: { status: ClaimStatus | undefined }) {
  const pages = useCursorPages();
  const token = useToken();
  const claims = useAsync(
    () => data(api.GET('/v1/claims', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor, status } } })),
    `claims:${status ?? ''}:${pages.cursor ?? ''}`,
    INSURER_POLL_MS,
  );
  const items = claims.data?.items ?? [];
  return (
    <>
      <ErrorBanner error={claims.error} what="load the claims" />
      {claims.loading && !claims.data ? <p>Loading…</p> : null}
      {claims.data && items.length === 0 ? <p>No claim{status ? ' with this status' : ''}.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">Claims{status ? ` with status ${statusLabel(status)}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Member</th>
              <th scope="col">Clinic</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Charged
              </th>
              <th scope="col" className="num">
                Plan pays
              </th>
              <th scope="col">Payout</th>
            </tr>
          </thead>
          <tbody>
            {items.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>{claim.serviceDate}</td>
                <td>{claim.memberId}</td>
                <td>{claim.providerId}</td>
                <td>
                  <StatusBadge status={claim.status} />
                  {claim.denialReason ? <ReasonNote code={claim.denialReason} /> : null}
                </td>
                <td className="num">{formatMoney(claim.totals.charge, claim.currency)}</td>
                <td className="num">
                  {claim.currency ? formatMoney(claim.totals.planPays, claim.currency) : 'Not decided yet'}
                </td>
                <td>
                  {claim.payout ? (
                    <>
                      <StatusBadge status={claim.payout.status} />{' '}
                      {token.format(claim.payout.amount, claim.payout.token) ?? '…'}
                      {claim.payout.txHash ? (
                        <>
                          <br />
                          <TxHash hash={claim.payout.txHash} />
                        </>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">None</span>
                  )}
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
