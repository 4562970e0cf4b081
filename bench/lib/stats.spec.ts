import { percentiles } from './stats.js';

describe('latency percentiles', () => {
  it('takes the nearest rank, so every figure is a latency that was really measured', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    expect(percentiles(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('reports the only sample of a run of one as every percentile', () => {
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  });

  it('says nothing rather than zero when nothing was measured', () => {
    expect(Number.isNaN(percentiles([]).p50)).toBe(true);
  });
});
