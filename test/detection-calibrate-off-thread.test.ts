import { describe, expect, it } from 'vitest';
import { createBaselineFromWindow } from '../src/app/detection/baselines.js';
import { calibrateOffThread } from '../src/app/detection/calibrate-off-thread.js';
import { createDetectionEngine } from '../src/app/detection/engine.js';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { manualClock } from '../src/core/clock.js';
import { calibrationInputs, createSequentialState } from '../src/core/detect/sequential.js';
import { DEFAULT_DETECTION_SETTINGS } from '../src/core/detect/settings.js';
import { createRng, minuteOfTraffic, openTestStores, storeAnalysed } from './detection-helpers.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 8, 0);

/** A baseline with the overall and five category refusal CUSUMs (one category at a rare 3% refusal rate). */
async function seeded() {
  const { events, detection } = openTestStores();
  const rng = createRng(11);
  const counter = { i: 0 };
  for (let m = 0; m < 60; m++) {
    await storeAnalysed(events, minuteOfTraffic(rng, counter, {
      deployment: 'bot', source: 'evaluation', minuteMs: T0 - (60 - m) * MIN, plan: (c) => (c === 'S11' ? 0.03 : 0.95), benignPerMinute: 8, perCategoryPerMinute: 3,
    }), T0);
  }
  const baseline = await createBaselineFromWindow(events, detection, { deployment: 'bot', sources: ['evaluation'], reason: 'initial', activate: true, nowMs: T0 });
  return { events, detection, baseline };
}

describe('calibration off the event loop', () => {
  it('the worker thread computes the same detectors as inline calibration', async () => {
    const { baseline } = await seeded();
    const inputs = calibrationInputs(baseline.profile, DEFAULT_DETECTION_SETTINGS);
    expect(inputs.cusums.length).toBeGreaterThanOrEqual(6);
    const table = await calibrateOffThread(baseline.profile, DEFAULT_DETECTION_SETTINGS);
    expect([...table.keys()].sort()).toEqual([...inputs.cusums, ...inputs.ewmas].map((c) => c.key).sort());
    const viaThread = createSequentialState(baseline.profile, DEFAULT_DETECTION_SETTINGS, T0, table);
    const inline = createSequentialState(baseline.profile, DEFAULT_DETECTION_SETTINGS, T0);
    expect(viaThread).toEqual(inline);
  });

  it('the engine uses the calibrator it is given, and calibrates inline (reporting why) when it fails', async () => {
    const { events, detection } = await seeded();
    const errors: string[] = [];
    let calls = 0;
    const clock = manualClock(T0 + 30_000);
    const engine = createDetectionEngine({
      events, store: detection, clock, bus: createAlertTransitionBus((err) => { throw err; }),
      calibrate: async () => { calls++; throw new Error('thread gone'); },
      onError: (err) => { errors.push((err as Error).message); },
    });
    // The baseline's first minute has not closed: nothing to commit yet, but the calibration is kept.
    await engine.runOnce();
    clock.set(T0 + 10 * MIN);
    await engine.runOnce();
    expect(calls).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/calibrating off the event loop failed, so inline: thread gone/)]);
    const saved = await detection.loadDetectorState('bot');
    expect(Object.keys((JSON.parse(saved!.stateJson) as { sequential: { cusums: object } }).sequential.cusums)).toContain('refusal_rate|S11');
    // A second run continues from the stored state: no new calibration.
    await engine.runOnce();
    expect(calls).toBe(1);
  });
});
