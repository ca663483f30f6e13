import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineVersion } from '../../contracts/baseline.js';
import type { ArgusConfig } from '../../contracts/config.js';
import { reviewBaseline, type ReviewOutcome } from '../../core/baseline/review.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { DetectionThresholds } from '../../core/detect/thresholds.js';
import { createBaselineFromWindow, profileWindow } from './baselines.js';

export interface ReviewResult {
  deployment: string;
  atMs: number;
  /** The active baseline that was reviewed. */
  baselineId: string;
  outcome: ReviewOutcome;
  /** The refreshed baseline proposed (reason `periodic`, status proposed), or null when the review declined. */
  proposal: BaselineVersion | null;
}

export interface PeriodicReviewOptions {
  events: EventStore;
  store: DetectionStore;
  clock: Clock;
  /** Cron pattern (croner syntax), evaluated in UTC. */
  schedule: string;
  windowMs: number;
  minEvents: number;
  alpha: number;
  thresholds?: DetectionThresholds | undefined;
  logger?: Logger | undefined;
  onResult?: (r: ReviewResult) => void;
}

export interface PeriodicReview {
  /** Reviews one deployment's active baseline against its recent production traffic. */
  reviewDeployment(deployment: string): Promise<ReviewResult>;
  /** Reviews every deployment with an active baseline (what the schedule runs). */
  runOnce(): Promise<ReviewResult[]>;
  start(): void;
  stop(): Promise<void>;
  /** When the schedule fires next (null when stopped or never). */
  nextRunMs(): number | null;
}

/**
 * The periodic review (monthly by default): the last `windowMs` of analysed production traffic is
 * profiled on the active baseline's bins and topics and passed to reviewBaseline. When inputs
 * drifted and no safety metric regressed, a refreshed baseline is profiled from that window and
 * stored as proposed (reason `periodic`); a person activates it. When safety regressed, nothing
 * is proposed and the result says which metrics, so a regression is never folded into the
 * baseline. Every result is logged and handed to `onResult`.
 */
export function createPeriodicReview(o: PeriodicReviewOptions): PeriodicReview {
  let job: Cron | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function reviewDeployment(deployment: string): Promise<ReviewResult> {
    const active = await o.store.activeBaseline(deployment);
    if (!active) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `deployment '${deployment}' has no active baseline to review`);
    const nowMs = o.clock.now();
    const window = { deployment, sources: ['production' as const], sinceMs: nowMs - o.windowMs, untilMs: nowMs };
    let outcome: ReviewOutcome;
    try {
      const recent = await profileWindow(o.events, window, { reference: active.profile });
      outcome = reviewBaseline(active.profile, recent.profile, { alpha: o.alpha, minEvents: o.minEvents, ...(o.thresholds ? { thresholds: o.thresholds } : {}) });
    } catch (err) {
      if (!(err instanceof ArgusError && err.code === 'ARGUS_ERR_INVALID_INPUT')) throw err;
      outcome = { propose: false, inputDrift: [], regressions: [], summary: `no analysed production traffic in the review window to compare (need ${o.minEvents} events)` };
    }
    // A review repeated within the hour (another server, or by hand) points to the proposal it already made.
    const recent = outcome.propose
      ? (await o.store.listBaselines(deployment)).find((b) => b.reason === 'periodic' && b.status === 'proposed' && b.createdMs > nowMs - 3_600_000 && b.createdMs <= nowMs)
      : undefined;
    const proposal = outcome.propose
      ? recent ?? await createBaselineFromWindow(o.events, o.store, { ...window, reason: 'periodic', activate: false, nowMs, note: `periodic review: ${outcome.summary}` })
      : null;
    const result: ReviewResult = { deployment, atMs: nowMs, baselineId: active.id, outcome, proposal };
    const log = { deployment, baseline: active.id, proposal: proposal?.id, drift: outcome.inputDrift.map((d) => d.metric), regressions: outcome.regressions.map((r) => r.metric) };
    if (outcome.regressions.length > 0 && outcome.inputDrift.length > 0) o.logger?.warn(log, `periodic review declined: ${outcome.summary}`);
    else o.logger?.info(log, `periodic review: ${outcome.summary}`);
    o.onResult?.(result);
    return result;
  }

  async function runOnce(): Promise<ReviewResult[]> {
    const out: ReviewResult[] = [];
    for (const d of await o.store.deploymentsWithActiveBaseline()) {
      try {
        // On a shared PostgreSQL store only one server reviews a deployment at a time; the others skip it.
        const r = o.store.whileLeading ? await o.store.whileLeading(`review:${d}`, () => reviewDeployment(d)) : await reviewDeployment(d);
        if (r) out.push(r);
      } catch (err) { o.logger?.error({ err, deployment: d }, 'periodic review failed'); }
    }
    return out;
  }

  return {
    reviewDeployment, runOnce,
    start() {
      if (job) return;
      // protect: a review still running when the next one is due is not started twice.
      job = new Cron(o.schedule, { timezone: 'UTC', protect: true, unref: true }, async () => { const r = runOnce(); running = r; await r; });
    },
    async stop() {
      job?.stop();
      job = undefined;
      await running.catch(() => undefined);
    },
    nextRunMs: () => job?.nextRun()?.getTime() ?? null,
  };
}

/** The periodic review as the config asks for it. */
export function periodicReviewFrom(config: ArgusConfig, o: { events: EventStore; store: DetectionStore; clock: Clock; logger?: Logger; thresholds?: DetectionThresholds }): PeriodicReview {
  const r = config.detection.review;
  return createPeriodicReview({ ...o, schedule: r.schedule, windowMs: r.window, minEvents: r.min_events, alpha: r.alpha });
}
