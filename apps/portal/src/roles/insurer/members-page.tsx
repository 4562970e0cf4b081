import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Field, FormProblem, useApiForm } from '../../ui/form';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';

type Eligibility = components['schemas']['EligibilityResponse'];

/**
 * Members and their plans, read-only. The API lists neither members nor plans; it answers, per member, its
 * coverage on a date with the plan and the year's accumulators (an insurer: only its own members).
 */
export function MembersPage() {
  const form = useApiForm();
  const [memberId, setMemberId] = useState('');
  const [date, setDate] = useState('');
  const [found, setFound] = useState<Eligibility | undefined>();
  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    setFound(undefined);
    await form.submit(async () =>
      setFound(
        await data(
          api.GET('/v1/members/{id}/eligibility', {
            params: { path: { id: memberId.trim() }, query: date ? { date } : {} },
          }),
        ),
      ),
    );
  };
  return (
    <>
      <PageTitle>Members and plans</PageTitle>
      <p className="lead">A member’s coverage on a date, their plan and what they have used of it this plan year.</p>
      <form onSubmit={(event) => void lookUp(event)} noValidate>
        <FormProblem form={form} what="look up the member" />
        <Field form={form} name="id" label="Member id" hint="As on the member’s card, e.g. M-1">
          <input value={memberId} onChange={(event) => setMemberId(event.target.value)} required />
        </Field>
        <Field form={form} name="date" label="On" hint="Today when left empty; its year is the plan year">
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={form.pending || !memberId.trim()}>
          Look up
        </button>
      </form>
      {found ? <MemberCoverage eligibility={found} /> : null}
    </>
  );
}

function MemberCoverage({ eligibility }: { eligibility: Eligibility }) {
  const { plan, accumulators } = eligibility;
  const money = (amount: number) => formatMoney(amount, plan.currency);
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  return (
    <section className="card" aria-labelledby="member-heading">
      <h2 id="member-heading">
        {eligibility.memberId} on {eligibility.date}:{' '}
        {eligibility.eligible ? 'covered' : `not covered (${eligibility.reasons.join(', ')})`}
      </h2>
      <h3>
        Plan {plan.name} ({plan.id})
      </h3>
      <dl className="facts">
        <div>
          <dt>Deductible per year</dt>
          <dd>{money(plan.deductible)}</dd>
        </div>
        <div>
          <dt>Coinsurance in network</dt>
          <dd>{plan.coinsurancePct} %</dd>
        </div>
        <div>
          <dt>Coinsurance out of network</dt>
          <dd>{plan.outOfNetworkCoinsurancePct} %</dd>
        </div>
        <div>
          <dt>Out-of-pocket maximum</dt>
          <dd>{money(plan.oopMax)}</dd>
        </div>
        <div>
          <dt>Annual limit</dt>
          <dd>{plan.annualLimit ? money(plan.annualLimit) : 'None'}</dd>
        </div>
        <div>
          <dt>Waiting period</dt>
          <dd>{plan.waitingPeriodDays} days</dd>
        </div>
      </dl>
      <dl className="terms">
        <dt>Copays</dt>
        <dd>
          {Object.entries(plan.copays)
            .map(([category, copay]) => `${category.replace(/_/g, ' ')} ${money(copay)}`)
            .join(', ') || 'none'}
        </dd>
        <dt>Covered categories</dt>
        <dd>{list(plan.coveredCategories.map((category) => category.replace(/_/g, ' ')))}</dd>
        <dt>Also covered</dt>
        <dd>{list(plan.coveredCodes)}</dd>
        <dt>Excluded</dt>
        <dd>{list(plan.excludedCodes)}</dd>
        <dt>Need pre-authorisation</dt>
        <dd>{list(plan.preauthCodes)}</dd>
      </dl>
      <h3>Plan year {accumulators.year} so far</h3>
      <dl className="facts">
        <div>
          <dt>Deductible met</dt>
          <dd>{money(accumulators.deductibleMet)}</dd>
        </div>
        <div>
          <dt>Out of pocket</dt>
          <dd>{money(accumulators.oopMet)}</dd>
        </div>
        <div>
          <dt>Plan paid</dt>
          <dd>{money(accumulators.planPaid)}</dd>
        </div>
      </dl>
    </section>
  );
}
