import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { COST_SHARING_COLUMNS } from '../../ui/amounts-line';
import { LineAmountsTable } from '../../ui/line-amounts-table';
import { formatMoney } from '../../ui/money';
import { Reason } from '../../ui/reason';
import { PageTitle } from '../../ui/shell';
import { StatusBadge, statusLabel } from '../../ui/status-badge';
import { ClaimHistory } from '../../ui/timeline-entries';
import { amountsKnown, useClaim } from '../../ui/use-claim';
import { CLINIC_POLL_MS } from './claims-page';
import { useProcedureLabel } from './procedure-table';
import { payoutAmount, useTokenDecimals } from './token';
import { TxHash } from '../../ui/tx-hash';

/** One submitted claim: where it is, how it was priced line by line, the payout and its history. */
export function ClaimPage({ id }: { id: string }) {
  const decimals = useTokenDecimals();
  const { claim, timeline, notFound } = useClaim(id, CLINIC_POLL_MS);
  const procedureLabel = useProcedureLabel();
  if (notFound) {
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
  const priced = Boolean(view && amountsKnown(view));
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
          {view.denialReason ? (
            <p className="banner banner-error">
              Denied: <Reason code={view.denialReason} />
            </p>
          ) : null}
          <LineAmountsTable
            caption="Lines of the claim"
            lines={view.lines}
            currency={view.currency}
            service={procedureLabel}
            priced={priced}
            columns={[
              { key: 'charge', label: 'Charge' },
              { key: 'allowed', label: 'Allowed' },
              { key: 'planPays', label: 'Plan pays' },
              ...COST_SHARING_COLUMNS,
              { key: 'patientPays', label: 'Patient pays' },
            ]}
          />
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
                  <dd>{view.payout.txHash ? <TxHash hash={view.payout.txHash} /> : 'Not sent yet'}</dd>
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
      <ClaimHistory timeline={timeline} />
    </>
  );
}
