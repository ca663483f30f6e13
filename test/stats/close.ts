import { expect } from 'vitest';

/** Relative 1e-9, or absolute 1e-12 near zero: the agreement asked of every statistic. */
export function expectClose(actual: number, expected: number, label: string, rel = 1e-9, abs = 1e-12): void {
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  const ok = err <= abs || err <= rel * Math.abs(expected);
  expect(ok, `${label}: got ${actual}, expected ${expected} (abs err ${err.toExponential(2)})`).toBe(true);
}
