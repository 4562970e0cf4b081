/** A coverage period; a null end is open-ended. YYYY-MM-DD strings compare as dates. */
export interface CoveragePeriod {
  coverageStart: string;
  coverageEnd: string | null;
}

export function periodsOverlap(a: CoveragePeriod, b: CoveragePeriod): boolean {
  const startsBeforeOtherEnds = (x: CoveragePeriod, y: CoveragePeriod) =>
    y.coverageEnd === null || x.coverageStart <= y.coverageEnd;
  return startsBeforeOtherEnds(a, b) && startsBeforeOtherEnds(b, a);
}
