import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock.js';
import { createScenarioTime } from './scenario-time.js';

describe('createScenarioTime', () => {
  it('runs speed times faster than the clock from the start', () => {
    const clock = manualClock(1_000);
    const t = createScenarioTime(clock, { speed: 20 });
    clock.advance(9_000);
    expect(t.nowMs()).toBe(180_000);
    expect(t.wallMsAt(600_000)).toBe(31_000);
  });

  it('holds at 0 until started when autoStart is false', () => {
    const clock = manualClock(0);
    const t = createScenarioTime(clock, { speed: 10, autoStart: false });
    clock.advance(5_000);
    expect(t.started).toBe(false);
    expect(t.nowMs()).toBe(0);
    t.start();
    clock.advance(100);
    expect(t.nowMs()).toBe(1_000);
    expect(t.startMs).toBe(5_000);
  });

  it('rejects a speed that is not positive', () => {
    expect(() => createScenarioTime(manualClock(0), { speed: 0 })).toThrow(/speed must be a positive number, got 0/);
  });
});
