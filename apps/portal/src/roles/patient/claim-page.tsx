import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { COST_SHARING_COLUMNS } from '../../ui/amounts-line';
import { LineAmountsTable } from '../../ui/line-amounts-table';
import { formatMoney, formatTokenAmount } from '../../ui/money';
import { Reason } from '../../ui/reason';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { ClaimHistory } from '../../ui/timeline-entries';
import { amountsKnown, useClaim } from '../../ui/use-claim';
import { PATIENT_POLL_MS } from './claims-page';
import { explainLines } from './owed';
import { TxHash } from '../../ui/tx-hash';

/** The settlement token's decimals (HCET, like most ERC-20 tokens). */
const TOKEN_DECIMALS = 18;

/** One claim: where it is, what it cost, what the plan paid and what the patient owes, and its history. */
export function ClaimPage({ id }: { id: string }) {
  const { claim, timeline, notFound } = useClaim(id, PATIENT_POLL_MS);
  if (notFound) {
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
          {view.denialReason ? (
            <p className="banner">
              Denied: <Reason code={view.denialReason} />
            </p>
          ) : null}
          <section aria-labelledby="why-heading">
            <h2 id="why-heading">Why you owe this</h2>
            {amountsKnown(view) ? (
              <>
                <p>
                  For each service your plan sets a price (the allowed amount). Of that price your plan pays its part
                  and the rest is your share: your deductible first, then your copay or coinsurance, as your plan
                  defines them. What you owe is the sum of your shares.
                </p>
                <LineAmountsTable
                  caption="Amounts per service"
                  lines={explainLines(view)}
                  currency={view.currency}
                  columns={[
                    { key: 'charge', label: 'Charged' },
                    { key: 'allowed', label: 'Plan’s price' },
                    { key: 'aboveAllowed', label: 'Above plan’s price' },
                    { key: 'planPays', label: 'Plan pays' },
                    ...COST_SHARING_COLUMNS,
                    { key: 'patientPays', label: 'Your share' },
                  ]}
                />
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
                    in transaction <TxHash hash={view.payout.txHash} />
                  </>
                ) : null}
              </p>
            </section>
          ) : null}
        </>
      ) : claim.loading ? (
        <p>Loading…</p>
      ) : null}
      <ClaimHistory timeline={timeline} />
    </>
  );
}
