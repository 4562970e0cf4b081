import { isRealDate } from '#libs/contracts';
import { fieldRule } from './validators.js';

/** A day of slack: a clinic east of UTC is already on tomorrow's date while UTC is still on today's. */
const SLACK_DAYS = 1;

/** The latest service date a claim may carry when submitted at `now`: tomorrow, in UTC. */
export function latestServiceDate(now: Date): string {
  return new Date(now.getTime() + SLACK_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A claim is for care already given: a service date in the future is a typing error or worse, and
 * would otherwise be priced against a plan year that has not begun.
 */
export function IsNotInFuture(): PropertyDecorator {
  return fieldRule(
    'isNotInFuture',
    '$property must not be in the future',
    (value) => typeof value !== 'string' || !isRealDate(value) || value <= latestServiceDate(new Date()),
  );
}
