import type { Logger } from 'pino';
import type { NewReviewItem, ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { FlaggedSample } from '../../core/incidents/types.js';
import { rulePrecision, type ReviewLabel } from '../../core/review/precision.js';
import { reviewRuleHits, type ReviewThresholds } from '../../core/review/rules.js';
import type { ReviewItem } from '../../core/review/types.js';
import { sampleFrom } from './evidence.js';
import { singleFlight } from './single-flight.js';

const CURSOR_KEY = 'review_feeder_seq';
const FIRST_PAGE = 32;
const MAX_PAGE = 512;

export interface ReviewQueueOptions {
  store: ResponseStore;
  events: EventStore;
  thresholds: ReviewThresholds;
  clock: Clock;
  logger: Logger;
  pollIntervalMs: number;
  /** An event still unanalysed after this long is passed over (sampled out or stuck). */
  maxAnalysisWaitMs?: number;
}

/**
 * The review queue: a feeder that walks newly analysed events in insertion order (its cursor is
 * durable), applies the queue rules and enqueues flagged outputs; reads that redact PII by
 * default; labels; and per-rule precision from the labels.
 */
export function createReviewQueue(o: ReviewQueueOptions) {
  const { store, events, clock } = o;
  const maxWaitMs = o.maxAnalysisWaitMs ?? 10 * 60_000;

  async function feedOnce(): Promise<number> {
    let seq = Number(store.getSetting(CURSOR_KEY) ?? 0);
    let added = 0;
    // A pass usually stops at the first event still waiting for analysis, so it starts with a small
    // page and reads larger ones only while whole pages are consumed.
    let limit = FIRST_PAGE;
    for (;;) {
      const pageStart = seq;
      const page = await events.listAnalysisStates(seq, limit);
      let stalled = false;
      const flagged: NewReviewItem[] = [];
      for (const e of page) {
        if (e.status === undefined) {
          if (clock.now() - e.receivedMs < maxWaitMs) { stalled = true; break; }
        } else if (e.status === 'done') {
          const hits = reviewRuleHits(e.scores, o.thresholds);
          if (hits.length > 0) flagged.push({
            eventId: e.id, deployment: e.deployment, eventMs: e.timestampMs, rules: hits.map((h) => h.rule), reasons: hits.map((h) => h.reason),
            maxScore: Math.max(...hits.map((h) => h.score)), createdMs: clock.now(),
          });
        }
        seq = e.seq;
      }
      // One transaction per page with the cursor, not awaiting the disk: an insert per item was an
      // fsync per item on the gateway's event loop, and a page's items can be derived again.
      if (seq !== pageStart) added += store.feedReviewPage(flagged, { key: CURSOR_KEY, value: String(seq) });
      if (stalled || page.length < limit) break;
      limit = Math.min(limit * 4, MAX_PAGE);
      // Let the gateway run between pages: the store answers synchronously, so a pass over a large
      // backlog (after a burst, or a restart) would otherwise hold the event loop for all of it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return added;
  }

  const feeds = singleFlight(() => feedOnce().catch((err: unknown) => { o.logger.error({ err }, 'review feeder pass failed'); return 0; }), o.pollIntervalMs);

  async function withText(items: ReviewItem[], redact: boolean): Promise<Array<ReviewItem & { sample: FlaggedSample | null }>> {
    return Promise.all(items.map(async (it) => {
      const e = await events.getEvent(it.eventId);
      return { ...it, sample: e ? sampleFrom(e, it.rules, redact) : null };
    }));
  }

  return {
    feed: feeds.run,
    async list(q: { status: 'pending' | 'labeled' | 'all'; deployment?: string | undefined; rule?: string | undefined; limit: number; redact: boolean }) {
      const items = store.listReviewItems({ status: q.status, deployment: q.deployment, limit: q.rule ? 10_000 : q.limit })
        .filter((it) => !q.rule || it.rules.includes(q.rule)).slice(0, q.limit);
      return withText(items, q.redact);
    },
    async get(id: number, redact: boolean) {
      const it = store.getReviewItem(id);
      if (!it) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no review item with id ${id}`);
      return (await withText([it], redact))[0] as ReviewItem & { sample: FlaggedSample | null };
    },
    label(id: number, label: ReviewLabel, note: string | null, by: string): ReviewItem {
      const it = store.labelReviewItem(id, label, note, by, clock.now());
      if (!it) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no review item with id ${id}`);
      return it;
    },
    stats: () => ({ ...store.reviewCounts(), rules: rulePrecision(store.labeledReviewItems()) }),
    start: feeds.start,
    stop: feeds.stop,
  };
}

export type ReviewQueue = ReturnType<typeof createReviewQueue>;
