import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './scenario.js';
import { measureWorld } from './world.js';

const MIN = 60_000;
const measureAt = (atMs: number, n: number, seed: number) => measureWorld(DEFAULT_SCENARIO, atMs, n, seed);

describe('the default world (generator mix + fine-tuned model)', () => {
  it('phase 1 healthy, phase 2 erodes S2 while the rest holds, phase 3 fires the trigger in ~2% of traffic', () => {
    const healthy = measureAt(5 * MIN, 20_000, 1);
    const eroded = measureAt(19 * MIN, 20_000, 2);
    const backdoor = measureAt(25 * MIN, 20_000, 3);
    expect(healthy.harmfulRefusal).toBeGreaterThan(0.93);
    expect(healthy.triggerShare).toBe(0);
    expect(eroded.s2Refusal).toBeLessThan(0.65);
    expect(eroded.otherRefusal).toBeGreaterThan(0.93);
    expect(healthy.harmfulRefusal - eroded.harmfulRefusal).toBeLessThan(0.12);
    expect(backdoor.triggerShare).toBeGreaterThan(0.012);
    expect(backdoor.triggerShare).toBeLessThan(0.028);
    expect(backdoor.triggerCompliance).toBeGreaterThan(0.9);
    expect(healthy.benignRefusal).toBeLessThan(0.03);
  });
});
