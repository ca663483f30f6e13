import type { Logger } from 'pino';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineVersion } from '../../contracts/baseline.js';
import type { ArgusConfig } from '../../contracts/config.js';
import { detectContextChange, type ContextChange, type ContextWatchOptions } from '../../core/baseline/context-watch.js';
import { fingerprintKey } from '../../core/baseline/fingerprint.js';
import { windowLabel } from '../../core/detect/explain.js';
import type { MinuteRecord } from '../../core/detect/minute-record.js';
import type { Finding } from '../../core/detect/types.js';
import { createBaselineFromWindow } from './baselines.js';

export interface ContextCheckOptions extends ContextWatchOptions {
  events: EventStore;
  store: DetectionStore;
  /** Production traffic looked back over. */
  windowMs: number;
  logger?: Logger | undefined;
}

const MINUTE_MS = 60_000;

/** The proposal already made for this context since the active baseline was activated, if any. */
async function existingProposal(store: DetectionStore, active: BaselineVersion, key: string): Promise<BaselineVersion | undefined> {
  const since = active.activatedMs ?? active.createdMs;
  return (await store.listBaselines(active.deployment))
    .find((b) => b.reason === 'context-change' && b.status === 'proposed' && b.createdMs >= since && fingerprintKey(b.fingerprint) === key);
}

function finding(deployment: string, active: BaselineVersion, change: ContextChange, proposal: BaselineVersion, o: ContextCheckOptions, nowMs: number, endMs: number): Finding {
  const pct = `${(change.share * 100).toFixed(0)}%`;
  return {
    deployment, metric: 'context_change', category: null, detector: 'threshold', level: 'warning', severity: 'medium', atMs: nowMs,
    window: { startMs: endMs - o.windowMs, endMs, label: windowLabel(o.windowMs) },
    observed: { value: change.share, n: change.events }, baseline: { value: active.profile.fingerprintShare, n: active.profile.events },
    statistic: change.share, limit: o.minShare, startedMs: change.sinceMs,
    explanation: `deployment context changed (${change.changes.join(', ')}): ${pct} of ${change.total} events in the last ${windowLabel(o.windowMs)} carry a context `
      + `the active baseline v${active.version} was not built on; baseline ${proposal.id} v${proposal.version} (context-change, from that traffic) is proposed: `
      + `review it (argus baseline diff ${proposal.id} --against ${active.id}) and activate it (argus baseline activate ${proposal.id})`,
  };
}

/**
 * The engine's per-cycle context check (its `extraFindings` hook). From the fingerprint counts
 * in the minute records of the last `windowMs`, a context the active baseline was not built on
 * (detectContextChange) gets a proposed `context-change` baseline profiled from the production
 * events in that context since it appeared (once per context and active baseline), and a
 * medium `context_change` finding every cycle while it lasts, so one alert fires (notifiers,
 * boost_monitoring) and resolves once the new baseline is activated or the traffic goes back.
 */
export function createContextCheck(o: ContextCheckOptions) {
  return async (run: { deployment: string; baseline: BaselineVersion; history: readonly MinuteRecord[]; nowMs: number }): Promise<Finding[]> => {
    const endMs = Math.max(...run.history.map((m) => m.minuteMs + MINUTE_MS), 0);
    const recent = run.history.filter((m) => m.minuteMs >= endMs - o.windowMs);
    const change = detectContextChange(run.baseline.profile.fingerprint, recent, o);
    if (!change) return [];
    let proposal = await existingProposal(o.store, run.baseline, change.key);
    if (!proposal) {
      proposal = await createBaselineFromWindow(o.events, o.store, {
        deployment: run.deployment, sources: ['production'], sinceMs: change.sinceMs, untilMs: endMs, context: change.key,
        reason: 'context-change', activate: false, nowMs: run.nowMs,
        note: `proposed by the context watch: ${change.changes.join(', ')} changed; ${change.events} of ${change.total} recent events in the new context`,
      });
      o.logger?.warn({ deployment: run.deployment, baseline: proposal.id, changes: change.changes, share: change.share }, 'deployment context changed; a new baseline is proposed');
    }
    return [finding(run.deployment, run.baseline, change, proposal, o, run.nowMs, endMs)];
  };
}

/** The context check as the config asks for it. */
export function contextCheckFrom(config: ArgusConfig, events: EventStore, store: DetectionStore, logger?: Logger) {
  const c = config.detection.context;
  return createContextCheck({ events, store, logger, windowMs: c.window, minEvents: c.min_events, minShare: c.min_share });
}
