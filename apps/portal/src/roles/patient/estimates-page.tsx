import { api, data } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { reasonInWords } from './owed';

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
          <table className="table">
            <caption className="visually-hidden">Services of the estimate of {estimate.plannedDate}</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Coverage</th>
                <th scope="col" className="num">
                  Charge
                </th>
                <th scope="col" className="num">
                  Plan’s price
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
                  Plan pays
                </th>
                <th scope="col" className="num">
                  You pay
                </th>
              </tr>
            </thead>
            <tbody>
              {estimate.lines.map((line, index) => (
                <tr key={index}>
                  <td>{line.code}</td>
                  <td>
                    <StatusBadge status={line.status} />
                    {line.reason ? <span className="muted"> {reasonInWords(line.reason)}</span> : null}
                  </td>
                  <td className="num">{formatMoney(line.charge, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.allowed, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.deductible, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.copay, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.coinsurance, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.planPays, estimate.currency)}</td>
                  <td className="num">{formatMoney(line.patientPays, estimate.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <Pager pages={pages} nextCursor={estimates.data?.nextCursor} label="Estimates" />
    </>
  );
}
