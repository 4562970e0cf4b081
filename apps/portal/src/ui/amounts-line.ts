import type { components } from '../api/generated/schema';

type EstimateLine = components['schemas']['EstimateLineResponse'];

/** A priced line of a claim or an estimate, in minor units (API.md); what a page has not got stays absent. */
export interface AmountsLine {
  code: string;
  status: string;
  reason?: string;
  units?: number;
  charge: number;
  allowed: number;
  planPays: number;
  patientPays: number;
  /** What the clinic charged above the plan's price. */
  aboveAllowed?: number;
  balanceBill?: number;
  providerWriteOff?: number;
  /** The patient's share split as priced; absent before pricing (and on claims priced before it was kept). */
  costSharing?: { deductible: number; copay: number; coinsurance: number };
  /** Said after the decision and its reason, e.g. the estimate's pre-authorisation. */
  note?: string;
}

export type Split = keyof NonNullable<AmountsLine['costSharing']>;
export type AmountKey =
  | 'units'
  | 'charge'
  | 'allowed'
  | 'aboveAllowed'
  | 'planPays'
  | Split
  | 'balanceBill'
  | 'patientPays'
  | 'providerWriteOff';

/** One column: which amount, under which words (each audience has its own: "Your share", "Patient pays"). */
export interface AmountColumn {
  key: AmountKey;
  label: string;
}

/** The patient's share split, the same words for every audience. */
export const COST_SHARING_COLUMNS: readonly AmountColumn[] = [
  { key: 'deductible', label: 'Deductible' },
  { key: 'copay', label: 'Copay' },
  { key: 'coinsurance', label: 'Coinsurance' },
];

/** An estimate's line for the table: its deductible, copay and coinsurance are the patient's share split. */
export function estimateAmounts(line: EstimateLine): AmountsLine {
  return { ...line, costSharing: { deductible: line.deductible, copay: line.copay, coinsurance: line.coinsurance } };
}
