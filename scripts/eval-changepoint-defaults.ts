/**
 * Evaluation harness for the change-point defaults: synthetic series with known change points,
 * in families meant to look like annotated real-world series (few changes, heavy tails, outliers,
 * autocorrelation, trends, seasonality, missing values, quantised counts, and no change at all),
 * scored with TCPDBench's F1 (margin 5) and segmentation covering.
 *
 *   npx tsx scripts/eval-changepoint-defaults.ts [seriesPerFamily=40] [seed=1]
 *
 * Prints a markdown table per configuration and family; docs/statistics.md quotes its output.
 */
import { createRng, sampleNormal, samplePoisson, type Rng } from '../src/core/stats/random.js';
import { detectChangepoints, type ChangepointOptions } from '../src/core/stats/changepoint/detect.js';
import { f1WithMargin, segmentationCovering } from '../src/core/stats/changepoint/metrics.js';

interface Case { values: Array<number | null>; truth: number[] }

const uniformInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const studentT3 = (rng: Rng) => {
  const z = sampleNormal(rng);
  let c = 0;
  for (let i = 0; i < 3; i++) c += sampleNormal(rng) ** 2;
  return z / Math.sqrt(c / 3);
};

/** k change points spread over n with segments of at least 30 points. */
function plantChanges(rng: Rng, n: number, k: number): number[] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const cps = Array.from({ length: k }, () => uniformInt(rng, 30, n - 30)).sort((a, b) => a - b);
    if (cps.every((c, i) => i === 0 || c - cps[i - 1]! >= 30)) return cps;
  }
  return [];
}

/** Piecewise-constant levels with shifts of 1.5 to 4 noise sd, random sign. */
function levels(rng: Rng, n: number, cps: number[], size = () => 1.5 + 2.5 * rng()): Float64Array {
  const out = new Float64Array(n);
  let level = 0, j = 0;
  for (let i = 0; i < n; i++) {
    if (j < cps.length && i === cps[j]) { level += (rng() < 0.5 ? -1 : 1) * size(); j++; }
    out[i] = level;
  }
  return out;
}

