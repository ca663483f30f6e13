import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createSqliteDetectionStore, type DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import { openSqliteDatabase } from '../../adapters/storage/sqlite/sqlite-event-store.js';
import { openPostgresDetectionStore } from '../../adapters/storage/postgres/postgres-detection-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { ArgusConfig } from '../../contracts/config.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../../core/detect/settings.js';
import { registerAlertsRoutes } from '../../server/api/alerts-routes.js';
import { registerBaselinesRoutes } from '../../server/api/baselines-routes.js';
import type { MonitoringBoost } from '../response/monitoring-boost.js';
import { sqliteOptionsFrom } from '../open-store.js';
import { contextCheckFrom } from './context-check.js';
import { periodicReviewFrom, type PeriodicReview } from './periodic-review.js';
import { createDetectionEngine, type DetectionEngine } from './engine.js';
import { calibrateOffThread } from './calibrate-off-thread.js';
import { createAlertTransitionBus, type AlertTransitionBus } from './transitions.js';

export function detectionSettingsFrom(config: ArgusConfig): DetectionSettings {
  const d = config.detection;
  const t = d.thresholds;
  return {
    ...DEFAULT_DETECTION_SETTINGS,
    falseAlarmRatePerEvent: d.false_alarm_rate_per_event,
    falseAlarmRatePerWindow: d.false_alarm_rate_per_window,
    thresholds: {
      refusalOverall: { warningRatio: t.refusal_overall_warning_ratio, criticalRatio: t.refusal_overall_critical_ratio },
      refusalCategory: { warningDrop: t.refusal_category_warning_drop, criticalDrop: t.refusal_category_critical_drop },
      toxicityP95: { warningRatio: t.toxicity_p95_warning_ratio, criticalRatio: t.toxicity_p95_critical_ratio },
      anomalousRate: { warning: t.anomalous_warning_rate, critical: t.anomalous_critical_rate },
    },
  };
}

/**
 * Opens the detection store where the events are: the SQLite file beside them (own connection),
 * or the same PostgreSQL database, so several processes share baselines and alerts.
 */
export function openDetectionStore(config: ArgusConfig, env: NodeJS.ProcessEnv = process.env): DetectionStore {
  if (config.storage.driver === 'postgres') {
    const url = env[config.storage.postgres_url_env];
    if (!url) throw new ArgusError('ARGUS_ERR_CONFIG', `storage.driver is postgres but ${config.storage.postgres_url_env} is not set (e.g. postgres://user@host:5432/argus)`);
    return openPostgresDetectionStore(url);
  }
  return createSqliteDetectionStore(openSqliteDatabase(sqliteOptionsFrom(config)));
}

/** `review` is the scheduled periodic baseline review (started with the engine when detection.review.enabled). */
export interface Detection { store: DetectionStore; engine: DetectionEngine; bus: AlertTransitionBus; review: PeriodicReview }

/**
 * Wires detection for the composition root: store, transition bus (subscribe to it for alert
 * transitions), engine, periodic review and the /api/v1/alerts and /api/v1/baselines routes.
 * The detection tables live with the events (SQLite file or PostgreSQL).
 */
export function createDetection(o: { config: ArgusConfig; app: FastifyInstance; events: EventStore; clock: Clock; logger: Logger; store?: DetectionStore; boost?: MonitoringBoost; env?: NodeJS.ProcessEnv }): Detection {
  const store = o.store ?? openDetectionStore(o.config, o.env);
  const bus = createAlertTransitionBus((err, t) => o.logger.error({ err, alert: t.alertId, type: t.type }, 'an alert transition subscriber failed'));
  const engine = createDetectionEngine({
    events: o.events, store, clock: o.clock, bus, settings: detectionSettingsFrom(o.config), windowsMs: o.config.detection.windows,
    intervalMs: o.config.detection.interval, resolveAfterMs: o.config.detection.resolve_after,
    ...(o.boost ? { intervalFor: o.boost.detectionIntervalMs, tickMs: Math.min(o.config.detection.interval, o.config.mitigation.boost.detection_interval) } : {}),
    ...(o.config.detection.context.enabled ? { extraFindings: contextCheckFrom(o.config, o.events, store, o.logger) } : {}),
    onError: (err, deployment) => o.logger.error({ err, deployment }, 'detection run failed'),
    calibrate: calibrateOffThread,
  });
  const settings = detectionSettingsFrom(o.config);
  const review = periodicReviewFrom(o.config, { events: o.events, store, clock: o.clock, logger: o.logger, thresholds: settings.thresholds });
  registerAlertsRoutes(o.app, { store, bus, clock: o.clock });
  registerBaselinesRoutes(o.app, { store, clock: o.clock });
  return { store, engine, bus, review };
}
