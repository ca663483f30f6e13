import { describe, expect, it } from 'vitest';
import { createDetectionEngine } from '../src/app/detection/engine.js';
import { createBaselineFromWindow } from '../src/app/detection/baselines.js';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { manualClock } from '../src/core/clock.js';
import type { AlertTransition } from '../src/core/detect/alerts.js';
import { DEFAULT_DETECTION_SETTINGS } from '../src/core/detect/settings.js';
import { binomialCdf } from '../src/core/stats/sequential/index.js';
import { createRng, minuteOfTraffic, openTestStores, storeAnalysed, type RefusalPlan } from './detection-helpers.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 8, 0);

/**
 * Runs a seeded scenario: baseline from 4 hours of evaluation traffic, then `minutes` of
 * production at 100 requests per minute (50 benign, 10 per harmful category), with the engine
 * stepped every 5 minutes of a manual clock. Canary traffic with no refusals at all runs beside
 * it and must never count.
 */
async function runScenario(plan: RefusalPlan, minutes: number, seed: number, restartAtMinute?: number) {
  const { events, detection } = openTestStores();
  const rng = createRng(seed);
  const counter = { i: 0 };
  for (let m = 0; m < 120; m++) {
    await storeAnalysed(events, minuteOfTraffic(rng, counter, { deployment: 'bot', source: 'evaluation', minuteMs: T0 - (120 - m) * MIN, plan: () => 0.95, benignPerMinute: 8, perCategoryPerMinute: 3 }), T0);
  }
  const baseline = await createBaselineFromWindow(events, detection, { deployment: 'bot', sources: ['evaluation'], reason: 'initial', activate: true, nowMs: T0 });
  const clock = manualClock(T0);
  const bus = createAlertTransitionBus((err) => { throw err; });
  const seen: AlertTransition[] = [];
  bus.subscribe((t) => { seen.push(t); });
  const make = () => createDetectionEngine({ events, store: detection, clock, bus, windowsMs: [5 * MIN, 60 * MIN] });
  let engine = make();
  for (let m = 0; m < minutes; m++) {
    const minuteMs = T0 + m * MIN;
    await storeAnalysed(events, minuteOfTraffic(rng, counter, { deployment: 'bot', source: 'production', minuteMs, plan, benignPerMinute: 50, perCategoryPerMinute: 10 }), minuteMs);
    await storeAnalysed(events, minuteOfTraffic(rng, counter, { deployment: 'bot', source: 'canary', minuteMs, plan: () => 0, benignPerMinute: 0, perCategoryPerMinute: 2 }), minuteMs);
    clock.set(minuteMs + 2 * MIN);
    if (m === restartAtMinute) engine = make();
    if (m % 5 === 4) await engine.runOnce();
  }
  return { events, detection, baseline, seen, engine };
}

describe('detection simulation (seeded, manual clock)', () => {
  it('a drop of S9 refusals from 95% to 85% is caught by the CUSUM, dated by PELT, and never by canaries', async () => {
    const changeMs = T0 + 150 * MIN;
    const plan: RefusalPlan = (c, ts) => (c === 'S9' && ts >= changeMs ? 0.85 : 0.95);
    const { detection, seen, baseline } = await runScenario(plan, 240, 7, 120);
    expect(baseline.profile.refusal.byCategory.S9?.n).toBeGreaterThan(300);
    const fired = seen.filter((t) => t.type === 'fired');
    // Nothing about refusals fires before the change (canaries refuse nothing and are ignored).
    expect(fired.filter((t) => t.alert.metric === 'refusal_rate' && t.alert.evidence.atMs < changeMs)).toEqual([]);
    const s9 = fired.find((t) => t.alert.metric === 'refusal_rate' && t.alert.category === 'S9');
    expect(s9).toBeDefined();
    const a = s9!.alert;
    expect(a.detectors).toContain('bernoulli-cusum');
    // 85/95 is a drop of 10.5%: past no DESIGN threshold, so a statistically confirmed shift of severity low.
    expect(a.severity).toBe('low');
    const delayMin = (a.evidence.atMs - changeMs) / MIN;
    expect(delayMin).toBeGreaterThan(0);
    expect(delayMin).toBeLessThan(60);
    expect(a.startedMs).not.toBeNull();
    expect(Math.abs((a.startedMs as number) - changeMs) / MIN).toBeLessThanOrEqual(15);
    expect(a.explanation).toMatch(/^refusal rate for S9 fell from 9\d(\.\d)?% \(baseline, n=\d+\) to 8\d(\.\d)?% \(since \d\d:\d\d UTC, n=\d+\); CUSUM crossed its limit at \d\d:\d\d UTC$/);
    // No other category alarms.
    expect(fired.filter((t) => t.alert.metric === 'refusal_rate' && t.alert.category && t.alert.category !== 'S9')).toEqual([]);
    // The stored transition log matches what subscribers heard, in order, with increasing seq.
    const log = await detection.listTransitions(0, 1000);
    expect(log.map((t) => t.alertId)).toEqual(seen.map((t) => t.alertId));
    expect(log.every((t, i) => i === 0 || (t.seq as number) > (log[i - 1]!.seq as number))).toBe(true);

    // At an equal false-alarm rate, the fixed-window rule (5-minute windows of S9, n = 50, firing
    // when refusals <= c, c the largest cut with in-control probability <= 50 x the CUSUM's
    // per-event target) waits 5 / P(fire | 85%) minutes on average; the calibrated CUSUM's exact
    // ARL1 at 10 S9 requests a minute is shorter. (Monte Carlo over many streams: detection-calibration.test.ts.)
    const p0 = baseline.profile.refusal.byCategory.S9!.rate as number;
    const perWindow = 50 * DEFAULT_DETECTION_SETTINGS.falseAlarmRatePerEvent;
    let c = 0;
    while (binomialCdf(c + 1, 50, p0) <= perWindow) c++;
    const ruleExpectedDelayMin = 5 / binomialCdf(c, 50, 0.85);
    const state = JSON.parse((await detection.loadDetectorState('bot'))!.stateJson) as { sequential: { cusums: Record<string, { arl1: number; arl0: number }> } };
    const cusum = state.sequential.cusums['refusal_rate|S9']!;
    expect(cusum.arl0).toBeGreaterThanOrEqual(1 / DEFAULT_DETECTION_SETTINGS.falseAlarmRatePerEvent);
    expect(cusum.arl1 / 10).toBeLessThan(ruleExpectedDelayMin);

  }, 60_000);

  it('larger drops fire medium and high; two categories past critical at once make it critical', async () => {
    const changeMs = T0 + 60 * MIN;
    const plan: RefusalPlan = (c, ts) => (ts < changeMs ? 0.95 : c === 'S2' ? 0.75 : c === 'S1' ? 0.4 : c === 'S10' ? 0.3 : 0.95);
    const { seen } = await runScenario(plan, 120, 11);
    const worst = (cat: string) => seen.filter((t) => t.alert.metric === 'refusal_rate' && t.alert.category === cat).map((t) => t.toSeverity).at(-1);
    expect(worst('S2')).toBe('medium');
    // S1 and S10 are both past the 30% drop in the same windows: systematic failure.
    expect(worst('S1')).toBe('critical');
    expect(worst('S10')).toBe('critical');
    expect(worst('S9')).toBeUndefined();
  }, 60_000);
});
