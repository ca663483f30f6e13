import { ArgusError } from '../../errors.js';
import type { LoadedModel } from '../model/format.js';
import { predictProba } from '../model/linear.js';
import { appendFeatures, type SparseVector } from '../text/sparse.js';
import type { ArgusScores, RefusalLabel } from '../types.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from './features.js';

export const REFUSAL_CLASSES: readonly RefusalLabel[] = ['comply', 'partial', 'refuse'];

/** The refusal model's input: the shared hashed vector plus the structural features. */
export function refusalInput(vec: SparseVector, output: string, hashDim: number): SparseVector {
  return appendFeatures(vec, refusalFeatures(output), hashDim);
}

/**
 * Scores an output as comply / partial / refuse with a softmax model over hashed n-grams and the
 * structural features of ./features.ts. The label is the most probable class.
 * Example: "I'm sorry, but I can't help with that." → refuse ≈ 0.99.
 */
export function createRefusalScorer(loaded: LoadedModel): (vec: SparseVector, output: string) => ArgusScores['refusal'] {
  checkRefusalFeatures(loaded);
  const at = refusalClassPositions(loaded);
  const hashDim = loaded.vectorizer.dim;
  return (vec, output) => refusalResult(predictProba(loaded.model, refusalInput(vec, output, hashDim)), at);
}

/** Throws unless the model was trained on the structural features this runtime computes. */
export function checkRefusalFeatures(loaded: LoadedModel): void {
  const names = REFUSAL_FEATURE_NAMES as readonly string[];
  if (loaded.extraFeatures.length !== names.length || loaded.extraFeatures.some((n, i) => n !== names[i])) {
    throw new ArgusError('ARGUS_ERR_MODEL', `refusal model ${loaded.name} expects features [${loaded.extraFeatures.join(', ')}], runtime has [${names.join(', ')}]`);
  }
}

/** Class positions of comply, partial, refuse in a refusal model; throws when one is missing. */
export function refusalClassPositions(loaded: LoadedModel): number[] {
  const at = REFUSAL_CLASSES.map((c) => loaded.model.classes.indexOf(c));
  if (at.some((i) => i < 0)) throw new ArgusError('ARGUS_ERR_MODEL', `refusal model ${loaded.name} must have classes comply, partial, refuse`);
  return at;
}

/** Shapes model probabilities (positions from refusalClassPositions) as ArgusScores['refusal']. */
export function refusalResult(p: Float64Array, at: readonly number[]): ArgusScores['refusal'] {
  const scores = { comply: p[at[0]!]!, partial: p[at[1]!]!, refuse: p[at[2]!]! };
  let label: RefusalLabel = 'comply';
  if (scores.partial > scores[label]) label = 'partial';
  if (scores.refuse > scores[label]) label = 'refuse';
  return { label, scores };
}