type Family = (rng: Rng) => Case;
const FAMILIES: Record<string, Family> = {
  'no change': (rng) => { const n = uniformInt(rng, 100, 600); return { values: Array.from({ length: n }, () => sampleNormal(rng)), truth: [] }; },
  'mean shifts': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 1, 3));
    const lv = levels(rng, n, cps); return { values: Array.from(lv, (l) => l + sampleNormal(rng)), truth: cps };
  },
  'variance change': (rng) => {
    const n = uniformInt(rng, 150, 600); const cps = plantChanges(rng, n, 1);
    return { values: Array.from({ length: n }, (_, i) => sampleNormal(rng) * (i >= cps[0]! ? 4 : 1)), truth: cps };
  },
  'heavy tails t3': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 2));
    const lv = levels(rng, n, cps, () => 2 + 2 * rng()); return { values: Array.from(lv, (l) => l + studentT3(rng)), truth: cps };
  },
  'outliers 2%': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 2));
    const lv = levels(rng, n, cps);
    return { values: Array.from(lv, (l) => l + sampleNormal(rng) + (rng() < 0.02 ? (rng() < 0.5 ? -1 : 1) * (6 + 6 * rng()) : 0)), truth: cps };
  },
  'AR(1) noise': (rng) => {
    const n = uniformInt(rng, 150, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 2));
    const rho = 0.3 + 0.5 * rng(); const lv = levels(rng, n, cps, () => 2.5 + 2 * rng());
    let e = 0; return { values: Array.from(lv, (l) => { e = rho * e + Math.sqrt(1 - rho * rho) * sampleNormal(rng); return l + e; }), truth: cps };
  },
  'trend': (rng) => {
    const n = uniformInt(rng, 100, 600); const slope = (rng() < 0.5 ? -1 : 1) * (1 + 2 * rng()) / n;
    return { values: Array.from({ length: n }, (_, i) => slope * i * 1 + sampleNormal(rng) * 0.5), truth: [] };
  },
  'slope change': (rng) => {
    const n = uniformInt(rng, 150, 600); const cps = plantChanges(rng, n, 1); const c = cps[0]!;
    const s1 = (rng() < 0.5 ? -1 : 1) * (2 + 3 * rng()) / n; const s2 = -s1 * (1 + rng());
    return { values: Array.from({ length: n }, (_, i) => (i < c ? s1 * i : s1 * c + s2 * (i - c)) * 3 + 0.5 * sampleNormal(rng)), truth: cps };
  },
  'trend + shift': (rng) => {
    const n = uniformInt(rng, 150, 600); const cps = plantChanges(rng, n, 1); const slope = (rng() < 0.5 ? -1 : 1) * (1 + 2 * rng()) / n;
    const jump = (rng() < 0.5 ? -1 : 1) * (2 + 2 * rng());
    return { values: Array.from({ length: n }, (_, i) => slope * i + (i >= cps[0]! ? jump * 0.5 : 0) + 0.5 * sampleNormal(rng)), truth: cps };
  },
  'curved growth': (rng) => {
    const n = uniformInt(rng, 100, 600); const k = 1 + 3 * rng(); const amp = 2 + 2 * rng();
    return { values: Array.from({ length: n }, (_, i) => (amp * (Math.exp((k * i) / n) - 1)) / (Math.exp(k) - 1) + 0.5 * sampleNormal(rng)), truth: [] };
  },
  'seasonal': (rng) => {
    const n = uniformInt(rng, 150, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 1));
    const period = uniformInt(rng, 12, 50); const lv = levels(rng, n, cps, () => 3 + 2 * rng());
    return { values: Array.from(lv, (l, i) => l + Math.sin((2 * Math.PI * i) / period) + 0.5 * sampleNormal(rng)), truth: cps };
  },
  'missing values': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 1, 2));
    const lv = levels(rng, n, cps); const gap = uniformInt(rng, 0, n - 20);
    return { values: Array.from(lv, (l, i) => (rng() < 0.05 || (i >= gap && i < gap + 10) ? null : l + sampleNormal(rng))), truth: cps };
  },
  'counts': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 2));
    let lambda = 2 + 6 * rng(); let j = 0;
    return { values: Array.from({ length: n }, (_, i) => { if (j < cps.length && i === cps[j]) { lambda *= rng() < 0.5 ? 0.4 : 2.5; j++; } return samplePoisson(rng, lambda); }), truth: cps };
  },
  'rounded values': (rng) => {
    const n = uniformInt(rng, 100, 600); const cps = plantChanges(rng, n, uniformInt(rng, 0, 2));
    const lv = levels(rng, n, cps, () => 2 + 2 * rng()); return { values: Array.from(lv, (l) => Math.round(l + 0.7 * sampleNormal(rng))), truth: cps };
  },
  'random walk': (rng) => {
    const n = uniformInt(rng, 100, 600); let w = 0;
    return { values: Array.from({ length: n }, () => (w += 0.3 * sampleNormal(rng))), truth: [] };
  },
};

