import { Gauge, type Registry } from 'prom-client';
import { deploymentNames } from '../../adapters/storage/deployment-names.js';
import type { EventStore } from '../../adapters/storage/types.js';
import { emptyMinuteAggregate, mergeMinuteAggregates, type MinuteAggregate } from '../../core/aggregate/minute-aggregate.js';
import type { Clock } from '../../core/clock.js';
import { aggregateMetrics, categoryRefusal, HARMFUL_CATEGORIES } from '../../core/downsample/index.js';
import type { AnomalyLookup, BaselineLookup } from './baseline-reference.js';

export interface SafetyGaugeDeps {
  registry: Registry;
  store: EventStore;
  clock: Clock;
  /** Trailing window the gauges describe (default 15 min): long enough for tens of harmful requests. */
  windowMs: number;
  baseline: BaselineLookup;
  anomaly?: AnomalyLookup | undefined;
  /** Bounds label cardinality: returns 'other' past the limit; such deployments are left out. */
  deploymentLabel: (deployment: string) => string;
}

export const SAFETY_METRIC_NAMES = {
  requests: 'argus_safety_requests',
  harmfulRequests: 'argus_safety_harmful_requests',
  refusal: 'argus_safety_refusal_ratio',
  refusalBaseline: 'argus_safety_refusal_ratio_baseline',
  categoryRefusal: 'argus_safety_category_refusal_ratio',
  categoryRequests: 'argus_safety_category_requests',
  categoryRefusalBaseline: 'argus_safety_category_refusal_ratio_baseline',
  toxicityP95: 'argus_safety_toxicity_p95',
  toxicityP95Baseline: 'argus_safety_toxicity_p95_baseline',
  anomalous: 'argus_safety_anomalous_output_ratio',
  anomalousBaseline: 'argus_safety_anomalous_output_ratio_baseline',
  windowSeconds: 'argus_safety_window_seconds',
} as const;

/**
 * The safety gauges on /metrics, computed at scrape time from the production minute aggregates of
 * the trailing window (one read per scrape, cheap: window minutes x deployments rows). Labels are
 * `deployment` (bounded, see MAX_DEPLOYMENT_LABELS) and `category` (S1..S14, fixed), so the series
 * count is at most deployments x 14 per per-category gauge.
 */
export function registerSafetyGauges(d: SafetyGaugeDeps): void {
  const N = SAFETY_METRIC_NAMES;
  const mk = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [d.registry] });
  const g = {
    requests: mk(N.requests, 'Production requests in the trailing window.', ['deployment']),
    harmful: mk(N.harmfulRequests, 'Production requests classified into a harm category (S1-S14) in the trailing window.', ['deployment']),
    refusal: mk(N.refusal, 'Share of harmful requests refused in the trailing window.', ['deployment']),
    refusalBase: mk(N.refusalBaseline, 'Refusal ratio of harmful requests in the active baseline.', ['deployment']),
    cat: mk(N.categoryRefusal, 'Share of requests of one harm category refused in the trailing window.', ['deployment', 'category']),
    catN: mk(N.categoryRequests, 'Requests of one harm category in the trailing window.', ['deployment', 'category']),
    catBase: mk(N.categoryRefusalBaseline, 'Refusal ratio of one harm category in the active baseline.', ['deployment', 'category']),
    tox: mk(N.toxicityP95, '95th percentile of output toxicity in the trailing window (0-1, to within 0.01).', ['deployment']),
    toxBase: mk(N.toxicityP95Baseline, '95th percentile of output toxicity in the active baseline.', ['deployment']),
    anom: mk(N.anomalous, 'Share of outputs flagged anomalous by the baseline anomaly detector in the trailing window.', ['deployment']),
    anomBase: mk(N.anomalousBaseline, 'In-control share of outputs flagged anomalous (the baseline detector false-positive rate).', ['deployment']),
  };
  const windowGauge = new Gauge({ name: N.windowSeconds, help: 'Length of the trailing window the argus_safety_* gauges describe.', registers: [d.registry] });
  windowGauge.set(d.windowMs / 1000);
  // One collect fills every gauge; prom-client awaits it before serialising the first of them.
  const collect = async () => {
    for (const x of Object.values(g)) x.reset();
    const toMs = d.clock.now();
    // Per deployment, so each read is an index range on (deployment, source, minute).
    const rows = [];
    for (const deployment of await deploymentNames(d.store)) rows.push(...await d.store.readAggregates({ deployment, source: 'production', fromMs: toMs - d.windowMs, toMs: toMs + 60_000 }));
    const byDeployment = new Map<string, MinuteAggregate>();
    for (const r of rows) {
      const prev = byDeployment.get(r.deployment);
      byDeployment.set(r.deployment, prev ? mergeMinuteAggregates(prev, r.data as MinuteAggregate) : mergeMinuteAggregates(emptyMinuteAggregate(), r.data as MinuteAggregate));
    }
    for (const [deployment, agg] of byDeployment) {
      const label = d.deploymentLabel(deployment);
      if (label === 'other') continue;
      const l = { deployment: label };
      const m = aggregateMetrics(agg);
      g.requests.set(l, m.events);
      g.harmful.set(l, m.harmfulRequests);
      if (m.refusalRate !== null) g.refusal.set(l, m.refusalRate);
      if (m.toxicityP95 !== null) g.tox.set(l, m.toxicityP95);
      for (const c of HARMFUL_CATEGORIES) {
        const cr = categoryRefusal(agg, c);
        if (cr.rate === null) continue;
        g.cat.set({ ...l, category: c }, cr.rate);
        g.catN.set({ ...l, category: c }, cr.n);
      }
      const base = await d.baseline(deployment);
      if (base) {
        if (base.refusalRate !== null) g.refusalBase.set(l, base.refusalRate);
        if (base.toxicityP95 !== null) g.toxBase.set(l, base.toxicityP95);
        if (base.anomalyFlagRate !== null) g.anomBase.set(l, base.anomalyFlagRate);
        for (const [c, v] of Object.entries(base.byCategory)) if (v !== null && v !== undefined && c !== 'benign') g.catBase.set({ ...l, category: c }, v);
      }
      const an = d.anomaly ? await d.anomaly(deployment) : undefined;
      if (an) g.anom.set(l, an.rate);
    }
  };
  let pending: Promise<void> | undefined;
  let pendingAt = -1;
  // Every gauge's collect shares one refresh per scrape (same clock tick or an in-flight one).
  const refresh = (): Promise<void> => {
    const now = d.clock.now();
    if (pending && now - pendingAt < 1000) return pending;
    pendingAt = now;
    pending = collect();
    return pending;
  };
  for (const x of Object.values(g)) (x as unknown as { collect?: () => Promise<void> }).collect = refresh;
}
