import { backdoorSuite } from './backdoor.js';
import { classifySuite } from './classify.js';
import { dashboardSuite } from './dashboard.js';
import { e2eSuite } from './e2e.js';
import { gatewaySuite } from './gateway.js';
import { ingestSuite } from './ingest.js';
import { statsChangepointSuite } from './stats-changepoint.js';
import { piiSuite } from './pii.js';
import { simulateSuite } from './simulate.js';
import type { BenchSuite } from './types.js';
import { statsSequentialSuite } from './stats-sequential.js';
import { statsCompareSuite } from './stats-compare.js';
import { storageReadSuite } from './storage-read.js';
import { detectionReadSuite } from './detection-read.js';

/** Every benchmark suite registers itself here, one line each. */
export const SUITES: BenchSuite[] = [
  classifySuite,
  piiSuite,
  ingestSuite,
  storageReadSuite,
  detectionReadSuite,
  backdoorSuite,
  gatewaySuite,
  statsChangepointSuite,
  statsSequentialSuite,
  statsCompareSuite,
  simulateSuite,
  dashboardSuite,
  e2eSuite,
];
