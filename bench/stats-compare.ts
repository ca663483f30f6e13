import { addMoments, addTDigest, createMoments, createTDigest, quantileTDigest, snapshotMoments } from '../src/core/stats/aggregate/index.js';
import { chi2Contingency, jsDistance, ks2Samp, numericDrift, populationStabilityIndex, wassersteinDistance } from '../src/core/stats/compare/index.js';
import { createRng, sampleNormal } from '../src/core/stats/random.js';
import type { BenchRow, BenchSuite } from './types.js';

const GROUP = 'stats-compare';

/** Mean milliseconds per call of `fn`, repeated until `minMs` have passed (at least `minCalls`). */
function msPerCall(fn: () => unknown, minMs: number, minCalls = 1): number {
  let calls = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs || calls < minCalls) {
    const r = fn();
    if (typeof r === 'number') sink += r;
    calls++;
    elapsed = performance.now() - t0;
  }
  void sink; // results are summed so the calls cannot be optimised away
  return elapsed / calls;
}

/**
 * Two-sample KS on 10,000 vs 10,000 (ms per test, scipy's default method, which is exact at
 * this size), KS on sizes that take the other exact and asymptotic paths, the whole drift
 * report, per-call cost of JS/PSI/chi-squared on histogram counts, and adds per second of the
 * t-digest and Welford accumulators.
 */
export const statsCompareSuite: BenchSuite = {
  name: 'stats-compare',
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const minMs = quick ? 200 : 1000;
    const rng = createRng(2026);
    const draw = (n: number, mean: number, sd: number) => Array.from({ length: n }, () => sampleNormal(rng, mean, sd));
    const a10k = draw(10000, 0, 1);
    const b10k = draw(10000, 0.02, 1.05);
    const b9k = draw(9000, 0.02, 1.05);
    const a12k = draw(12000, 0, 1);
    const b11k = draw(11000, 0.02, 1.05);

    for (const [name, a, b, options] of [
      ['KS 10,000 vs 10,000, two-sided (exact)', a10k, b10k, {}],
      ['KS 10,000 vs 9,000, two-sided (exact)', a10k, b9k, {}],
      ['KS 10,000 vs 9,000, one-sided (exact fails over to asymp)', a10k, b9k, { alternative: 'greater' }],
      ['KS 12,000 vs 11,000, two-sided (asymp)', a12k, b11k, {}],
    ] as const) {
      const r = ks2Samp(a, b, options);
      const ms = msPerCall(() => ks2Samp(a, b, options).pvalue, minMs, 3);
      log(`${name}: ${ms.toFixed(2)} ms (D=${r.statistic.toFixed(4)}, p=${r.pvalue.toExponential(3)}, ${r.method})`);
      rows.push({ group: GROUP, name, value: ms, unit: 'ms/test', note: `method ${r.method}` });
    }

    rows.push({ group: GROUP, name: 'Wasserstein-1 10,000 vs 10,000', value: msPerCall(() => wassersteinDistance(a10k, b10k), minMs, 3), unit: 'ms/call' });
    rows.push({ group: GROUP, name: 'drift report (numeric) 10,000 vs 10,000', value: msPerCall(() => numericDrift(a10k, b10k).psi, minMs, 3), unit: 'ms/report', note: 'KS, W1, energy, 10 quantile bins, PSI, KL, JS, chi2' });

    for (const bins of [10, 100]) {
      const ref = Array.from({ length: bins }, () => 1 + Math.floor(rng() * 1000));
      const cur = Array.from({ length: bins }, () => 1 + Math.floor(rng() * 1000));
      const us = (fn: () => unknown) => msPerCall(fn, minMs / 2, 1000) * 1000;
      rows.push({ group: GROUP, name: `JS distance, ${bins} bins`, value: us(() => jsDistance(ref, cur)), unit: 'us/call' });
      rows.push({ group: GROUP, name: `PSI, ${bins} bins`, value: us(() => populationStabilityIndex(ref, cur)), unit: 'us/call' });
      rows.push({ group: GROUP, name: `chi-squared contingency 2x${bins}`, value: us(() => chi2Contingency([ref, cur]).pvalue), unit: 'us/call' });
    }

    const stream = Float64Array.from(draw(quick ? 200000 : 1000000, 0, 1), (x) => Math.exp(x));
    const addsPerSecond = (run: () => number): number => {
      let adds = 0;
      const t0 = performance.now();
      let elapsed = 0;
      let sink = 0;
      while (elapsed < minMs) {
        sink += run();
        adds += stream.length;
        elapsed = performance.now() - t0;
      }
      if (Number.isNaN(sink)) log('NaN result');
      return (adds / elapsed) * 1000;
    };
    rows.push({
      group: GROUP,
      name: 't-digest (delta 100) adds',
      value: addsPerSecond(() => {
        const d = createTDigest(100);
        for (let i = 0; i < stream.length; i++) addTDigest(d, stream[i] as number);
        return quantileTDigest(d, 0.95);
      }),
      unit: 'adds/s',
    });
    rows.push({
      group: GROUP,
      name: 'Welford moments adds',
      value: addsPerSecond(() => {
        const m = createMoments();
        for (let i = 0; i < stream.length; i++) addMoments(m, stream[i] as number);
        return snapshotMoments(m).mean;
      }),
      unit: 'adds/s',
    });
    return rows;
  },
};
