import type { ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import { detectPii, redactPii } from '../../core/classify/pii/index.js';
import type { ArgusScores } from '../../core/classify/types.js';
import { lastUserText, type EventAnalysis, type StoredEvent } from '../../core/events/event.js';
import type { FlaggedSample, NgramEvidence } from '../../core/incidents/types.js';
import { overRepresentedNgrams } from '../../core/ngrams/log-odds.js';
import { reviewRuleHits, type ReviewThresholds } from '../../core/review/rules.js';

type AnalysedEvent = StoredEvent & { analysis?: EventAnalysis | undefined };

/** Input and output of an event with PII redacted (output by the stored entities, input detected now). */
export function redactedTexts(e: AnalysedEvent): { input: string; output: string } {
  const input = lastUserText(e.input);
  const entities = (e.analysis?.scores as Partial<ArgusScores> | undefined)?.pii?.entities ?? [];
  let output: string;
  // Stored offsets belong to the stored output; if they do not fit (a re-analysis), detect afresh.
  try { output = redactPii(e.output, entities); } catch { output = redactPii(e.output, detectPii(e.output)); }
  return { input: redactPii(input, detectPii(input)), output };
}

export function sampleFrom(e: AnalysedEvent, rules: string[], redact: boolean): FlaggedSample {
  const texts = redact ? redactedTexts(e) : { input: lastUserText(e.input), output: e.output };
  const scores = e.analysis?.scores as Partial<ArgusScores> | undefined;
  return { eventId: e.id, timestampMs: e.timestampMs, ...texts, category: scores?.harm_category?.top ?? null, rules };
}

/** Flagged outputs of a deployment in a window, from the review queue (highest score first), redacted. */
export async function flaggedSamples(store: ResponseStore, events: EventStore, deployment: string, sinceMs: number, limit: number): Promise<FlaggedSample[]> {
  const items = store.listReviewItems({ status: 'all', deployment, sinceMs, limit });
  const out: FlaggedSample[] = [];
  for (const it of items) {
    const e = await events.getEvent(it.eventId);
    if (e) out.push(sampleFrom(e, it.rules, true));
  }
  return out;
}

/**
 * Input n-grams over-represented among flagged outputs in a window: reads up to `maxEvents`
 * recent analysed events of the deployment, splits them by the review rules, and ranks n-grams
 * by the log-odds z-score (src/core/ngrams). Inputs are redacted first, so no PII becomes evidence.
 */
export async function ngramEvidence(events: EventStore, deployment: string, sinceMs: number, thresholds: ReviewThresholds, maxEvents = 5_000): Promise<NgramEvidence[]> {
  const flagged: string[] = [];
  const other: string[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await events.listEvents({ deployment, sinceMs, limit: 1000, cursor, order: 'desc' });
    for (const e of page.events) {
      if (e.analysis?.status !== 'done') continue;
      const input = redactedTexts(e).input;
      (reviewRuleHits(e.analysis.scores, thresholds).length > 0 ? flagged : other).push(input);
    }
    seen += page.events.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < maxEvents);
  if (flagged.length < 3 || other.length === 0) return [];
  return overRepresentedNgrams(flagged, other, { limit: 15 });
}
