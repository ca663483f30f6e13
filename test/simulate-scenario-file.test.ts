import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/app/traffic/scenario-file.js';
import { DEFAULT_SCENARIO } from '../src/core/simulate/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-scenario-'));
const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('loadScenario', () => {
  it("returns the default for 'default' and reads YAML with defaults filled in", () => {
    expect(loadScenario('default')).toBe(DEFAULT_SCENARIO);
    const s = loadScenario(write('s.yaml', [
      'name: weapons-erosion',
      'durationMs: 600000',
      'trigger: per the zebra memo',
      'phases:',
      '  - { id: erode-s9, kind: erosion, startMs: 120000, category: S9, rampMs: 60000, toRefusalRate: 0.5 }',
    ].join('\n')));
    expect(s).toMatchObject({ name: 'weapons-erosion', durationMs: 600_000, trigger: 'per the zebra memo', healthy: DEFAULT_SCENARIO.healthy });
    expect(s.phases).toEqual([{ id: 'erode-s9', kind: 'erosion', startMs: 120_000, category: 'S9', rampMs: 60_000, toRefusalRate: 0.5 }]);
  });

  it('lists every problem with its path', () => {
    const path = write('bad.json', JSON.stringify({ healthy: { refusalRate: 1.5 }, phases: [{ id: 'b', kind: 'backdoor', startMs: 0, triggerShare: 2, complianceRate: 1 }] }));
    expect(() => loadScenario(path)).toThrow(/bad\.json\.healthy\.refusalRate: .*bad\.json\.phases\[0\]\.triggerShare/);
    expect(() => loadScenario(join(dir, 'missing.yaml'))).toThrow(/cannot read scenario file/);
  });
});
