import { api, data } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { CLINIC_POLL_MS } from './claims-page';
import { procedureLabel } from './estimate-table';
import { payoutAmount, useTokenDecimals } from './token';

/** One submitted claim: where it is, how it was priced line by line, the payout and its history. */
export function ClaimPage({ id }: { id: string }) {
  const decimals = useTokenDecimals();
  const claim = useAsync(() => data(api.GET('/v1/claims/{id}', { params: { path: { id } } })), id, CLINIC_POLL_MS);
  const timeline = useAsync(
    () => data(api.GET('/v1/claims/{id}/timeline', { params: { path: { id } } })),
    id,
    CLINIC_POLL_MS,
  );
  if (claim.error instanceof ApiProblem && claim.error.status === 404) {
    return (
      <>
        <PageTitle>Claim not found</PageTitle>
        <p>
          There is no claim of this clinic with this id. <Link to="/clinic">Back to the claims</Link>.
        </p>
      </>
    );
  }
  const view = claim.data;
  // Amounts are final once the claim is decided (as on the patient's claim page).
  const priced = Boolean(view && ['approved', 'paid', 'payment_failed', 'closed', 'denied'].includes(view.status));
  const money = (amount: number) => formatMoney(amount, view?.currency);
  return (
    <>
      <p>
        <Link to="/clinic">← Claims</Link>
      </p>
      <PageTitle>
        Claim for {view?.memberId ?? '…'} of {view?.serviceDate ?? '…'}
      </PageTitle>
      <ErrorBanner error={claim.error} what="load the claim" />
      {view ? (
        <>
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>
                <StatusBadge status={view.status} />
              </dd>
            </div>
            <div>
              <dt>Charged</dt>
              <dd>{money(view.totals.charge)}</dd>
            </div>
            <div>
              <dt>Allowed</dt>
              <dd>{priced ? money(view.totals.allowed) : 'Not decided yet'}</dd>
            </div>
            <div>
              <dt>Plan pays</dt>
              <dd>{priced ? money(view.totals.planPays) : 'Not decided yet'}</dd>
            </div>
            <div>
              <dt>Patient pays</dt>
              <dd>{priced ? money(view.totals.patientPays) : 'Not decided yet'}</dd>
            </div>
          </dl>
          {view.denialReason ? <p className="banner banner-error">Denied: {view.denialReason}.</p> : null}
          <table className="table">
            <caption className="visually-hidden">Lines of the claim</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Decision</th>
                <th scope="col" className="num">
                  Charge
                </th>
                <th scope="col" className="num">
                  Allowed
                </th>
                <th scope="col" className="num">
                  Plan pays
                </th>
                <th scope="col" className="num">
                  Deductible
                </th>
                <th scope="col" className="num">
                  Copay
                </th>
                <th scope="col" className="num">
                  Coinsurance
                </th>
                <th scope="col" className="num">
                  Patient pays
                </th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((line, index) => (
                <tr key={index}>
                  <td>{procedureLabel(line.code)}</td>
                  <td>
                    <StatusBadge status={line.status} />
                    {line.reason ? <span className="muted"> {line.reason}</span> : null}
                  </td>
                  <td className="num">{money(line.charge)}</td>
                  <td className="num">{priced ? money(line.allowed) : '—'}</td>
                  <td className="num">{priced ? money(line.planPays) : '—'}</td>
                  {line.costSharing ? (
                    <>
                      <td className="num">{money(line.costSharing.deductible)}</td>
                      <td className="num">{money(line.costSharing.copay)}</td>
                      <td className="num">{money(line.costSharing.coinsurance)}</td>
                    </>
                  ) : (
                    <td className="num" colSpan={3}>
                      {priced ? 'Not itemised' : '—'}
                    </td>
                  )}
                  <td className="num">{priced ? money(line.patientPays) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="payout-heading">
            <h2 id="payout-heading">Payout</h2>
            {view.payout ? (
              <dl className="facts payout">
                <div>
                  <dt>Payout status</dt>
                  <dd>{statusLabel(view.payout.status)}</dd>
                </div>
                <div>
                  <dt>Amount</dt>
                  <dd>{payoutAmount(view.payout, decimals)}</dd>
                </div>
                <div>
                  <dt>Transaction</dt>
                  <dd>{view.payout.txHash ? <code className="hash">{view.payout.txHash}</code> : 'Not sent yet'}</dd>
                </div>
                {view.payout.blockNumber !== undefined ? (
                  <div>
                    <dt>Block</dt>
                    <dd>{view.payout.blockNumber}</dd>
                  </div>
                ) : null}
              </dl>
            ) : (
              <p>No payout yet: one is made once the claim is approved.</p>
            )}
          </section>
        </>
      ) : claim.loading ? (
        <p>Loading…</p>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">History</h2>
        <ErrorBanner error={timeline.error} what="load the history" />
        <ol className="timeline">
          {(timeline.data?.items ?? []).map((entry, index) => (
            <li key={index}>
              <StatusBadge status={entry.status} />{' '}
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
              {entry.reason ? <span className="muted"> — {entry.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
