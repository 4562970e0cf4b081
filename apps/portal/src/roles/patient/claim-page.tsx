import { api, data } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney, formatTokenAmount } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { PATIENT_POLL_MS } from './claims-page';
import { amountsKnown, explainLines, reasonInWords } from './owed';

/** The settlement token's decimals (HCET, like most ERC-20 tokens). */
const TOKEN_DECIMALS = 18;

/** One claim: where it is, what it cost, what the plan paid and what the patient owes, and its history. */
export function ClaimPage({ id }: { id: string }) {
  const claim = useAsync(() => data(api.GET('/v1/claims/{id}', { params: { path: { id } } })), id, PATIENT_POLL_MS);
  const timeline = useAsync(
    () => data(api.GET('/v1/claims/{id}/timeline', { params: { path: { id } } })),
    id,
    PATIENT_POLL_MS,
  );
  if (claim.error instanceof ApiProblem && claim.error.status === 404) {
    return (
      <>
        <PageTitle>Claim not found</PageTitle>
        <p>
          There is no claim of yours with this id. <Link to="/patient">Back to my claims</Link>.
        </p>
      </>
    );
  }
  const view = claim.data;
  return (
    <>
      <p>
        <Link to="/patient">← My claims</Link>
      </p>
      <PageTitle>Claim of {view?.serviceDate ?? '…'}</PageTitle>
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
              <dt>Clinic</dt>
              <dd>{view.providerId}</dd>
            </div>
            <div>
              <dt>Charged</dt>
              <dd>{formatMoney(view.totals.charge, view.currency)}</dd>
            </div>
            <div>
              <dt>Your plan pays</dt>
              <dd>{amountsKnown(view) ? formatMoney(view.totals.planPays, view.currency) : 'Not decided yet'}</dd>
            </div>
            <div>
              <dt>You owe</dt>
              <dd className="owed">
                {amountsKnown(view) ? formatMoney(view.totals.patientPays, view.currency) : 'Not decided yet'}
              </dd>
            </div>
          </dl>
          {view.denialReason ? <p className="banner">Denied because {reasonInWords(view.denialReason)}.</p> : null}
          <section aria-labelledby="why-heading">
            <h2 id="why-heading">Why you owe this</h2>
            {amountsKnown(view) ? (
              <>
                <p>
                  For each service your plan sets a price (the allowed amount). Of that price your plan pays its part
                  and the rest is your share: your deductible first, then your copay or coinsurance, as your plan
                  defines them. What you owe is the sum of your shares.
                </p>
                <table className="table">
                  <caption className="visually-hidden">Amounts per service</caption>
                  <thead>
                    <tr>
                      <th scope="col">Service</th>
                      <th scope="col">Decision</th>
                      <th scope="col" className="num">
                        Charged
                      </th>
                      <th scope="col" className="num">
                        Plan’s price
                      </th>
                      <th scope="col" className="num">
                        Above plan’s price
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
                        Your share
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {explainLines(view).map((line, index) => (
                      <tr key={index}>
                        <td>{line.code}</td>
                        <td>
                          <StatusBadge status={line.status} />
                          {line.reason ? <span className="muted"> {reasonInWords(line.reason)}</span> : null}
                        </td>
                        <td className="num">{formatMoney(line.charge, view.currency)}</td>
                        <td className="num">{formatMoney(line.allowed, view.currency)}</td>
                        <td className="num">{formatMoney(line.aboveAllowed, view.currency)}</td>
                        <td className="num">{formatMoney(line.planPays, view.currency)}</td>
                        {line.costSharing ? (
                          <>
                            <td className="num">{formatMoney(line.costSharing.deductible, view.currency)}</td>
                            <td className="num">{formatMoney(line.costSharing.copay, view.currency)}</td>
                            <td className="num">{formatMoney(line.costSharing.coinsurance, view.currency)}</td>
                          </>
                        ) : (
                          <td className="num" colSpan={3}>
                            Not itemised
                          </td>
                        )}
                        <td className="num">{formatMoney(line.patientPays, view.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : (
              <p>Your plan has not decided this claim yet; the amounts appear here once it has.</p>
            )}
          </section>
          {view.payout ? (
            <section aria-labelledby="payout-heading">
              <h2 id="payout-heading">Payment to the clinic</h2>
              <p>
                {statusLabel(view.payout.status)}:{' '}
                {formatTokenAmount(view.payout.amount, TOKEN_DECIMALS, view.payout.token || 'tokens')}
                {view.payout.txHash ? (
                  <>
                    {' '}
                    in transaction <code className="hash">{view.payout.txHash}</code>
                  </>
                ) : null}
              </p>
            </section>
          ) : null}
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
              {entry.reason ? <span className="muted"> — {reasonInWords(entry.reason)}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
