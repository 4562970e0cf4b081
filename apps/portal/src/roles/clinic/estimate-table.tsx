import type { components } from '../../api/generated/schema';
import { formatMoney } from '../../ui/money';
import { StatusBadge } from '../../ui/status-badge';
import { procedureLabel } from './procedure-table';

export type Estimate = components['schemas']['EstimateResponse'];

/** The claim page takes it from here. */
export { procedureLabel };

/** Every amount of an estimate, per line and in total: the plan's price, who pays what and why. */
export function EstimateTable({ estimate }: { estimate: Estimate }) {
  const money = (amount: number) => formatMoney(amount, estimate.currency);
  const sum = (pick: (line: Estimate['lines'][number]) => number) =>
    estimate.lines.reduce((total, line) => total + pick(line), 0);
  return (
    <table className="table estimate-table">
      <caption className="visually-hidden">Amounts of the estimate of {estimate.plannedDate}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Coverage</th>
          <th scope="col" className="num">
            Units
          </th>
          <th scope="col" className="num">
            Charge
          </th>
          <th scope="col" className="num">
            Allowed
          </th>
          <th scope="col" className="num">
            Plan pays
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
            Balance bill
          </th>
          <th scope="col" className="num">
            Patient pays
          </th>
          <th scope="col" className="num">
            Write-off
          </th>
        </tr>
      </thead>
      <tbody>
        {estimate.lines.map((line, index) => (
          <tr key={index}>
            <td>{procedureLabel(line.code)}</td>
            <td>
              <StatusBadge status={line.status} />
              {line.reason ? <span className="muted"> {line.reason}</span> : null}
              {line.preauth && line.preauth !== 'not_required' ? (
                <span className="muted"> pre-authorisation {line.preauth}</span>
              ) : null}
            </td>
            <td className="num">{line.units}</td>
            <td className="num">{money(line.charge)}</td>
            <td className="num">{money(line.allowed)}</td>
            <td className="num">{money(line.planPays)}</td>
            <td className="num">{money(line.deductible)}</td>
            <td className="num">{money(line.copay)}</td>
            <td className="num">{money(line.coinsurance)}</td>
            <td className="num">{money(line.balanceBill)}</td>
            <td className="num">{money(line.patientPays)}</td>
            <td className="num">{money(line.providerWriteOff)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="totals">
          <th scope="row" colSpan={3}>
            Totals
          </th>
          <td className="num">{money(estimate.totals.charge)}</td>
          <td className="num">{money(estimate.totals.allowed)}</td>
          <td className="num">{money(estimate.totals.planPays)}</td>
          <td className="num">{money(sum((line) => line.deductible))}</td>
          <td className="num">{money(sum((line) => line.copay))}</td>
          <td className="num">{money(sum((line) => line.coinsurance))}</td>
          <td className="num">{money(sum((line) => line.balanceBill))}</td>
          <td className="num">{money(estimate.totals.patientPays)}</td>
          <td className="num">{money(sum((line) => line.providerWriteOff))}</td>
        </tr>
      </tfoot>
    </table>
  );
}
