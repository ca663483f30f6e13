import { DEFAULT_BACKDOOR_SETTINGS, type BackdoorSettings } from './backdoor.js';
import { DEFAULT_THRESHOLDS, type DetectionThresholds } from './thresholds.js';

/**
 * Everything the detectors are tuned by; the config's `detection:` section maps onto it.
 * False-alarm targets are per observation of each detector: per event for the event-level
 * CUSUMs, per window evaluation for the EWMAs and chi-squared tests.
 */
export interface DetectionSettings {
  thresholds: DetectionThresholds;
  /** Target in-control false alarms per event for each Bernoulli CUSUM (ARL0 = 1 / rate). */
  falseAlarmRatePerEvent: number;
  /** Target in-control false alarms per window evaluation for each EWMA and chi-squared test. */
  falseAlarmRatePerWindow: number;
  /** Relative drop of a refusal rate each CUSUM is tuned to detect fastest (p1 = p0 (1 - shift)). */
  cusumRelativeShift: number;
  /** Anomalous-output CUSUM is tuned for p1 = factor x p0. */
  anomalyShiftFactor: number;
  ewmaLambda: number;
  /** Fewest observations before a rule or test speaks. */
  minSamples: { rate: number; category: number; histogram: number };
  /** The input n-gram backdoor detector (its alpha is falseAlarmRatePerWindow). */
  backdoor: BackdoorSettings;
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  falseAlarmRatePerEvent: 1e-5,
  falseAlarmRatePerWindow: 1e-3,
  cusumRelativeShift: 0.1,
  anomalyShiftFactor: 10,
  ewmaLambda: 0.2,
  minSamples: { rate: 30, category: 20, histogram: 50 },
  backdoor: DEFAULT_BACKDOOR_SETTINGS,
};
