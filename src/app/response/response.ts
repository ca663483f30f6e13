import type { Logger } from 'pino';
import { createSqliteDetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import { createResponseStore, type ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import { openSqliteDatabase } from '../../adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { ArgusConfig } from '../../contracts/config.js';
import { mitigationPolicyFrom } from '../../contracts/mitigation.js';
import type { AlertTransition, AlertTransitionSource } from '../../contracts/notify.js';
import type { Clock } from '../../core/clock.js';
import type { ReviewThresholds } from '../../core/review/rules.js';
import { createBaselineFromWindow } from '../detection/baselines.js';
import { openDetectionStore } from '../detection/compose.js';
import { sqliteOptionsFrom } from '../open-store.js';
import { createIncidentManager } from './incident-manager.js';
import { createMitigationController } from './mitigation-controller.js';
import { boostSettingsFrom, createMonitoringBoost, type MonitoringBoost } from './monitoring-boost.js';
import { createNotifier } from './notifier.js';
import { createReviewQueue } from './review-queue.js';

export interface ResponseSystemOptions {
  config: ArgusConfig;
  events: EventStore;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  /** A store to use instead of opening the data dir's database (tests). */
  store?: ResponseStore;
  /** Where boost_monitoring takes effect (sampler, detection engine); made here when absent. */
  boost?: MonitoringBoost;
}

export function reviewThresholdsFrom(config: ArgusConfig): ReviewThresholds {
  const t = config.review.thresholds;
  return { harmfulCompliance: t.harmful_compliance, toxicity: t.toxicity, policyViolation: t.policy_violation, jailbreak: t.jailbreak };
}

/** Opens the response store: the SQLite file of the embedded store (or one beside it when events live in PostgreSQL). */
export function openResponseStore(config: ArgusConfig): ResponseStore {
  const file = config.storage.driver === 'sqlite' ? 'argus.db' : 'response.db';
  return createResponseStore(openSqliteDatabase(sqliteOptionsFrom(config, file)));
}

/**
 * The response side, wired: notifier outbox, mitigation controller, review queue and incident
 * manager, all fed by alert transitions. `handle` is what a transition goes through: enqueue
 * notifications (durable, fast), then incidents and the mitigation policy, so a critical alert
 * reroutes the gateway before `handle` resolves, within the detection cycle that raised it.
 */
export function createResponseSystem(o: ResponseSystemOptions) {
  const { config, clock, logger } = o;
  const store = o.store ?? openResponseStore(config);
  const boost = o.boost ?? createMonitoringBoost(boostSettingsFrom(config.mitigation.boost));
  const mitigation = createMitigationController({
    store, policy: mitigationPolicyFrom(config.mitigation), deployments: config.deployments, env: o.env, clock, logger,
    onChange: (deployment, effective) => boost.set(deployment, effective.boost !== null),
  });
  const notifier = createNotifier({ store, config: config.notifiers, env: o.env, clock, logger });
  const thresholds = reviewThresholdsFrom(config);
  const review = createReviewQueue({ store, events: o.events, thresholds, clock, logger, pollIntervalMs: config.review.poll_interval });
  const detection = config.storage.driver === 'sqlite' ? createSqliteDetectionStore(store.db) : openDetectionStore(config, o.env);
  const incidents = createIncidentManager({
    store, events: o.events, mitigation: config.mitigation.enabled ? mitigation : undefined, clock, logger,
    openMinSeverity: config.incidents.open_min_severity, evidenceSamples: config.incidents.evidence_samples,
    evidenceWindowMs: config.incidents.evidence_window, regressionSuiteFile: config.incidents.regression_suite_file, reviewThresholds: thresholds,
    recordIncidentBaseline: detection ? async (deployment, incidentId, sinceMs, untilMs) => (await createBaselineFromWindow(o.events, detection, {
      deployment, sources: ['production'], sinceMs, untilMs, reason: 'incident', activate: false, nowMs: clock.now(), note: `recorded when incident ${incidentId} was resolved`,
    })).id : undefined,
  });
  const unsubscribes: Array<() => void> = [];
  let refreshTimer: NodeJS.Timeout | undefined;

  async function handle(t: AlertTransition): Promise<void> {
    try { notifier.enqueue(t); } catch (err) { logger.error({ err, alert: t.alertId }, 'enqueueing notifications failed'); }
    if (config.review.enabled) await review.feed();
    await incidents.onTransition(t);
  }

  return {
    store, mitigation, boost, notifier, review, incidents, handle,
    subscribe(source: AlertTransitionSource): void { unsubscribes.push(source.subscribe(handle)); },
    start(): void {
      notifier.start();
      if (config.review.enabled) review.start();
      refreshTimer = setInterval(() => { try { mitigation.reload(); } catch (err) { logger.error({ err }, 'reloading mitigations failed'); } }, config.mitigation.refresh_interval);
      refreshTimer.unref();
    },
    async stop(): Promise<void> {
      for (const u of unsubscribes.splice(0)) u();
      if (refreshTimer) clearInterval(refreshTimer);
      await notifier.stop();
      await review.stop();
      if (!o.store) store.close();
    },
  };
}

export type ResponseSystem = ReturnType<typeof createResponseSystem>;
