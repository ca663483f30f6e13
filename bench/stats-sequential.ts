import {
  Adwin, calibrateBernoulliCusum, calibrateCusum, calibrateEwma, createBernoulliCusum, createCusum, createEwma,
  createPageHinkley, createShewhart, cusumArl, ewmaArl, shewhartArl, simulateRunLengths, stepper,
  updateBernoulliCusum, updateCusum, updateEwma, updatePageHinkley, updateShewhart, type DetectorSignal,
} from '../src/core/stats/sequential/index.js';
import { createRng, sampleNormal } from '../src/core/stats/random.js';
import { calibrateCusumInput, cusumCalibrationInput } from '../src/core/detect/sequential.js';
import type { BenchRow, BenchSuite } from './types.js';

const GROUP = 'stats-sequential';

/** Updates per second of `step` over `xs`, repeated until at least `minMs` have passed. */
function throughput(makeStep: () => (x: number) => DetectorSignal, xs: ArrayLike<number>, minMs: number): number {
  let updates = 0;
  let alarms = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    const step = makeStep();
    for (let i = 0; i < xs.length; i++) if (step(xs[i] as number).alarm) alarms++;
    updates += xs.length;
    elapsed = performance.now() - t0;
  }
  if (alarms < 0) throw new Error('unreachable'); // keeps the loop observable
  return (updates / elapsed) * 1000;
}

interface ArlChart {
  label: string;
  standardArl0: number;
  markov: (shift: number) => number;
  start: () => (x: number) => DetectorSignal;
}

const CHARTS: ArlChart[] = [
  { label: 'Shewhart L=3', standardArl0: 370.4, markov: (shift) => shewhartArl({ L: 3, shift }), start: () => stepper(createShewhart({ L: 3 }), updateShewhart) },
  { label: 'CUSUM k=0.5 h=4', standardArl0: 167.7, markov: (shift) => cusumArl({ k: 0.5, h: 4, shift }), start: () => stepper(createCusum({ k: 0.5, h: 4 }), updateCusum) },
  { label: 'CUSUM k=0.5 h=5', standardArl0: 465.4, markov: (shift) => cusumArl({ k: 0.5, h: 5, shift }), start: () => stepper(createCusum({ k: 0.5, h: 5 }), updateCusum) },
  {
    label: 'CUSUM k=0.5 h=4, FIR headstart 2', standardArl0: NaN,
    markov: (shift) => cusumArl({ k: 0.5, h: 4, headstart: 2, shift }),
    start: () => stepper(createCusum({ k: 0.5, h: 4, headstart: 2 }), updateCusum),
  },
  {
    label: 'EWMA lambda=0.1 L=2.814 (asymptotic limits)', standardArl0: 499.6,
    markov: (shift) => ewmaArl({ lambda: 0.1, L: 2.814, shift, limits: 'asymptotic' }),
    start: () => stepper(createEwma({ lambda: 0.1, L: 2.814, limits: 'asymptotic' }), updateEwma),
  },
  {
    label: 'EWMA lambda=0.1 L=2.814 (exact limits)', standardArl0: NaN,
    markov: (shift) => ewmaArl({ lambda: 0.1, L: 2.814, shift, limits: 'exact' }),
    start: () => stepper(createEwma({ lambda: 0.1, L: 2.814, limits: 'exact' }), updateEwma),
  },
];

const SHIFTS = [0, 0.5, 1, 2];

/**
 * Streaming detectors' updates per second (CUSUM, Bernoulli CUSUM, EWMA, Page-Hinkley, ADWIN,
 * Shewhart), then the ARL table of docs/statistics.md: Markov-chain (or exact) ARLs at shifts of
 * 0, 0.5, 1 and 2 sigma next to seeded simulations, and the cost of calibration.
 */
