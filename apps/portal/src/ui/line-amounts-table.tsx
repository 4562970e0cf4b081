import type { ReactNode } from 'react';
import type { AmountColumn, AmountKey, AmountsLine, Split } from './amounts-line';
import { formatMoney } from './money';
import { ReasonNote } from './reason';
import { StatusBadge } from './status-badge';

const SPLIT: ReadonlySet<AmountKey> = new Set<AmountKey>(['deductible', 'copay', 'coinsurance']);

interface LineAmountsTableProps {
  /** Read by screen readers (visually hidden). */
  caption: string;
  lines: readonly AmountsLine[];
  currency: string | null | undefined;
  /** The amount columns, in the order shown, after the service and its decision. */
  columns: readonly AmountColumn[];
  /** The heading of the decision column. */
  decisionLabel?: string;
  /** How a procedure code reads (the clinic sees its description too). */
  service?: (code: string) => string;
  /** False until the plan decides: only units and charges are known, the rest shows "—". */
  priced?: boolean;
  /** A totals row: these four as given, the other amounts summed over the lines. */
  totals?: { charge: number; allowed: number; planPays: number; patientPays: number };
  className?: string;
}

/** Every amount of every line: what was charged, the plan's price, who pays what and why. */
export function LineAmountsTable(props: LineAmountsTableProps) {
  const { caption, lines, columns, totals, priced = true, service = (code) => code } = props;
  const money = (amount: number | undefined) => (amount === undefined ? '—' : formatMoney(amount, props.currency));
  // Units are a count, not money: in the totals row they sit under the "Totals" heading.
  const leadingCounts = columns.findIndex((column) => column.key !== 'units');
  return (
    <table className={['table', props.className].filter(Boolean).join(' ')}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">{props.decisionLabel ?? 'Decision'}</th>
          {columns.map((column) => (
            <th key={column.key} scope="col" className="num">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index}>
            <td>{service(line.code)}</td>
            <td>
              <StatusBadge status={line.status} />
              {line.reason ? <ReasonNote code={line.reason} /> : null}
              {line.note ? <span className="muted"> {line.note}</span> : null}
            </td>
            {columns.map((column, at) => (
              <AmountCell key={column.key} line={line} columns={columns} at={at} priced={priced} money={money} />
            ))}
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot>
          <tr className="totals">
            <th scope="row" colSpan={2 + Math.max(0, leadingCounts)}>
              Totals
            </th>
            {columns.slice(Math.max(0, leadingCounts)).map((column) => (
              <td key={column.key} className="num">
                {money(totalOf(column.key, lines, totals))}
              </td>
            ))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function AmountCell(props: {
  line: AmountsLine;
  columns: readonly AmountColumn[];
  at: number;
  priced: boolean;
  money: (amount: number | undefined) => string;
}): ReactNode {
  const { line, columns, at, priced, money } = props;
  const key = columns[at]?.key ?? 'charge';
  if (key === 'units') return <td className="num">{line.units}</td>;
  if (SPLIT.has(key) && !line.costSharing) {
    // No split kept: one cell says so across the adjacent deductible, copay and coinsurance columns.
    const previous = columns[at - 1];
    if (previous && SPLIT.has(previous.key)) return null;
    let span = 1;
    while (columns[at + span] && SPLIT.has(columns[at + span]?.key ?? 'charge')) span += 1;
    return (
      <td className="num" colSpan={span}>
        {priced ? 'Not itemised' : '—'}
      </td>
    );
  }
  return <td className="num">{priced || key === 'charge' ? money(amountOf(line, key)) : '—'}</td>;
}

function amountOf(line: AmountsLine, key: Exclude<AmountKey, 'units'>): number | undefined {
  return SPLIT.has(key) ? line.costSharing?.[key as Split] : line[key as Exclude<AmountKey, Split | 'units'>];
}

function totalOf(
  key: AmountKey,
  lines: readonly AmountsLine[],
  totals: NonNullable<LineAmountsTableProps['totals']>,
): number | undefined {
  if (key === 'units') return undefined;
  if (key === 'charge' || key === 'allowed' || key === 'planPays' || key === 'patientPays') return totals[key];
  return lines.reduce((sum, line) => sum + (amountOf(line, key) ?? 0), 0);
}
