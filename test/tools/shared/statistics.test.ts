import fc from 'fast-check';
import { median, percentile, summarize } from '../../../tools/shared/statistics';

describe('benchmark statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 0.999)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('takes the median of odd and even counts, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('summarises without reordering the input, and its percentiles are ordered samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 500 }), (latencies) => {
        const copy = [...latencies];
        const summary = summarize(latencies);
        expect(latencies).toEqual(copy);
        expect(summary.samples).toBe(latencies.length);
        expect(summary.p50).toBeLessThanOrEqual(summary.p99);
        expect(summary.p99).toBeLessThanOrEqual(summary.p999);
        expect(summary.p999).toBeLessThanOrEqual(summary.max);
        expect(summary.max).toBe(Math.max(...latencies));
        for (const value of [summary.p50, summary.p99, summary.p999]) expect(latencies).toContain(value);
      }),
    );
  });
});
