import type { ReactNode } from 'react';
import type { components } from '../api/generated/schema';
import { Link } from '../router/router';
import { formatMoney } from './money';
import { StatusBadge } from './status-badge';

type Claim = components['schemas']['ClaimResponse'];

/** A column after the date, the other party, the status and the charge, e.g. "You owe" or the payout. */
export interface ClaimColumn {
  label: string;
  /** Amounts align right. */
  numeric?: boolean;
  cell: (claim: Claim) => ReactNode;
}

interface ClaimsTableProps {
  /** Read by screen readers (visually hidden). */
  caption: string;
  claims: readonly Claim[];
  /** Who the claim is with, from the reader's side: the member for a clinic, the clinic for a patient. */
  party: { label: string; of: (claim: Claim) => string };
  columns: readonly ClaimColumn[];
  /** The claim's page, and the words that tell its link apart from the others' for a screen reader. */
  details: { path: (claim: Claim) => string; name: (claim: Claim) => string };
}

/** A list of claims, one row each (`data-claim-id`), with a link to each claim's page. */
export function ClaimsTable({ caption, claims, party, columns, details }: ClaimsTableProps) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date of service</th>
          <th scope="col">{party.label}</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Charged
          </th>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => (
          <tr key={claim.id} data-claim-id={claim.id}>
            <td>{claim.serviceDate}</td>
            <td>{party.of(claim)}</td>
            <td>
              <StatusBadge status={claim.status} />
            </td>
            <td className="num">{formatMoney(claim.totals.charge, claim.currency)}</td>
            {columns.map((column) => (
              <td key={column.label} className={column.numeric ? 'num' : undefined}>
                {column.cell(claim)}
              </td>
            ))}
            <td>
              <Link to={details.path(claim)}>
                Details<span className="visually-hidden"> {details.name(claim)}</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
