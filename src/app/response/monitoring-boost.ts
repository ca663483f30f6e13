/**
 * What a `boost_monitoring` mitigation does while it is active: the deployment's events are
 * sampled at `samplingRate` (never below the configured rate) and its detection cycle runs every
 * `detectionIntervalMs` (never slower than the configured interval). The mitigation controller
 * tells it what is in force (on apply, revert, restore and on reload after another process, such
 * as the CLI, changed something); the sampler and the detection engine read it. One per
 * composition root, made before the pipeline so the analysis loop can read it from the start.
 */
export interface MonitoringBoost {
  /** Sets whether `deployment` is boosted; listeners hear only real changes. */
  set(deployment: string, boosted: boolean): void;
  /** The raised sampling rate of a boosted deployment, else undefined. */
  samplingRate(deployment: string): number | undefined;
  /** The faster detection interval of a boosted deployment, else undefined. */
  detectionIntervalMs(deployment: string): number | undefined;
  /** The boosted deployments and their sampling rates (what the analysis process is sent). */
  rates(): Record<string, number>;
  subscribe(listener: (deployment: string, boosted: boolean) => void): () => void;
}

export interface BoostSettings { samplingRate: number; detectionIntervalMs: number }

export function boostSettingsFrom(c: { sampling_rate: number; detection_interval: number }): BoostSettings {
  return { samplingRate: c.sampling_rate, detectionIntervalMs: c.detection_interval };
}

export function createMonitoringBoost(s: BoostSettings): MonitoringBoost {
  const boosted = new Set<string>();
  const listeners: Array<(deployment: string, boosted: boolean) => void> = [];
  return {
    set(deployment, on) {
      if (boosted.has(deployment) === on) return;
      if (on) boosted.add(deployment); else boosted.delete(deployment);
      for (const l of [...listeners]) l(deployment, on);
    },
    samplingRate: (d) => (boosted.has(d) ? s.samplingRate : undefined),
    detectionIntervalMs: (d) => (boosted.has(d) ? s.detectionIntervalMs : undefined),
    rates: () => Object.fromEntries([...boosted].map((d) => [d, s.samplingRate])),
    subscribe(listener) {
      listeners.push(listener);
      return () => { const i = listeners.indexOf(listener); if (i >= 0) listeners.splice(i, 1); };
    },
  };
}
