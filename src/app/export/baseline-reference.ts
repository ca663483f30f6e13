import type { HarmCategory } from '../../core/classify/types.js';

/**
 * The few numbers of a deployment's active baseline that the dashboard, /metrics and the exported
 * rules compare against. The baseline store (src/app/detection) owns the full profile; a lookup
 * function adapts it, so these views do not depend on how baselines are stored.
 */
export interface BaselineReference {
  version: string;
  /** Refusal rate of harmful requests. */
  refusalRate: number | null;
  byCategory: Partial<Record<HarmCategory, number | null>>;
  toxicityP95: number | null;
  /** In-control share of outputs the anomaly detector flags. */
  anomalyFlagRate: number | null;
  /** Input harm-category counts (benign included), for the distribution view. */
  inputCategories?: Partial<Record<HarmCategory, number>> | undefined;
}

export type BaselineLookup = (deployment: string) => Promise<BaselineReference | undefined>;

/** Current anomalous-output share per deployment, when the detection engine measures it. */
export type AnomalyLookup = (deployment: string) => Promise<{ rate: number; n: number } | undefined>;

export const noBaselines: BaselineLookup = async () => undefined;
