import type { EventStore } from '../../adapters/storage/types.js';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { BaselineReason, BaselineSource, BaselineVersion } from '../../contracts/baseline.js';
import { contextFingerprint, fingerprintKey } from '../../core/baseline/fingerprint.js';
import { buildBaselineProfile, type BaselineProfile } from '../../core/baseline/profile.js';
import { invalidInput } from '../../core/errors.js';
import type { EventSource } from '../../core/events/event.js';
import { toProfileEvent } from './observe.js';

export interface BaselineWindow {
  deployment: string;
  sources: readonly EventSource[];
  sinceMs?: number | undefined;
  untilMs?: number | undefined;
  /** Only events in this deployment context (a `fingerprintKey`). */
  context?: string | undefined;
}

/** Reads the analysed events of a window (every named source) and profiles them. */
export async function profileWindow(events: EventStore, w: BaselineWindow, options: { seed?: number; reference?: BaselineProfile } = {}): Promise<{ profile: BaselineProfile; events: number }> {
  const picked = [];
  for (const source of w.sources) {
    let cursor: string | undefined;
    do {
      const page = await events.listEvents({ deployment: w.deployment, source, sinceMs: w.sinceMs, untilMs: w.untilMs, limit: 1000, cursor, order: 'time' });
      for (const e of page.events) {
        if (e.analysis?.status !== 'done') continue;
        const p = toProfileEvent(e);
        if (w.context === undefined || fingerprintKey(contextFingerprint(p)) === w.context) picked.push(p);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  if (picked.length === 0) {
    throw invalidInput(`no analysed ${w.sources.join('/')} events for deployment '${w.deployment}'${w.context === undefined ? '' : ' in that context'} in the window; import or capture some first (and let \`argus serve\` analyse them)`);
  }
  return { profile: buildBaselineProfile(picked, options), events: picked.length };
}

/** Profiles a window and stores it as a new baseline version (active or proposed). */
export async function createBaselineFromWindow(events: EventStore, store: DetectionStore, w: BaselineWindow & {
  reason: BaselineReason; activate: boolean; nowMs: number; source?: Partial<BaselineSource>; note?: string | null;
}): Promise<BaselineVersion> {
  const { profile, events: n } = await profileWindow(events, w);
  return store.insertBaseline({
    deployment: w.deployment, reason: w.reason, status: w.activate ? 'active' : 'proposed', createdMs: w.nowMs, profile, note: w.note ?? null,
    source: { kind: 'window', sources: [...w.sources], ...(w.sinceMs !== undefined ? { sinceMs: w.sinceMs } : {}), ...(w.untilMs !== undefined ? { untilMs: w.untilMs } : {}), ...w.source, events: n },
  });
}
