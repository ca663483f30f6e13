/** Control charts, sequential detectors and their calibration: import from here. */
export * from './types.js';
export { createCusum, updateCusum, type CusumParams, type CusumState } from './cusum.js';
export { createEwma, updateEwma, ewmaHalfWidth, type EwmaParams, type EwmaState } from './ewma.js';
export { createShewhart, updateShewhart, shewhartLimits, type ShewhartParams, type ShewhartState } from './shewhart.js';
export {
  createBernoulliCusum, updateBernoulliCusum, bernoulliCusumParams, DEFAULT_BERNOULLI_RESOLUTION, defaultBernoulliResolution,
  type BernoulliCusumParams, type BernoulliCusumState,
} from './bernoulli-cusum.js';
export { createPageHinkley, updatePageHinkley, type PageHinkleyParams, type PageHinkleyState } from './page-hinkley.js';
export { Adwin, type AdwinParams, type AdwinSnapshot } from './adwin.js';
export { createPChart, updatePChart, pChartLimits, type PChartParams, type PChartLimits, type PChartState } from './p-chart.js';
export { wilsonInterval, clopperPearsonInterval, binomialCdf, binomialSfInclusive, type ProportionInterval } from './intervals.js';
export { shewhartArl, cusumArl, ewmaArl, bernoulliCusumArl, DEFAULT_CHAIN_STATES } from './arl.js';
export { calibrateShewhart, calibrateCusum, calibrateEwma, calibrateBernoulliCusum } from './calibrate.js';
export { calibrateBySimulation, simulateRunLengths, stepper, type RunLengthSummary } from './simulate.js';
