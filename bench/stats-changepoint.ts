import { performance } from 'node:perf_hooks';
import type { BenchRow, BenchSuite } from './types.js';
import { createRng, sampleNormal } from '../src/core/stats/random.js';
import { createCost } from '../src/core/stats/changepoint/costs.js';
import { pelt } from '../src/core/stats/changepoint/pelt.js';
import { binarySegmentation } from '../src/core/stats/changepoint/binseg.js';
import { createBocpd } from '../src/core/stats/changepoint/bocpd.js';
import { detectChangepoints } from '../src/core/stats/changepoint/detect.js';
import { fitIsolationForest, scoreSamples } from '../src/core/stats/anomaly/isolation-forest.js';

/**
 * Piecewise-constant series with unit Gaussian noise and a change every 100 to 1,000 points
 * (uniform), shifts of 1 to 3 sd: the regime PELT is designed for (changes grow with n).
 */
function steps(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  let level = 0;
  let next = 100 + Math.floor(rng() * 900);
  for (let i = 0; i < n; i++) {
    if (i === next) { level += (rng() < 0.5 ? -1 : 1) * (1 + 2 * rng()); next += 100 + Math.floor(rng() * 900); }
    x[i] = level + sampleNormal(rng);
  }
  return x;
}

/**
 * Median over `reps` runs of the process CPU time (user + system), in ms, and the wall time of the
 * same run. CPU time is the figure reported: the build machine is shared (load averages of 10+ on
 * 2 cores while other suites run), which inflates wall time several-fold; wall time goes in the note.
 * process.cpuUsage counts every thread of the process (GC, JIT) too, so it is not flattering.
 */
let lastWallMs = 0;
function timeMs(reps: number, f: () => unknown): number {
  f(); // one untimed run first, so the figure is the JIT-compiled steady state, not the compile
  const t: Array<[number, number]> = [];
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    const s = performance.now();
    f();
    const wall = performance.now() - s;
    const u = process.cpuUsage(c);
    t.push([(u.user + u.system) / 1000, wall]);
  }
  t.sort((a, b) => a[0] - b[0]);
  const mid = t[Math.floor(t.length / 2)]!;
  lastWallMs = mid[1];
  return mid[0];
}
const wallNote = () => `wall ${lastWallMs.toFixed(0)} ms`;

export const statsChangepointSuite: BenchSuite = {
  name: 'stats-changepoint',
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const reps = quick ? 1 : 3;
    const group = 'stats-changepoint';
    for (const [n, targetMs] of [[10_000, 50], [100_000, 1000]] as const) {
      const x = steps(n, n);
      const pen = 2 * Math.log(n); // BIC for a mean change, noise variance 1
      let found = 0;
      const ms = timeMs(reps, () => { found = pelt(createCost('l2', x), pen, { minSize: 2, jump: 1 }).changepoints.length; });
      log(`pelt l2 n=${n}: ${ms.toFixed(1)} ms, ${found} change points`);
      rows.push({ group, name: `exact PELT l2, jump 1, min size 2, n=${n.toLocaleString('en-US')}`, value: ms, unit: 'ms CPU', target: `<= ${targetMs} ms`, pass: ms <= targetMs, note: `${found} change points found; CPU time, ${wallNote()}` });
      const msDefault = timeMs(reps, () => { found = detectChangepoints(x).changepoints.length; });
      rows.push({ group, name: `detectChangepoints defaults (PELT linear, MBIC, clip, AR refine), n=${n.toLocaleString('en-US')}`, value: msDefault, unit: 'ms', note: `${found} change points; includes preprocessing; ${wallNote()}` });
      const msBinseg = timeMs(reps, () => { found = binarySegmentation(createCost('l2', x), pen, { minSize: 2, jump: 1 }).changepoints.length; });
      rows.push({ group, name: `binary segmentation l2, n=${n.toLocaleString('en-US')}`, value: msBinseg, unit: 'ms', note: `${found} change points; ${wallNote()}` });
    }
    {
      const n = quick ? 2_000 : 10_000;
      const rng = createRng(5);
      const x = Float64Array.from({ length: n }, () => sampleNormal(rng));
      const ms = timeMs(1, () => pelt(createCost('l2', x), 2 * Math.log(n), { minSize: 2, jump: 1 }));
      rows.push({ group, name: `exact PELT l2 worst case (no change at all), n=${n.toLocaleString('en-US')}`, value: ms, unit: 'ms', note: `nothing is pruned without changes: O(n^2); ${wallNote()}` });
      const x2 = steps(n, 77);
      const msL1 = timeMs(1, () => pelt(createCost('l1', x2), 2 * Math.log(n) * 0.4, { minSize: 2, jump: 1 }));
      rows.push({ group, name: `exact PELT l1 (persistent-tree median), n=${n.toLocaleString('en-US')}`, value: msL1, unit: 'ms', note: wallNote() });
    }
    {
      const n = quick ? 20_000 : 100_000;
      const x = steps(n, 3);
      const det = createBocpd();
      const ms = timeMs(1, () => { for (let i = 0; i < n; i++) det.update(x[i]!); });
      rows.push({ group, name: 'BOCPD updates (normal-gamma, R <= 1000)', value: n / (ms / 1000), unit: 'updates/s', note: `per CPU second; ${wallNote()} for ${n}` });
    }
    {
      const n = 100_000, d = 5;
      const rng = createRng(9);
      const data = Array.from({ length: n }, () => Array.from({ length: d }, () => sampleNormal(rng)));
      let model = fitIsolationForest(data, { seed: 1 });
      const fitMs = timeMs(reps, () => { model = fitIsolationForest(data, { seed: 1 }); });
      rows.push({ group, name: 'isolation forest fit, 100 trees x 256 samples (n=100,000, d=5)', value: fitMs, unit: 'ms', note: wallNote() });
      const scoreMs = timeMs(reps, () => scoreSamples(model, data));
      rows.push({ group, name: 'isolation forest scoring, 100,000 points (d=5)', value: n / (scoreMs / 1000), unit: 'points/s', note: `${scoreMs.toFixed(0)} ms CPU for 100,000; ${wallNote()}` });
    }
    return rows;
  },
};
