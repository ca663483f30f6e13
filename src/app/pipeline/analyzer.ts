import type { ArgusScores, Classifier } from '../../core/classify/types.js';
import { inputText, lastUserText, type StoredEvent } from '../../core/events/event.js';
import { extractOutputFeatures, type OutputFeatures } from '../../core/features/output-features.js';

export interface AnalysisResult {
  features: OutputFeatures;
  scores?: Partial<ArgusScores> | undefined;
  /** Set when a classifier failed; features are still kept. */
  error?: string | undefined;
}

export interface Analyzer {
  analyze(event: StoredEvent): Promise<AnalysisResult>;
}

/**
 * Features always; scores when a classifier is plugged in. A classifier that throws costs that
 * event its scores, never the batch. The classifier reads the last user turn as the request.
 */
export function createAnalyzer(classifier?: Classifier, onClassifierError?: (err: unknown) => void): Analyzer {
  return {
    async analyze(event) {
      const features = extractOutputFeatures(event.output, inputText(event.input));
      if (!classifier) return { features };
      try {
        const scores = await classifier.classify({ input: event.input === null ? undefined : lastUserText(event.input), output: event.output });
        return { features, scores };
      } catch (err) {
        onClassifierError?.(err);
        return { features, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
