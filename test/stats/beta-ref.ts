import { regularizedBeta } from '../../src/core/stats/special/index.js';
import { expectClose } from './close.js';

/** Checks regularizedBeta against scipy.special.betainc rows [x, a, b, value]. */
export function betaIncRef(rows: Array<[number, number, number, number]>): void {
  for (const [x, a, b, want] of rows) expectClose(regularizedBeta(x, a, b), want, `betainc(${a}, ${b}, ${x})`, 1e-11);
}
