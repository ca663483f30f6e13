import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineProfile } from '../../core/baseline/profile.js';
import type { BackdoorObservation } from '../../core/detect/backdoor.js';
import type { Observation } from '../../core/detect/minute-record.js';
import { toBackdoorObservation } from './backdoor-observe.js';
import { observeEvents } from './observe.js';

/** One analysed production event as the detectors read it. */
export interface ObservedEvent { seq: number; obs: Observation; backdoor: BackdoorObservation }

export interface ObservationQuery {
  deployment: string;
  sinceMs: number;
  untilMs: number;
  profile: BaselineProfile;
  policyMin: number;
  /** An unanalysed event newer than this is still waited for. */
  waitSinceMs: number;
}

/**
 * The production events of [sinceMs, untilMs) that were analysed ('done'), projected page by page
 * onto what the detectors read, in (timestamp, seq) order; and the earliest timestamp of an event
 * still waiting for its analysis (received after `waitSinceMs`), if any.
 *
 * Page by page because a minute at 2,000 events/s is 120,000 full events (input, output, features,
 * scores): holding them all at once would take hundreds of MiB for the length of the run.
 * Only the projection (about a tenth of the size) is kept, and the event loop turns between pages.
 * Each event's projection depends on that event alone, so this equals projecting the whole range at once;
 * pages in order 'time' come in (timestamp, seq) order, so the list needs no sort.
 */
export async function readObservations(events: EventStore, q: ObservationQuery): Promise<{ observed: ObservedEvent[]; waitingFromMs: number | undefined }> {
  const observed: ObservedEvent[] = [];
  let waitingFromMs: number | undefined;
  let cursor: string | undefined;
  do {
    const page = await events.listEvents({ deployment: q.deployment, source: 'production', sinceMs: q.sinceMs, untilMs: q.untilMs, limit: 1000, cursor, order: 'time' });
    for (const e of page.events) {
      if (!e.analysis && e.timestampMs >= q.waitSinceMs) waitingFromMs = Math.min(waitingFromMs ?? Infinity, e.timestampMs);
    }
    const done = page.events.filter((e) => e.analysis?.status === 'done');
    const obs = observeEvents(done, q.profile);
    done.forEach((e, i) => observed.push({ seq: e.seq, obs: obs[i] as Observation, backdoor: toBackdoorObservation(e, q.policyMin) }));
    cursor = page.nextCursor ?? undefined;
    // The SQLite store answers synchronously, so without this a run over a busy minute would hold
    // the gateway's event loop from its first page to its last (seconds at 1,000+ events/s).
    if (cursor) await new Promise<void>((resolve) => setImmediate(resolve));
  } while (cursor);
  return { observed, waitingFromMs };
}