interface Config { name: string; options: ChangepointOptions | null }
const CONFIGS: Config[] = [
  { name: 'zero (no change)', options: null },
  { name: 'pelt l2 bic sigma=1 min 2', options: { cost: 'l2', penalty: 'bic', minSize: 2, clipOutliers: false, adjustAutocorrelation: false, robustScale: false } },
  { name: 'pelt l2 mbic min 5', options: { cost: 'l2', penalty: 'mbic', clipOutliers: false, adjustAutocorrelation: false } },
  { name: 'pelt l2 mbic +clip', options: { cost: 'l2', penalty: 'mbic', adjustAutocorrelation: false } },
  { name: 'pelt l2 mbic +clip +ar', options: { cost: 'l2', penalty: 'mbic', refineAutocorrelation: false } },
  { name: 'pelt l2 mbic +clip +ar +refine', options: { cost: 'l2', penalty: 'mbic' } },
  { name: 'pelt l1 mbic +clip +ar +refine', options: { cost: 'l1', penalty: 'mbic' } },
  { name: 'pelt normal bic', options: { cost: 'normal', penalty: 'bic', clipOutliers: false, adjustAutocorrelation: false } },
  { name: 'pelt normal mbic', options: { cost: 'normal', penalty: 'mbic', clipOutliers: false, adjustAutocorrelation: false } },
  { name: 'pelt normal mbic +clip', options: { cost: 'normal', penalty: 'mbic', adjustAutocorrelation: false } },
  { name: 'pelt normal mbic +clip +ar', options: { cost: 'normal', penalty: 'mbic', refineAutocorrelation: false } },
  { name: 'pelt normal bic +clip +ar +refine', options: { cost: 'normal', penalty: 'bic' } },
  { name: 'pelt normal mbic +clip +ar +refine', options: { cost: 'normal', penalty: 'mbic' } },
  { name: 'pelt normal mbic +clip +ar +refine rhoMax .95', options: { cost: 'normal', penalty: 'mbic', rhoMax: 0.95 } },
  { name: 'pelt normal mbic +clip +ar +refine min 10', options: { cost: 'normal', penalty: 'mbic', minSize: 10 } },
  { name: 'pelt linear mbic', options: { cost: 'linear', penalty: 'mbic', clipOutliers: false, adjustAutocorrelation: false } },
  { name: 'pelt linear mbic +clip +ar +refine', options: { cost: 'linear', penalty: 'mbic' } },
  { name: 'pelt linear bic +clip +ar +refine', options: { cost: 'linear', penalty: 'bic' } },
  { name: 'pelt linear mbic +clip +ar +refine rhoMax .95', options: { cost: 'linear', penalty: 'mbic', rhoMax: 0.95 } },
  { name: 'pelt linear mbic +clip +ar +refine min 10', options: { cost: 'linear', penalty: 'mbic', minSize: 10 } },
  { name: 'binseg linear mbic +clip +ar +refine', options: { method: 'binseg', cost: 'linear', penalty: 'mbic' } },
  { name: 'binseg normal mbic +clip +ar +refine', options: { method: 'binseg', cost: 'normal', penalty: 'mbic' } },
  { name: 'DEFAULTS (detectChangepoints with no options)', options: {} },
  { name: 'bocpd lambda 100', options: { method: 'bocpd', bocpd: { expectedRunLength: 100 } } },
  { name: 'bocpd lambda 250', options: { method: 'bocpd' } },
];

function main(): void {
  const perFamily = Number(process.argv[2] ?? 40);
  const seed = Number(process.argv[3] ?? 1);
  const cases: Record<string, Case[]> = {};
  for (const [name, gen] of Object.entries(FAMILIES)) {
    const rng = createRng(seed * 1000 + name.length * 17 + name.charCodeAt(0));
    cases[name] = Array.from({ length: perFamily }, () => gen(rng));
  }
  const families = Object.keys(FAMILIES);
  const header = `| config | ${families.join(' | ')} | mean F1 | mean cover |`;
  const lines = [header, `|${'---|'.repeat(families.length + 3)}`];
  for (const cfg of CONFIGS) {
    const cells: string[] = [];
    let f1Sum = 0, covSum = 0, count = 0;
    for (const fam of families) {
      let f = 0, c = 0;
      for (const cs of cases[fam]!) {
        const pred = cfg.options === null ? [] : detectChangepoints(cs.values, cfg.options).changepoints;
        f += f1WithMargin([cs.truth], pred, 5).f1;
        c += segmentationCovering([cs.truth], pred, cs.values.length);
      }
      const k = cases[fam]!.length;
      cells.push(`${(f / k).toFixed(2)}/${(c / k).toFixed(2)}`);
      f1Sum += f; covSum += c; count += k;
    }
    lines.push(`| ${cfg.name} | ${cells.join(' | ')} | ${(f1Sum / count).toFixed(3)} | ${(covSum / count).toFixed(3)} |`);
  }
  process.stdout.write(`F1 (margin 5) / covering, ${perFamily} series per family, seed ${seed}\n\n${lines.join('\n')}\n`);
}

main();
