import type { EventStore } from '../../adapters/storage/types.js';
import type { BaselineProfile } from '../../core/baseline/profile.js';
import type { BackdoorObservation } from '../../core/detect/backdoor.js';
import type { Observation } from '../../core/detect/minute-record.js';
import { toBackdoorObservation } from './backdoor-observe.js';
import { observeRows } from './observe.js';

export interface ObservationWindow {
  deployment: string;
  sinceMs: number;
  untilMs: number;
  profile: BaselineProfile;
  policyMin: number;
}

/**
 * Hands `visit` each analysed ('done') production event of [sinceMs, untilMs), projected onto
 * what the detectors read, in (timestamp, seq) order; returns how many there were.
 *
 * Page by page, and nothing kept: a minute at 2,400 events/s is 140,000 events, and holding
 * them (or even their projections) until the minute is done made a few hundred MiB of garbage
 * a minute that the gateway's heap grew to hold. Each page is a short-lived young-generation
 * allocation instead, and the event loop turns between pages.
 */
export async function forEachObservation(events: EventStore, w: ObservationWindow, visit: (obs: Observation, backdoor: BackdoorObservation) => void): Promise<number> {
  let seen = 0;
  let cursor: string | undefined;
  do {
    const page = await events.listDetectionRows({ deployment: w.deployment, source: 'production', sinceMs: w.sinceMs, untilMs: w.untilMs }, { limit: 1000, cursor });
    const obs = observeRows(page.rows, w.profile);
    page.rows.forEach((r, i) => visit(obs[i] as Observation, toBackdoorObservation(r, w.policyMin)));
    seen += page.rows.length;
    cursor = page.nextCursor ?? undefined;
    // The SQLite store answers synchronously, so without this a run over a busy minute would hold
    // the gateway's event loop from its first page to its last.
    if (cursor) await new Promise<void>((resolve) => setImmediate(resolve));
  } while (cursor);
  return seen;
}
