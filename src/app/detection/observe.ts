import type { DetectionRow } from '../../adapters/storage/types.js';
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
function systemPromptOf(input: StoredEvent['input']): string | null {
  if (!Array.isArray(input)) return null;
  return input.find((m) => m.role === 'system')?.content ?? null;
}

/** Tools offered to the model, from metadata `tools` (comma-separated names). */
function splitTools(t: unknown): string[] {
  return typeof t === 'string' && t.length > 0 ? t.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function toProfileEvent(e: AnalysedEvent): ProfileEvent {
  return {
    inputText: inputText(e.input), outputText: e.output, systemPrompt: systemPromptOf(e.input), tools: splitTools(e.metadata.tools), model: e.model,
    latencyMs: e.latencyMs, inputTokens: e.inputTokens, outputTokens: e.outputTokens,
    features: e.analysis?.features, scores: e.analysis?.scores,
  };
}

/**
 * Projects analysed events, as the store reads them for detection, onto what the detectors read,
 * scoring anomalies in one batch. The context fingerprint is hashed once per distinct context.
 */
export function observeRows(rows: readonly DetectionRow[], b: BaselineProfile): Observation[] {
  const anomaly = b.anomaly;
  const flags: Array<boolean | null> = new Array<boolean | null>(rows.length).fill(null);
  if (anomaly) {
    const scored: number[] = [];
    const vectors: number[][] = [];
    rows.forEach((r, i) => { const v = anomalyVector(r.features); if (v) { scored.push(i); vectors.push(v); } });
    if (vectors.length > 0) scoreSamples(anomaly.model, vectors).forEach((s, k) => { flags[scored[k] as number] = s < anomaly.threshold; });
  }
  const contexts = new Map<string, string>();
  return rows.map((r, i) => {
    const systemPrompt = systemPromptOf(r.input);
    const context = `${r.model ?? ''}\u0000${r.tools ?? ''}\u0000${systemPrompt ?? ''}`;
    let key = contexts.get(context);
    if (key === undefined) {
      key = fingerprintKey(contextFingerprint({ systemPrompt, tools: splitTools(r.tools), model: r.model }));
      contexts.set(context, key);
    }
    const f = r.features;
    return {
      tsMs: r.timestampMs,
      category: r.harmCategory,
      refusal: r.refusal,
      harmful: countsTowardRefusal(r.harmCategory, r.refusal, r.policyScore),
      toxicity: r.toxicity,
      anomalous: flags[i] ?? null,
      trigger: r.jailbreakTriggers > 0,
      topic: b.topics && r.output.length > 0 ? assignTopic(b.topics.model, r.output) : null,
      outputChars: typeof f?.output_chars === 'number' ? f.output_chars : r.output.length,
      inputChars: typeof f?.input_chars === 'number' ? f.input_chars : inputText(r.input).length,
      latencyMs: r.latencyMs,
      fingerprintKey: key,
    };
  });
}
