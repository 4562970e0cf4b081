import type { components } from '../../api/generated/schema';
import { formatMoney } from '../../ui/money';

type Plan = components['schemas']['PlanResponse'];

const words = (category: string) => category.replace(/_/g, ' ');
const listed = (items: string[]) => (items.length ? items.join(', ') : 'none');

/** A plan's terms, read-only: its money in the plan's currency, what it covers, excludes and pre-authorises. */
export function PlanTerms({ plan }: { plan: Plan }) {
  const money = (amount: number) => formatMoney(amount, plan.currency);
  return (
    <>
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
            .map(([category, copay]) => `${words(category)} ${money(copay)}`)
            .join(', ') || 'none'}
        </dd>
        <dt>Covered categories</dt>
        <dd>{listed(plan.coveredCategories.map(words))}</dd>
        <dt>Also covered</dt>
        <dd>{listed(plan.coveredCodes)}</dd>
        <dt>Excluded</dt>
        <dd>{listed(plan.excludedCodes)}</dd>
        <dt>Need pre-authorisation</dt>
        <dd>{listed(plan.preauthCodes)}</dd>
      </dl>
    </>
  );
}
