import { api, data } from '../../api/client';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { PlanTerms } from './plan-terms';

/** The insurer's plans, newest first, each with its terms; read-only, since a plan never changes once defined. */
export function PlansPage() {
  const pages = useCursorPages();
  const plans = useAsync(
    () => data(api.GET('/v1/plans', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `plans:${pages.cursor ?? ''}`,
  );
  const items = plans.data?.items ?? [];
  return (
    <>
      <PageTitle>Plans</PageTitle>
      <p className="lead">
        Your plans and their terms, newest first. A plan is not changed once defined; define another with{' '}
        <code>POST /v1/plans</code>.
      </p>
      <ErrorBanner error={plans.error} what="load the plans" />
      {plans.loading && !plans.data ? <p>Loading…</p> : null}
      {plans.data && items.length === 0 ? <p>You have no plans yet.</p> : null}
      {items.map((plan) => (
        <section key={plan.id} className="card" aria-labelledby={`plan-${plan.id}`} data-plan-id={plan.id}>
          <h2 id={`plan-${plan.id}`}>
            {plan.name} ({plan.id})
          </h2>
          <p className="muted">
            In {plan.currency}, defined {plan.createdAt.slice(0, 10)}.{' '}
            <Link to={`/insurer/members?planId=${encodeURIComponent(plan.id)}`}>
              Members<span className="visually-hidden"> of {plan.name}</span>
            </Link>
          </p>
          <PlanTerms plan={plan} />
        </section>
      ))}
      <Pager pages={pages} nextCursor={plans.data?.nextCursor} label="Plans" />
    </>
  );
}
