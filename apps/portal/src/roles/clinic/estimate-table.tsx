import type { components } from '../../api/generated/schema';
import { COST_SHARING_COLUMNS, estimateAmounts } from '../../ui/amounts-line';
import { LineAmountsTable } from '../../ui/line-amounts-table';
import { useProcedureLabel } from './procedure-table';

export type Estimate = components['schemas']['EstimateResponse'];

/** Every amount of an estimate, per line and in total: the plan's price, who pays what and why. */
export function EstimateTable({ estimate }: { estimate: Estimate }) {
  const procedureLabel = useProcedureLabel();
  const lines = estimate.lines.map((line) => ({
    ...estimateAmounts(line),
    ...(line.preauth && line.preauth !== 'not_required' ? { note: `pre-authorisation ${line.preauth}` } : {}),
  }));
  return (
    <LineAmountsTable
      className="estimate-table"
      caption={`Amounts of the estimate of ${estimate.plannedDate}`}
      lines={lines}
      currency={estimate.currency}
      service={procedureLabel}
      decisionLabel="Coverage"
      totals={estimate.totals}
      columns={[
        { key: 'units', label: 'Units' },
        { key: 'charge', label: 'Charge' },
        { key: 'allowed', label: 'Allowed' },
        { key: 'planPays', label: 'Plan pays' },
        ...COST_SHARING_COLUMNS,
        { key: 'balanceBill', label: 'Balance bill' },
        { key: 'patientPays', label: 'Patient pays' },
        { key: 'providerWriteOff', label: 'Write-off' },
      ]}
    />
  );
}
