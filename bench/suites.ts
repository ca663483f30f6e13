import { statsSequentialSuite } from './stats-sequential.js';
import type { BenchSuite } from './types.js';

/** Every benchmark suite registers itself here, one line each. */
export const SUITES: BenchSuite[] = [
  statsSequentialSuite,
];
