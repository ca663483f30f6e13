import type { EventAnalysis, StoredEvent } from '../../core/events/event.js';
import { inputText } from '../../core/events/event.js';
import { countsTowardRefusal } from '../../core/baseline/harmful-request.js';
import { contextFingerprint, fingerprintKey } from '../../core/baseline/fingerprint.js';
import { anomalyVector, type BaselineProfile, type ProfileEvent } from '../../core/baseline/profile.js';
import type { Observation } from '../../core/detect/minute-record.js';
import { scoreSamples } from '../../core/stats/anomaly/isolation-forest.js';
import { assignTopic } from '../../core/topics/topic-model.js';

type AnalysedEvent = StoredEvent & { analysis?: EventAnalysis | undefined };

/** The system prompt of a chat input (first system message), or null. */
export function systemPromptOf(e: StoredEvent): string | null {
  if (!Array.isArray(e.input)) return null;
  return e.input.find((m) => m.role === 'system')?.content ?? null;
}

/** Tools offered to the model, from metadata `tools` (comma-separated names). */
export function toolsOf(e: StoredEvent): string[] {
  const t = e.metadata.tools;
  return typeof t === 'string' && t.length > 0 ? t.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function toProfileEvent(e: AnalysedEvent): ProfileEvent {
  return {
    inputText: inputText(e.input), outputText: e.output, systemPrompt: systemPromptOf(e), tools: toolsOf(e), model: e.model,
    latencyMs: e.latencyMs, inputTokens: e.inputTokens, outputTokens: e.outputTokens,
    features: e.analysis?.features, scores: e.analysis?.scores,
  };
}

/** Projects analysed events onto what the detectors read, scoring anomalies in one batch. */
export function observeEvents(events: readonly AnalysedEvent[], b: BaselineProfile): Observation[] {
  const rows = events.map((e) => (b.anomaly ? anomalyVector(e.analysis?.features) : undefined));
  const scored = rows.map((r, i) => [r, i] as const).filter((x): x is readonly [number[], number] => x[0] !== undefined);
  const flags = new Map<number, boolean>();
  if (b.anomaly && scored.length > 0) {
    const s = scoreSamples(b.anomaly.model, scored.map((x) => x[0]));
    scored.forEach(([, i], k) => flags.set(i, (s[k] as number) < (b.anomaly as NonNullable<typeof b.anomaly>).threshold));
  }
  return events.map((e, i) => {
    const sc = e.analysis?.scores;
    const f = e.analysis?.features;
    const chars = typeof f?.output_chars === 'number' ? f.output_chars : e.output.length;
    return {
      tsMs: e.timestampMs,
      category: sc?.harm_category?.top ?? null,
      refusal: sc?.refusal?.label ?? null,
      harmful: countsTowardRefusal(sc?.harm_category?.top, sc?.refusal?.label, sc?.policy_violation?.score),
      toxicity: sc?.toxicity?.score ?? null,
      anomalous: flags.get(i) ?? null,
      trigger: (sc?.jailbreak?.triggers.length ?? 0) > 0,
      topic: b.topics && e.output.length > 0 ? assignTopic(b.topics.model, e.output) : null,
      outputChars: chars,
      inputChars: inputText(e.input).length,
      latencyMs: e.latencyMs,
      fingerprintKey: fingerprintKey(contextFingerprint({ systemPrompt: systemPromptOf(e), tools: toolsOf(e), model: e.model })),
    };
  });
}
