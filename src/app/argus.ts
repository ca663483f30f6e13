import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { EventStore } from '../adapters/storage/types.js';
import { systemClock } from '../adapters/system-clock.js';
import type { ArgusConfig } from '../contracts/config.js';
import { createEventSchema, type EventLimits } from '../contracts/event.js';
import { createEventParser } from '../contracts/event-fast.js';
import type { Classifier } from '../core/classify/types.js';
import type { Clock } from '../core/clock.js';
import { registerDashboardRoutes } from '../server/api/dashboard-routes.js';
import { registerEventsRoutes } from '../server/api/events-routes.js';
import { registerOtlpRoutes } from '../server/api/otlp-routes.js';
import { registerDashboardAssets } from '../server/dashboard/static-assets.js';
import { noBaselines, registerSafetyGauges, type BaselineLookup } from './export/index.js';
import { buildHttpApp } from '../server/build-server.js';
import { registerGatewayRoutes } from '../server/gateway/gateway-routes.js';
import { createUpstreamAgent, staticRouter, type UpstreamRouter } from '../server/gateway/upstream.js';
import { registerOpsRoutes } from '../server/ops-routes.js';
import type { AlertTransitionSource } from '../contracts/notify.js';
import { registerIncidentsRoutes } from '../server/api/incidents-routes.js';
import { registerMitigationRoutes } from '../server/api/mitigation-routes.js';
import { registerReviewRoutes } from '../server/api/review-routes.js';
import { installGatewayRateLimit, mitigationRouter } from '../server/gateway/mitigation-router.js';
import { createResponseSystem, type ResponseSystem } from './response/response.js';
import { boostSettingsFrom, createMonitoringBoost } from './response/monitoring-boost.js';
import { exchangeToEvent } from './exchange-to-event.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createAnalyzer } from './pipeline/analyzer.js';
import { createPipeline, type Pipeline } from './pipeline/pipeline.js';
import { createInlineRunner, createProcessRunner } from './pipeline/analysis-runner.js';
import { buildClassifier, samplerFrom } from './build-analysis.js';
import { openStore } from './open-store.js';
import { createDetection, type Detection } from './detection/compose.js';
import { detectionSource } from './response/alert-adapter.js';

export { openStore } from './open-store.js';
import { createUserHasher, resolveUserHashSecret } from './user-hash.js';
import { setUpAuth } from './auth.js';
import { ensureRollups } from './rollups.js';
import { registerLoginRoutes } from '../server/auth/login-routes.js';

export interface ArgusOptions {
  config: ArgusConfig;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  clock?: Clock;
  classifier?: Classifier;
  /** Replaces the store (tests inject a broken one). */
  store?: EventStore;
  /** Replaces the router built from config (mitigation installs its own). */
  router?: UpstreamRouter;
  /** Alert transitions for incidents, notifiers and mitigation (the detection engine's, adapted). */
  alertSource?: AlertTransitionSource;
  /** Active-baseline numbers for the dashboard and the argus_safety_* gauges (default: none known). */
  baselines?: BaselineLookup;
  /** Built dashboard files (default: web/dist of this package). */
  dashboardAssetsDir?: string;
}

