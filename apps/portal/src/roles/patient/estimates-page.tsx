import { api, data } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { COST_SHARING_COLUMNS, estimateAmounts } from '../../ui/amounts-line';
import { LineAmountsTable } from '../../ui/line-amounts-table';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';

/** Estimates clinics asked for the patient: what each planned service would cost them, and why. */
export function EstimatesPage() {
  const pages = useCursorPages();
  const estimates = useAsync(
    () => data(api.GET('/v1/estimates', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `estimates:${pages.cursor ?? ''}`,
  );
  const items = estimates.data?.items ?? [];
  return (
    <>
      <PageTitle>My estimates</PageTitle>
      <p className="lead">What planned care would cost you, priced on your plan as it stood when the clinic asked.</p>
      <ErrorBanner error={estimates.error} what="load your estimates" />
      {estimates.loading && !estimates.data ? <p>Loading…</p> : null}
      {estimates.data && items.length === 0 ? <p>No clinic has asked for an estimate for you yet.</p> : null}
      {items.map((estimate) => (
        <section key={estimate.id} className="card" aria-labelledby={`estimate-${estimate.id}`}>
          <h2 id={`estimate-${estimate.id}`}>
            {estimate.plannedDate} at {estimate.providerId}: you would pay{' '}
            {formatMoney(estimate.totals.patientPays, estimate.currency)}
          </h2>
          <p className="muted">
            Valid until {estimate.validUntil}; {estimate.network === 'in' ? 'in' : 'out of'} network. Deductible left
            this year: {formatMoney(estimate.accumulators.deductibleRemaining, estimate.currency)}.
          </p>
          <LineAmountsTable
            caption={`Services of the estimate of ${estimate.plannedDate}`}
            lines={estimate.lines.map(estimateAmounts)}
            currency={estimate.currency}
            decisionLabel="Coverage"
            columns={[
              { key: 'charge', label: 'Charge' },
              { key: 'allowed', label: 'Plan’s price' },
              ...COST_SHARING_COLUMNS,
              { key: 'planPays', label: 'Plan pays' },
              { key: 'patientPays', label: 'You pay' },
            ]}
          />
        </section>
      ))}
      <Pager pages={pages} nextCursor={estimates.data?.nextCursor} label="Estimates" />
    </>
  );
}
