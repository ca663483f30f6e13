import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createCost, type CostKind } from './costs.js';

interface Fixture { series: Record<string, number[]>; cases: Array<{ series: string; cost: CostKind; start: number; end: number; value: number }> }
const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/stats/changepoint_costs.json', import.meta.url), 'utf8')) as Fixture;

describe('segment costs against numpy references (scripts/gen_stats_refs_changepoint.py)', () => {
  it('covers every cost', () => {
    expect(new Set(fixture.cases.map((c) => c.cost))).toEqual(new Set(['l2', 'l1', 'normal', 'linear', 'bernoulli', 'poisson']));
  });
  for (const c of fixture.cases) {
    it(`${c.cost} on ${c.series}[${c.start}, ${c.end})`, () => {
      const cost = createCost(c.cost, fixture.series[c.series]!);
      const got = cost.cost(c.start, c.end);
      expect(Math.abs(got - c.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.value)));
    });
  }
  it('matches the worked examples in the doc comments', () => {
    expect(createCost('l2', [0, 0, 3, 3]).cost(0, 4)).toBeCloseTo(9, 12);
    expect(createCost('normal', [1, -1]).cost(0, 2)).toBeCloseTo(2 * (Math.log(2 * Math.PI) + 1), 12);
    expect(createCost('bernoulli', [0, 1, 0, 1]).cost(0, 4)).toBeCloseTo(8 * Math.log(2), 12);
    expect(createCost('poisson', [0, 2]).cost(0, 2)).toBeCloseTo(4, 12);
    expect(createCost('l1', [1, 2, 10]).cost(0, 3)).toBeCloseTo(9, 12);
    expect(createCost('linear', [0, 1, 2, 3]).cost(0, 4)).toBeCloseTo(4 * (Math.log(2 * Math.PI) + Math.log(1e-8)), 9);
  });
  it('rejects values outside a cost\'s domain, naming them', () => {
    expect(() => createCost('l2', [1, NaN])).toThrow(/index 1 is NaN/);
    expect(() => createCost('bernoulli', [0, 2])).toThrow(/point 1 has 2 successes/);
    expect(() => createCost('poisson', [-1])).toThrow(/expected a count/);
  });
});
