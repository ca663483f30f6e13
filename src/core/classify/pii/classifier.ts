import type { Classifier, ClassifyItem } from '../types.js';
import { detectPii, type DetectPiiOptions } from './detect.js';

/**
 * The PII classifier for the classifier stage: scans the model's output (what could leak) and
 * returns `{ pii: { entities } }` with offsets into `item.output`. The input is not scanned: its
 * offsets would point into a different string, and a user's own details in a prompt are theirs.
 */
export interface PiiClassifierOptions extends DetectPiiOptions {
  /** Entities scored below this are left out (default 0.5). */
  minScore?: number;
}

export function createPiiClassifier(options: PiiClassifierOptions = {}): Classifier {
  const detectOptions: DetectPiiOptions = { ...options, minScore: options.minScore ?? 0.5 };
  return {
    name: 'pii',
    classify(item: ClassifyItem) {
      return { pii: { entities: detectPii(item.output, detectOptions) } };
    },
  };
}