export interface Argus {
  app: FastifyInstance;
  pipeline: Pipeline;
  store: EventStore;
  metrics: Metrics;
  logger: Logger;
  /** Baselines, the detection engine and alerts (`detection.bus.subscribe` for transitions); absent when disabled or with an injected store. */
  detection?: Detection | undefined;
  /** Incidents, notifiers, mitigation and the review queue. */
  response: ResponseSystem;
  /** Starts the pipeline and listens; resolves to the bound address. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function eventLimitsFrom(config: ArgusConfig): EventLimits {
  return {
    maxTextChars: config.ingest.max_text_chars,
    maxMessages: config.ingest.max_messages,
    maxMetadataKeys: config.ingest.max_metadata_keys,
    maxMetadataKeyChars: 128,
    maxMetadataValueChars: config.ingest.max_metadata_value_chars,
    maxIdChars: 128,
  };
}


/** The composition root: the one place that picks real implementations and wires them together. */
export function createArgus(o: ArgusOptions): Argus {
  const { config } = o;
  const env = o.env ?? process.env;
  const logger = o.logger ?? pino({ level: config.log.level, base: { service: 'argus' } });
  const clock = o.clock ?? systemClock;
  const metrics = createMetrics();
  const store = o.store ?? openStore(config, env, { writerThread: true });
  const hashUser = createUserHasher(resolveUserHashSecret(env, config.privacy.user_hash_secret_env, config.data_dir, (msg) => logger.warn(msg)));
  const limits = eventLimitsFrom(config);
  // A child process needs its own connection to the same file; an injected store or a
  // classifier object can only run inline.
  const inline = config.pipeline.analysis === 'inline' || o.store !== undefined || o.classifier !== undefined;
  const boost = createMonitoringBoost(boostSettingsFrom(config.mitigation.boost));
  const runner = inline
    ? createInlineRunner({
      store, clock, logger, batchSize: config.pipeline.batch_size, sampler: samplerFrom(config, boost.samplingRate),
      analyzer: createAnalyzer(o.classifier ?? buildClassifier(config), (err) => {
        metrics.internalErrors.inc({ stage: 'classify' });
        logger.error({ err }, 'classifier failed on an event; its features are kept');
      }),
    })
    : createProcessRunner({ config, env, logger, boost });
  const pipeline = createPipeline({
    store, runner, metrics, logger,
    queueCapacity: config.pipeline.queue_capacity,
    batchSize: config.pipeline.batch_size,
    flushIntervalMs: config.pipeline.flush_interval,
  });

  const response = createResponseSystem({ config, events: store, env, clock, logger, boost });
  if (o.alertSource) response.subscribe(o.alertSource);

  const auth = setUpAuth(config, env, clock, logger);
  const app = buildHttpApp({ logger, maxBodyBytes: Math.max(config.ingest.max_body_bytes, config.gateway.max_body_bytes), auth: auth.guard });
  if (auth.guard) registerLoginRoutes(app, auth.guard);
  registerOpsRoutes(app, {
    registry: metrics.registry,
    notReadyReason: async () => {
      try { await store.getSetting('ping'); return undefined; } catch (err) { return `store: ${(err as Error).message}`; }
    },
  });
  const eventSchema = createEventSchema(limits);
  registerOtlpRoutes(app, {
    pipeline, schema: eventSchema, hashUser, clock, maxBodyBytes: config.ingest.max_body_bytes,
    onInvalid: (n) => metrics.eventsInvalid.inc({ interface: 'otlp' }, n),
  });
  registerEventsRoutes(app, {
    pipeline, store, parseEvent: createEventParser(eventSchema, limits), hashUser, clock,
    maxBatchEvents: config.ingest.max_batch_events, maxBodyBytes: config.ingest.max_body_bytes,
    onInvalid: (n) => metrics.eventsInvalid.inc({ interface: 'api' }, n),
  });
  const baselines = o.baselines ?? noBaselines;
  registerSafetyGauges({ registry: metrics.registry, store, clock, windowMs: 15 * 60_000, baseline: baselines, deploymentLabel: metrics.deploymentLabel });
  registerDashboardRoutes(app, { store, clock, baseline: baselines, authMode: () => auth.mode });
  registerDashboardAssets(app, { ...(o.dashboardAssetsDir ? { assetsDir: o.dashboardAssetsDir } : {}), onMissing: (dir) => logger.warn({ dir }, 'dashboard assets are not built (npm run build:web); / shows a notice') });
  registerIncidentsRoutes(app, response.incidents);
  registerMitigationRoutes(app, response.mitigation);
  registerReviewRoutes(app, response.review, { redactByDefault: config.review.redact_pii });
  const detection = config.detection.enabled && o.store === undefined ? createDetection({ config, app, events: store, clock, logger, boost, env }) : undefined;
  if (detection && !o.alertSource) response.subscribe(detectionSource(detection.bus));
  const agent = createUpstreamAgent({ maxConnections: config.gateway.upstream.max_connections, connectTimeoutMs: config.gateway.upstream.connect_timeout });
  if (config.gateway.enabled) {
    const upstream = config.gateway.upstream;
    const router = mitigationRouter(o.router ?? staticRouter(upstream.url ? { baseUrl: upstream.url, apiKey: env[upstream.api_key_env] } : undefined), response.mitigation);
    installGatewayRateLimit(app, response.mitigation, config.gateway.deployment);
    registerGatewayRoutes(app, {
      router, dispatcher: agent, defaultDeployment: config.gateway.deployment, timeoutMs: upstream.timeout,
      maxBodyBytes: config.gateway.max_body_bytes, maxCaptureBytes: config.ingest.max_text_chars * 4, metrics, clock,
      onExchange: (x) => { pipeline.capture(exchangeToEvent(x, clock.now(), hashUser, limits)); },
    });
  }

  let closed = false;
  return {
    app, pipeline, store, metrics, logger, response, detection,
    async listen() {
      pipeline.start();
      detection?.engine.start();
      if (config.detection.review.enabled) detection?.review.start();
      response.start();
      void ensureRollups(store, logger).catch((err: unknown) => { if (!closed) logger.error({ err }, 'rollup rebuild failed; charts keep reading minutes'); });
      return app.listen({ host: config.server.host, port: config.server.port });
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await detection?.engine.stop();
      await detection?.review.stop();
      await pipeline.stop();
      await response.stop();
      await agent.close();
      await store.close();
    },
  };
}
