import { useId, useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { memberStatusLabel } from './member-status';
import { PlanTerms } from './plan-terms';

type Member = components['schemas']['MemberResponse'];
type Eligibility = components['schemas']['EligibilityResponse'];

/** One member, read-only: their enrolment, and their coverage on a date with the plan and the plan year so far. */
export function MemberPage({ id }: { id: string }) {
  const member = useAsync(() => data(api.GET('/v1/members/{id}', { params: { path: { id } } })), `member:${id}`);
  return (
    <>
      <PageTitle>Member {id}</PageTitle>
      <p>
        <Link to="/insurer/members">All members</Link>
      </p>
      <ErrorBanner error={member.error} what="load the member" />
      {member.loading && !member.data ? <p>Loading…</p> : null}
      {member.data ? (
        <>
          <MemberFacts member={member.data} />
          <Coverage memberId={id} />
        </>
      ) : null}
    </>
  );
}

function MemberFacts({ member }: { member: Member }) {
  return (
    <section className="card" aria-labelledby="enrolment-heading">
      <h2 id="enrolment-heading">{member.name}</h2>
      <dl className="facts">
        <div>
          <dt>Born</dt>
          <dd>{member.birthDate}</dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd>{member.planId}</dd>
        </div>
        <div>
          <dt>Coverage</dt>
          <dd>
            {member.coverageStart} to {member.coverageEnd ?? 'open-ended'}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{memberStatusLabel(member.status)}</dd>
        </div>
        {member.dateOfDeath ? (
          <div>
            <dt>Died</dt>
            <dd>{member.dateOfDeath}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">
        Wallet <code className="hash">{member.address}</code>
      </p>
    </section>
  );
}

/** The eligibility check as the API answers it: for today (UTC) at first, then for the date asked. */
function Coverage({ memberId }: { memberId: string }) {
  const dateInput = useId();
  const [date, setDate] = useState('');
  const [asked, setAsked] = useState('');
  const eligibility = useAsync(
    () =>
      data(
        api.GET('/v1/members/{id}/eligibility', {
          params: { path: { id: memberId }, query: asked ? { date: asked } : {} },
        }),
      ),
    `eligibility:${memberId}:${asked}`,
  );
  const found = eligibility.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (date === asked) eligibility.reload();
    else setAsked(date);
  };
  return (
    <section className="card" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">
        {found
          ? `On ${found.date}: ${found.eligible ? 'covered' : `not covered (${found.reasons.join(', ')})`}`
          : 'Coverage'}
      </h2>
      <form className="filters" aria-label="Check the coverage on a date" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={dateInput}>On</label>
          <input id={dateInput} type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </div>
        <div className="field">
          <button type="submit" disabled={eligibility.loading}>
            Check
          </button>
        </div>
      </form>
      <p className="hint">Today when left empty; its year is the plan year.</p>
      <ErrorBanner error={eligibility.error} what="check the coverage" />
      {eligibility.loading && !found ? <p>Loading…</p> : null}
      {found ? <PlanAndYear eligibility={found} /> : null}
    </section>
  );
}

function PlanAndYear({ eligibility }: { eligibility: Eligibility }) {
  const { plan, accumulators } = eligibility;
  const money = (amount: number) => formatMoney(amount, plan.currency);
  return (
    <>
      <h3>
        Plan {plan.name} ({plan.id})
      </h3>
      <PlanTerms plan={plan} />
      <h3>Plan year {accumulators.year} so far</h3>
      <dl className="facts" data-plan-year>
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
    </>
  );
}
