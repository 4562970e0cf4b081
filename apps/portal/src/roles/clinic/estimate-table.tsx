import type { components } from '../../api/generated/schema';
import { COST_SHARING_COLUMNS, estimateAmounts } from '../../ui/amounts-line';
import { LineAmountsTable } from '../../ui/line-amounts-table';
import { PROCEDURES } from './procedures';

export type Estimate = components['schemas']['EstimateResponse'];

const described = new Map(PROCEDURES.map((procedure) => [procedure.code, procedure.description]));

/** A procedure code with its description from the reference table, when it is there. */
export function procedureLabel(code: string): string {
  const description = described.get(code);
  return description ? `${code} — ${description}` : code;
}

/** Every amount of an estimate, per line and in total: the plan's price, who pays what and why. */
export function EstimateTable({ estimate }: { estimate: Estimate }) {
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
