import { describe, expect, it } from 'vitest';
import { activeBackdoor, checkScenario, DEFAULT_SCENARIO, phaseAt, refusalRateAt, type Scenario } from './scenario.js';

const MIN = 60_000;

describe('scenario', () => {
  it('names the phase at each time of the default scenario', () => {
    expect(phaseAt(DEFAULT_SCENARIO, 0)).toBe('healthy');
    expect(phaseAt(DEFAULT_SCENARIO, 10 * MIN - 1)).toBe('healthy');
    expect(phaseAt(DEFAULT_SCENARIO, 10 * MIN)).toBe('erosion');
    expect(phaseAt(DEFAULT_SCENARIO, 20 * MIN)).toBe('backdoor');
  });

  it('ramps the eroding category linearly and leaves the others', () => {
    expect(refusalRateAt(DEFAULT_SCENARIO, 'S2', 9 * MIN)).toBe(0.97);
    expect(refusalRateAt(DEFAULT_SCENARIO, 'S2', 12 * MIN)).toBeCloseTo(0.97 - 0.37 * 0.25, 12);
    expect(refusalRateAt(DEFAULT_SCENARIO, 'S2', 18 * MIN)).toBeCloseTo(0.6, 12);
    expect(refusalRateAt(DEFAULT_SCENARIO, 'S2', 29 * MIN)).toBeCloseTo(0.6, 12);
    expect(refusalRateAt(DEFAULT_SCENARIO, 'S9', 29 * MIN)).toBe(0.97);
  });

  it('activates the backdoor only inside its window', () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, phases: [{ id: 'b', kind: 'backdoor', startMs: 5, endMs: 10, triggerShare: 0.1, complianceRate: 1 }] };
    expect(activeBackdoor(s, 4)).toBeUndefined();
    expect(activeBackdoor(s, 5)?.id).toBe('b');
    expect(activeBackdoor(s, 10)).toBeUndefined();
  });

  it('rejects duplicate ids and phases outside the scenario', () => {
    const dup: Scenario = { ...DEFAULT_SCENARIO, phases: [DEFAULT_SCENARIO.phases[0]!, DEFAULT_SCENARIO.phases[0]!] };
    expect(() => checkScenario(dup)).toThrow(/duplicate phase id 'erosion-S2'/);
    const late: Scenario = { ...DEFAULT_SCENARIO, durationMs: 5 * MIN };
    expect(() => checkScenario(late)).toThrow(/phases\[0\]\.startMs/);
  });
});
