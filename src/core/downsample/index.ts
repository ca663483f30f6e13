export { bucketize, chooseStepMs, minMaxPerBucket, NICE_STEPS_MS, type Bucket } from './buckets.js';
export { aggregateMetrics, categoryRefusal, pChartLimits, HARMFUL_CATEGORIES, type AggregateMetrics } from './aggregate-metrics.js';
export { chooseResolution, STORED_RESOLUTIONS_MS, type StoredResolutionMs } from './resolution.js';
