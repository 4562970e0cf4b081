import type { operations } from '../../api/generated/schema';
import { formatMoney } from '../../ui/money';

/** One rule's hit as the API gives it (FlagRuleResponse): its code, points and a terse explanation. */
export interface RuleHit {
  code: string;
  points: number;
  explanation: string;
}

/** A fraud rule's code, as the queue's `rule` filter takes it (DOMAIN.md, Fraud rules). */
export type RuleCode = NonNullable<NonNullable<operations['FraudFlagsController_list']['parameters']['query']>['rule']>;

/** The fraud rules (DOMAIN.md, Fraud rules) by name, for the queue and its filter: every code the API knows. */
export const RULE_NAMES: Readonly<Record<RuleCode, string>> = {
  DUPLICATE_CLAIM: 'Duplicate claim',
  NEAR_DUPLICATE: 'Near duplicate',
  SERVICE_AFTER_DEATH: 'Service after death',
  EXCLUDED_PROVIDER: 'Excluded clinic',
  ESTIMATE_INFLATION: 'Charged above estimate',
  IMPOSSIBLE_DAY: 'Impossible day',
  CHARGE_OUTLIER: 'Unusual charge',
  PROVIDER_SPIKE: 'Surge of claims',
};

export function ruleName(code: string): string {
  const names: Readonly<Record<string, string | undefined>> = RULE_NAMES;
  return names[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

/**
 * A rule's evidence as a sentence an analyst reads without the rule book. The fraud service's explanations
 * are terse and fixed per rule (services/fraud/src/rules); one that does not read as expected (a rule
 * added since) is shown as it came, never dropped. Amounts in the explanations are minor units.
 */
export function evidenceInWords(hit: RuleHit, currency: string | null | undefined): string {
  const money = (minor: string | undefined) => formatMoney(Number(minor), currency);
  const text = hit.explanation;
  let match: RegExpExecArray | null;
  switch (hit.code) {
    case 'DUPLICATE_CLAIM':
      if ((match = /^same lines as claim (\S+) of (\S+)$/.exec(text)))
        return `Billed twice: this claim has exactly the same services as claim ${match[1]} of ${match[2]}, for the same member, clinic and date of service.`;
      break;
    case 'NEAR_DUPLICATE':
      if ((match = /^shares (.+) with claim (\S+) of (\S+)$/.exec(text)))
        return `Possibly billed twice: this claim shares ${match[1]} with claim ${match[2]} of ${match[3]}, for the same member, clinic and date of service.`;
      break;
    case 'SERVICE_AFTER_DEATH':
      if ((match = /^service on (\S+), member's date of death (\S+)$/.exec(text)))
        return `Service after death: the service is dated ${match[1]}, after the member’s recorded date of death, ${match[2]}.`;
      break;
    case 'EXCLUDED_PROVIDER':
      if ((match = /^provider excluded from (\S+)(?: to (\S+))? \((.*)\)$/.exec(text)))
        return `Excluded clinic: the clinic is excluded from ${match[1]}${match[2] ? ` to ${match[2]}` : ' on'} (${match[3]}), which covers the date of service.`;
      break;
    case 'ESTIMATE_INFLATION':
      if ((match = /^total charge (\d+) vs (\d+) on estimate (\S+)$/.exec(text)))
        return `Charged above the estimate: the claim’s total charge of ${money(match[1])} is more than 20 % above the ${money(match[2])} of estimate ${match[3]}.`;
      break;
    case 'IMPOSSIBLE_DAY':
      if ((match = /^(\d+) typical minutes billed on (\S+) over (\d+) claims$/.exec(text)))
        return `Impossible day: the clinic billed ${Number(match[1]).toLocaleString('en-US')} minutes of typical work on ${match[2]} over ${match[3]} claims, more than the 1,440 minutes in a day.`;
      break;
    case 'CHARGE_OUTLIER':
      if ((match = /^(\S+) at (\d+) per unit vs median (\S+) over (\d+) lines$/.exec(text)))
        return `Unusual charge: ${match[1]} is charged ${money(match[2])} per unit, more than three times the median of ${money(String(Math.round(Number(match[3]))))} over the last ${match[4]} lines for that code.`;
      break;
    case 'PROVIDER_SPIKE':
      if ((match = /^(\d+) claims in 24 h vs (\S+) a day over 30 days$/.exec(text)))
        return `Surge of claims: the clinic sent ${match[1]} claims in the last 24 hours, against ${match[2]} a day on average over the previous 30 days.`;
      break;
  }
  return `${ruleName(hit.code)}: ${text}.`;
}
