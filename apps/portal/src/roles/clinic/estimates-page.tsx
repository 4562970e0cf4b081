import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { useSession } from '../../auth/session';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, FormProblem, useApiForm } from '../../ui/form';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { today } from './amount-input';
import { clinicOf } from './clinic-org';
import { EstimateTable, type Estimate } from './estimate-table';
import { EMPTY_LINE, LinesEditor, linesBody, type LineDraft } from './lines-editor';

/**
 * The clinic's estimates: a form that asks the API to price planned care on the member's plan, the answer
 * with every amount, a claim from it; and the estimates the clinic asked for before.
 */
export function EstimatesPage() {
  const pages = useCursorPages();
  const [made, setMade] = useState<Estimate | undefined>();
  const estimates = useAsync(
    () => data(api.GET('/v1/estimates', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `estimates:${pages.cursor ?? ''}:${made?.id ?? ''}`,
  );
  const items = estimates.data?.items ?? [];
  return (
    <>
      <PageTitle>Estimates</PageTitle>
      <p className="lead">
        What planned care would cost the patient and the plan, priced on the member’s plan and what they have paid this
        year. A claim citing the estimate is priced to the cent as estimated.
      </p>
      <EstimateForm onMade={setMade} />
      {made ? (
        <section className="card" aria-labelledby="made-heading" data-estimate-id={made.id}>
          <h2 id="made-heading">
            Estimate for {made.memberId} on {made.plannedDate}: the patient would pay{' '}
            {formatMoney(made.totals.patientPays, made.currency)}
          </h2>
          <p className="muted">
            Valid until {made.validUntil}; {made.network === 'in' ? 'in' : 'out of'} network. Deductible left in{' '}
            {made.accumulators.year}: {formatMoney(made.accumulators.deductibleRemaining, made.currency)}; out-of-pocket
            left: {formatMoney(made.accumulators.oopRemaining, made.currency)}.
          </p>
          <EstimateTable estimate={made} />
          <p>
            <Link to={`/clinic/estimates/${made.id}/claim`} className="button-link">
              Submit a claim from this estimate
            </Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">Estimates you asked for</h2>
        <ErrorBanner error={estimates.error} what="load the estimates" />
        {estimates.data && items.length === 0 ? <p>No estimate yet.</p> : null}
        {items.length ? (
          <table className="table">
            <caption className="visually-hidden">Estimates you asked for</caption>
            <thead>
              <tr>
                <th scope="col">Planned date</th>
                <th scope="col">Member</th>
                <th scope="col">Services</th>
                <th scope="col" className="num">
                  Charge
                </th>
                <th scope="col" className="num">
                  Plan pays
                </th>
                <th scope="col" className="num">
                  Patient pays
                </th>
                <th scope="col">Valid until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((estimate) => (
                <tr key={estimate.id} data-estimate-id={estimate.id}>
                  <td>{estimate.plannedDate}</td>
                  <td>{estimate.memberId}</td>
                  <td>{estimate.lines.map((line) => line.code).join(', ')}</td>
                  <td className="num">{formatMoney(estimate.totals.charge, estimate.currency)}</td>
                  <td className="num">{formatMoney(estimate.totals.planPays, estimate.currency)}</td>
                  <td className="num">{formatMoney(estimate.totals.patientPays, estimate.currency)}</td>
                  <td>{estimate.validUntil}</td>
                  <td>
                    <Link to={`/clinic/estimates/${estimate.id}/claim`}>
                      Submit a claim
                      <span className="visually-hidden">
                        {' '}
                        from the estimate for {estimate.memberId} on {estimate.plannedDate}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Pager pages={pages} nextCursor={estimates.data?.nextCursor} label="Estimates" />
      </section>
    </>
  );
}

function EstimateForm({ onMade }: { onMade: (estimate: Estimate) => void }) {
  const session = useSession();
  const form = useApiForm();
  const [memberId, setMemberId] = useState('');
  const [plannedDate, setPlannedDate] = useState(today);
  const [preauthorization, setPreauthorization] = useState(false);
  const [lines, setLines] = useState<LineDraft[]>([{ ...EMPTY_LINE }]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let estimate: Estimate | undefined;
    const ok = await form.submit(async () => {
      estimate = await data(
        api.POST('/v1/estimates', {
          body: { memberId, providerId: clinicOf(session), plannedDate, preauthorization, lines: linesBody(lines) },
        }),
      );
    });
    if (ok && estimate) onMade(estimate);
  };

  return (
    <section className="card" aria-labelledby="estimate-form-heading">
      <h2 id="estimate-form-heading">New estimate</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormProblem form={form} what="make the estimate" />
        <Field form={form} name="memberId" label="Member" hint="The member’s id on their insurance card, e.g. M-1">
          <input value={memberId} onChange={(event) => setMemberId(event.target.value)} autoComplete="off" />
        </Field>
        <Field form={form} name="plannedDate" label="Planned date">
          <input type="date" value={plannedDate} onChange={(event) => setPlannedDate(event.target.value)} />
        </Field>
        <LinesEditor form={form} lines={lines} onChange={setLines} />
        <Field form={form} name="preauthorization" label="Ask to pre-authorise the codes the plan requires it for">
          <input
            type="checkbox"
            className="checkbox"
            checked={preauthorization}
            onChange={(event) => setPreauthorization(event.target.checked)}
          />
        </Field>
        <button type="submit" className="primary" disabled={form.pending}>
          {form.pending ? 'Estimating…' : 'Estimate'}
        </button>
      </form>
    </section>
  );
}
