import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Deployments beyond this many share the label value "other", so label cardinality stays bounded. */
export const MAX_DEPLOYMENT_LABELS = 200;

export type PipelineStage = 'store' | 'sample' | 'features' | 'classify' | 'aggregate' | 'capture' | 'gateway';

/**
 * Every Prometheus metric Argus exposes, on its own registry (never the global one), so two
 * instances in one process (tests) do not collide. Names follow Prometheus conventions: base
 * units (seconds), `_total` on counters.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'argus_process_' });
  const seenDeployments = new Set<string>();
  const deploymentLabel = (d: string): string => {
    if (seenDeployments.has(d)) return d;
    if (seenDeployments.size >= MAX_DEPLOYMENT_LABELS) return 'other';
    seenDeployments.add(d);
    return d;
  };
  const m = {
    registry,
    deploymentLabel,
    eventsReceived: new Counter({ name: 'argus_events_received_total', help: 'Events received, by interface (api, import, gateway, otlp).', labelNames: ['interface'], registers: [registry] }),
    eventsStored: new Counter({ name: 'argus_events_stored_total', help: 'Events committed to the store.', registers: [registry] }),
    eventsDuplicate: new Counter({ name: 'argus_events_duplicate_total', help: 'Events skipped because their id was already stored.', registers: [registry] }),
    eventsInvalid: new Counter({ name: 'argus_events_invalid_total', help: 'Events rejected by validation.', labelNames: ['interface'], registers: [registry] }),
    eventsDropped: new Counter({ name: 'argus_events_dropped_total', help: 'Events not stored or not analysed, by reason.', labelNames: ['reason'], registers: [registry] }),
    eventsAnalysed: new Counter({ name: 'argus_events_analysed_total', help: 'Events analysed, by status (done, skipped by sampling, failed).', labelNames: ['status'], registers: [registry] }),
    deploymentEvents: new Counter({ name: 'argus_deployment_events_total', help: 'Stored events per deployment and source.', labelNames: ['deployment', 'source'], registers: [registry] }),
    queueDepth: new Gauge({ name: 'argus_queue_depth', help: 'Events waiting in the pipeline, by queue (write, analyse).', labelNames: ['queue'], registers: [registry] }),
    stageDuration: new Histogram({
      name: 'argus_stage_duration_seconds', help: 'Time spent per pipeline stage, per batch.', labelNames: ['stage'], registers: [registry],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    }),
    internalErrors: new Counter({ name: 'argus_internal_errors_total', help: 'Failures inside Argus that did not reach the client, by stage.', labelNames: ['stage'], registers: [registry] }),
    gatewayRequests: new Counter({ name: 'argus_gateway_requests_total', help: 'Requests through the gateway, by route and upstream status class.', labelNames: ['route', 'status_class'], registers: [registry] }),
    gatewayUpstreamDuration: new Histogram({
      name: 'argus_gateway_upstream_duration_seconds', help: 'Time from forwarding a request to the end of the upstream response.', labelNames: ['route'], registers: [registry],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
