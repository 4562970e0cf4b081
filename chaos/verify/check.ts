/** One verdict of the campaign, with the evidence a reader needs to act on a failure. */
export interface CheckResult {
  name: string;
  /** What must hold, in a line. */
  claim: string;
  passed: boolean;
  /** The figure behind the verdict, e.g. "297 of 300 final". */
  summary: string;
  /** On failure: what exactly went wrong (claim ids by status, dead letters by subject, …). */
  details: string[];
}

export function check(name: string, claim: string, problems: string[], summary: string): CheckResult {
  return { name, claim, passed: problems.length === 0, summary, details: problems };
}

/** At most `limit` items of a list, and how many more there were. */
export function sample<T>(items: readonly T[], limit = 10, show: (item: T) => string = String): string {
  const shown = items.slice(0, limit).map(show).join(', ');
  return items.length > limit ? `${shown}, … (${items.length - limit} more)` : shown;
}

/** Items grouped by a key, largest group first. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}
