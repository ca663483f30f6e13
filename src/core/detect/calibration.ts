import { calibrateBernoulliCusum, createBernoulliCusum, createEwma, updateBernoulliCusum, updateEwma, binomialCdf, wilsonInterval } from '../stats/sequential/index.js';
import { CHI2_LEVEL_FACTOR, histogramTest } from './window-rules.js';
import { createRng, sampleBinomial, sampleNormal, type Rng } from '../stats/random.js';
import { ewmaLimit } from './sequential.js';
import { guardedRefusalLevel, refusalGuardZ } from './refusal-guard.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

/**
 * Seeded Monte Carlo checks of the detectors as the engine runs them: the in-control false-alarm
 * rate of each (alarms per observation over `streams` independent streams, with a 95% Wilson
 * interval) against its target, and the detection delay of a refusal fall from 95% to 85% at
 * 100 requests per minute for the CUSUM, a fixed-window rule at the same false-alarm rate, and the
 * DESIGN.md threshold rule. Zero-state delays: each stream starts in the shifted state.
 */
export interface FalseAlarmRow { detector: string; unit: string; target: number; observations: number; alarms: number; rate: number; lower95: number; upper95: number }
export interface DelayRow { detector: string; falseAlarmsPerEvent: number; meanDelayMin: number; medianDelayMin: number; detectedShare: number }

const rate = (alarms: number, n: number, target: number, detector: string, unit: string): FalseAlarmRow =>
  ({ detector, unit, target, observations: n, alarms, rate: alarms / n, lower95: wilsonInterval(alarms, n).lower, upper95: wilsonInterval(alarms, n).upper });

const calibrated = new Map<string, ReturnType<typeof calibrateBernoulliCusum>>();
function cusumRun(rng: Rng, p0: number, p1: number, pTrue: number, arl0: number, maxEvents: number, stopAtFirst: boolean): { alarms: number; first: number | null } {
  const key = `${p0}|${p1}|${arl0}`;
  const c = calibrated.get(key) ?? calibrateBernoulliCusum({ p0, p1, targetArl0: arl0, resolution: p0 < 0.05 ? 1 : 8 });
  calibrated.set(key, c);
  let st = createBernoulliCusum({ p0, p1, h: c.h, resolution: c.resolution });
  let alarms = 0;
  for (let i = 1; i <= maxEvents; i++) {
    const r = updateBernoulliCusum(st, rng() < pTrue);
    st = r.state;
    if (r.signal.alarm) { alarms++; if (stopAtFirst) return { alarms, first: i }; }
  }
  return { alarms, first: null };
}

export function measureFalseAlarms(o: { streams: number; seed: number; eventsPerStream: number; windowsPerStream: number; falseAlarmRatePerEvent: number; falseAlarmRatePerWindow: number }): FalseAlarmRow[] {
  const rows: FalseAlarmRow[] = [];
  const arl0 = 1 / o.falseAlarmRatePerEvent;
  for (const [name, p0] of [['Bernoulli CUSUM, refusal (p0 95%)', 0.95], ['Bernoulli CUSUM, refusal (p0 80%)', 0.8]] as const) {
    let alarms = 0;
    for (let s = 0; s < o.streams; s++) alarms += cusumRun(createRng(o.seed * 1000 + s), p0, p0 * 0.9, p0, arl0, o.eventsPerStream, false).alarms;
    rows.push(rate(alarms, o.streams * o.eventsPerStream, o.falseAlarmRatePerEvent, name, 'event'));
  }
  {
    const p0 = 1 / 241;
    let alarms = 0;
    for (let s = 0; s < o.streams; s++) alarms += cusumRun(createRng(o.seed * 2000 + s), p0, p0 * 10, p0, arl0, o.eventsPerStream, false).alarms;
    rows.push(rate(alarms, o.streams * o.eventsPerStream, o.falseAlarmRatePerEvent, 'Bernoulli CUSUM, anomalous outputs (p0 1/241)', 'event'));
  }
  const L = ewmaLimit(0.2, 1 / o.falseAlarmRatePerWindow);
  const ewma = (name: string, draw: (rng: Rng) => number, sides: 'two' | 'upper' = 'two') => {
    let alarms = 0;
    for (let s = 0; s < o.streams; s++) {
      const rng = createRng(o.seed * 3000 + s + name.length * 7919);
      let st = createEwma({ mean: 0, sigma: 1, lambda: 0.2, L, limits: 'exact', sides });
      for (let w = 0; w < o.windowsPerStream; w++) { const r = updateEwma(st, draw(rng)); st = r.state; if (r.signal.alarm) alarms++; }
    }
    rows.push(rate(alarms, o.streams * o.windowsPerStream, o.falseAlarmRatePerWindow, name, 'window'));
  };
  // Toxicity: share above the baseline p95 in a 5-minute window of 500, arcsine-standardised.
  ewma('EWMA, toxicity share above baseline p95 (n=500)', (rng) => {
    const n = 500, p0 = 0.05;
    return 2 * Math.sqrt(n) * (Math.asin(Math.sqrt(sampleBinomial(rng, n, p0) / n)) - Math.asin(Math.sqrt(p0)));
  }, 'upper');
  ewma('EWMA, toxicity share above baseline p95 (n=50)', (rng) => {
    const n = 50, p0 = 0.05;
    return 2 * Math.sqrt(n) * (Math.asin(Math.sqrt(sampleBinomial(rng, n, p0) / n)) - Math.asin(Math.sqrt(p0)));
  }, 'upper');
  ewma('EWMA, mean log output length (n=500)', (rng) => {
    let sum = 0;
    for (let i = 0; i < 500; i++) sum += sampleNormal(rng, 6, 0.5);
    return (sum / 500 - 6) / (0.5 / Math.sqrt(500));
  });
  // Chi-squared: a 10-bin histogram of a window (n=300) against its own baseline sample (n=2000).
  {
    let alarms = 0;
    const probs = [0.3, 0.2, 0.15, 0.1, 0.08, 0.07, 0.05, 0.03, 0.015, 0.005];
    const draw = (rng: Rng, n: number) => {
      const c = new Array<number>(probs.length).fill(0);
      for (let i = 0; i < n; i++) { let u = rng(); let j = 0; while (j < probs.length - 1 && u >= (probs[j] as number)) { u -= probs[j] as number; j++; } c[j] = (c[j] as number) + 1; }
      return c;
    };
    for (let s = 0; s < o.streams; s++) {
      const rng = createRng(o.seed * 4000 + s);
      const base = draw(rng, 2000);
      for (let w = 0; w < o.windowsPerStream; w++) if ((histogramTest(base, draw(rng, 300))?.pValue ?? 1) < o.falseAlarmRatePerWindow * CHI2_LEVEL_FACTOR) alarms++;
    }
    rows.push(rate(alarms, o.streams * o.windowsPerStream, o.falseAlarmRatePerWindow, 'chi-squared with pooling, 10-bin histogram (n=300 vs 2000)', 'window'));
  }
  // The DESIGN.md category rule with its guard, 5-minute windows of 50 requests, against a baseline
  // that is itself a sample of 400 (drawn once per stream): at 95%, and at the 20% that imperfect
  // classifiers measure on mixed traffic (where the old window-only Wilson guard alarmed).
  const z = refusalGuardZ(o.falseAlarmRatePerWindow);
  for (const [p0, seedOffset] of [[0.95, 5000], [0.2, 5500]] as const) {
    let alarms = 0;
    for (let s = 0; s < o.streams; s++) {
      const rng = createRng(o.seed * seedOffset + s);
      const base = { k: sampleBinomial(rng, 400, p0), n: 400 };
      for (let w = 0; w < o.windowsPerStream; w++) {
        if (guardedRefusalLevel(DEFAULT_THRESHOLDS, 'category', base, { k: sampleBinomial(rng, 50, p0), n: 50 }, z) !== 'none') alarms++;
      }
    }
    rows.push(rate(alarms, o.streams * o.windowsPerStream, o.falseAlarmRatePerWindow, `threshold rule, category drop > 15% (p0 ${p0 * 100}%, n=50 vs baseline n=400, guarded)`, 'window'));
  }
  return rows;
}

