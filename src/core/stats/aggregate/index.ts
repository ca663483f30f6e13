/** Mergeable accumulators and windows: import from here. */
export type { Aggregator } from './aggregator.js';
export { addMoments, createMoments, mergeMoments, momentsAggregator, snapshotMoments, type MomentsSnapshot, type MomentsState } from './moments.js';
export { addTDigest, createTDigest, mergeTDigest, quantileTDigest, snapshotTDigest, tdigestAggregator, type TDigestSnapshot, type TDigestState } from './tdigest.js';
export { addFixedHistogram, categoricalAggregator, createFixedHistogram, fixedHistogramAggregator, mergeFixedHistogram, type FixedHistogramState } from './histogram.js';
export { createSlidingWindow, createTumblingWindows, type SlidingWindow, type TumblingWindows, type WindowSnapshot } from './windows.js';