export const statsSequentialSuite: BenchSuite = {
  name: 'stats-sequential',
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const rng = createRng(2026);
    const n = 1_000_000;
    const normals = new Float64Array(n);
    for (let i = 0; i < n; i++) normals[i] = sampleNormal(rng);
    const bits = new Float64Array(n);
    for (let i = 0; i < n; i++) bits[i] = rng() < 0.95 ? 1 : 0;
    const minMs = quick ? 300 : 1500;
    const detectors: [string, () => (x: number) => DetectorSignal, Float64Array][] = [
      ['CUSUM (two-sided, k=0.5, h=5)', () => stepper(createCusum({ h: 5 }), updateCusum), normals],
      ['Bernoulli CUSUM (p0=0.95, p1=0.85)', () => stepper(createBernoulliCusum({ p0: 0.95, p1: 0.85, h: 3.62 }), updateBernoulliCusum), bits],
      ['EWMA (lambda=0.1, exact limits)', () => stepper(createEwma({ lambda: 0.1, L: 2.814 }), updateEwma), normals],
      ['Page-Hinkley (defaults)', () => stepper(createPageHinkley(), updatePageHinkley), normals],
      ['ADWIN (delta=0.002)', () => { const a = new Adwin(); return (x: number) => a.update(x); }, normals],
      ['Shewhart individuals', () => stepper(createShewhart(), updateShewhart), normals],
    ];
    for (const [name, make, xs] of detectors) {
      const rate = throughput(make, xs, minMs);
      log(`${name}: ${Math.round(rate).toLocaleString('en-US')} updates/s`);
      rows.push({ group: GROUP, name: `${name} updates`, value: rate, unit: 'updates/s' });
    }

    const runs = quick ? 2000 : 10_000;
    const table: string[] = [
      `| chart | shift (sigma) | ARL, Markov chain / exact | ARL, simulated (${runs.toLocaleString('en-US')} runs, +/- 1 s.e.) | standard ARL0 |`,
      '|---|---|---|---|---|',
    ];
    let seed = 100;
    for (const chart of CHARTS) {
      for (const shift of SHIFTS) {
        const markov = chart.markov(shift);
        const sim = simulateRunLengths({ runs, rng: createRng(seed++), sample: (r) => sampleNormal(r) + shift, start: chart.start });
        const standard = shift === 0 && Number.isFinite(chart.standardArl0) ? chart.standardArl0 : undefined;
        table.push(`| ${chart.label} | ${shift} | ${markov.toFixed(2)} | ${sim.mean.toFixed(2)} +/- ${sim.standardError.toFixed(2)} | ${standard ?? ''} |`);
        rows.push({
          group: GROUP, name: `ARL ${chart.label}, shift ${shift}: Markov chain`, value: markov, unit: 'obs',
          ...(standard === undefined ? {} : { target: `within 1% of ${standard}`, pass: Math.abs(markov - standard) / standard < 0.01 }),
        });
        rows.push({
          group: GROUP, name: `ARL ${chart.label}, shift ${shift}: simulated`, value: sim.mean, unit: 'obs',
          note: `+/- ${sim.standardError.toFixed(2)} s.e., ${runs} runs`,
          ...(standard === undefined ? {} : { target: `within 10% of ${standard}`, pass: Math.abs(sim.mean - standard) / standard < 0.1 }),
        });
      }
    }
    log('ARL table (markdown):');
    for (const line of table) log(line);

    const timed = <T>(name: string, fn: () => T): T => {
      const t0 = performance.now();
      const out = fn();
      const ms = performance.now() - t0;
      rows.push({ group: GROUP, name: `calibration time: ${name}`, value: ms, unit: 'ms' });
      return out;
    };
    const bern = timed('Bernoulli CUSUM p0=0.95 p1=0.85 ARL0>=1000', () => calibrateBernoulliCusum({ p0: 0.95, p1: 0.85, targetArl0: 1000 }));
    log(`Bernoulli CUSUM p0=0.95 -> p1=0.85, target ARL0 1000: h=${bern.h.toFixed(4)} nats, ARL0=${bern.arl0.toFixed(1)}, ARL1=${bern.arl1.toFixed(2)}`);
    rows.push({ group: GROUP, name: 'Bernoulli CUSUM 0.95->0.85 calibrated ARL0', value: bern.arl0, unit: 'obs', target: '>= 1000', pass: bern.arl0 >= 1000 });
    rows.push({ group: GROUP, name: 'Bernoulli CUSUM 0.95->0.85 ARL1 (delay at p1)', value: bern.arl1, unit: 'obs' });
    const rare = timed('Bernoulli CUSUM p0=0.999 p1=0.99 ARL0>=20000', () => calibrateBernoulliCusum({ p0: 0.999, p1: 0.99, targetArl0: 20_000 }));
    log(`Bernoulli CUSUM p0=0.999 -> p1=0.99, target ARL0 20000: h=${rare.h.toFixed(4)} nats, ARL0=${rare.arl0.toFixed(1)}, ARL1=${rare.arl1.toFixed(2)} (resolution ${rare.resolution})`);
    // What a new baseline costs the detection engine: its refusal CUSUMs at the engine's ARL0 (1e5
    // events) and grid, for refusal rates from 2% (a category the classifier rarely sees refused) to 99.5%.
    const baselineRates = [0.995, 0.98, 0.95, 0.9, 0.7, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];
    timed('a baseline\'s 11 refusal CUSUMs (p0 0.01-0.995, p1 = 0.9 p0, ARL0 >= 1e5, engine grid)', () => {
      for (const p0 of baselineRates) calibrateCusumInput(cusumCalibrationInput(p0, p0 * 0.9, 1e5));
    });
    const cus = timed('CUSUM k=0.5 ARL0=465.4', () => calibrateCusum({ k: 0.5, targetArl0: 465.4 }));
    log(`CUSUM k=0.5, target 465.4: h=${cus.h.toFixed(4)}, ARL1(1 sigma)=${cus.arl1.toFixed(2)}`);
    const ew = timed('EWMA lambda=0.1 ARL0=500 exact limits', () => calibrateEwma({ lambda: 0.1, targetArl0: 500 }));
    log(`EWMA lambda=0.1 exact limits, target 500: L=${ew.L.toFixed(4)}, ARL1(1 sigma)=${ew.arl1.toFixed(2)}`);
    return rows;
  },
};