/** Delay to detect 95% -> 85% at `perMinute` requests per minute (zero-state), streams capped at `maxMinutes`. */
export function measureDelays(o: { streams: number; seed: number; falseAlarmRatePerEvent: number; perMinute: number; windowMinutes: number; maxMinutes: number }): DelayRow[] {
  const rows: DelayRow[] = [];
  const maxEvents = o.maxMinutes * o.perMinute;
  const summarise = (detector: string, far: number, delays: Array<number | null>) => {
    const got = delays.filter((d): d is number => d !== null).sort((a, b) => a - b);
    rows.push({ detector, falseAlarmsPerEvent: far, meanDelayMin: got.reduce((s, d) => s + d, 0) / Math.max(1, got.length), medianDelayMin: got[Math.floor(got.length / 2)] ?? NaN, detectedShare: got.length / delays.length });
  };
  const cusum: Array<number | null> = [];
  for (let s = 0; s < o.streams; s++) {
    const r = cusumRun(createRng(o.seed * 6000 + s), 0.95, 0.855, 0.85, 1 / o.falseAlarmRatePerEvent, maxEvents, true);
    cusum.push(r.first === null ? null : r.first / o.perMinute);
  }
  summarise('Bernoulli CUSUM (p1 = 0.9 p0)', o.falseAlarmRatePerEvent, cusum);
  const n = o.windowMinutes * o.perMinute;
  let c = -1;
  while (binomialCdf(c + 1, n, 0.95) <= n * o.falseAlarmRatePerEvent) c++;
  const fixedFar = c < 0 ? 0 : binomialCdf(c, n, 0.95) / n;
  const windowed = (fires: (k: number) => boolean) => {
    const out: Array<number | null> = [];
    for (let s = 0; s < o.streams; s++) {
      const rng = createRng(o.seed * 7000 + s);
      let hit: number | null = null;
      for (let w = 1; w * o.windowMinutes <= o.maxMinutes; w++) if (fires(sampleBinomial(rng, n, 0.85))) { hit = w * o.windowMinutes; break; }
      out.push(hit);
    }
    return out;
  };
  summarise(`fixed ${o.windowMinutes}-minute window, refusals <= ${c} of ${n}`, fixedFar, windowed((k) => k <= c));
  // The rule against a baseline of 380/400 (95%), its guard at the default per-window target (1e-3).
  const base = { k: 380, n: 400 };
  const z = refusalGuardZ(1e-3);
  const fires = (k: number) => guardedRefusalLevel(DEFAULT_THRESHOLDS, 'category', base, { k, n }, z) !== 'none';
  const designFar = (() => { let p = 0; for (let k = 0; k <= n; k++) if (fires(k)) p = binomialCdf(k, n, 0.95); return p / n; })();
  summarise(`DESIGN rule (drop > 15%, guarded, baseline 380/400), ${o.windowMinutes}-minute window`, designFar, windowed(fires));
  return rows;
}
