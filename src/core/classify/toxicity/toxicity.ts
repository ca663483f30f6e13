/**
 * Toxicity of a model output: a score in 0..1 (probability that a reader would call the text
 * toxic: offensive, hateful, profane, sexually explicit or threatening) plus per-subtype scores.
 *
 * Model: L2-regularised logistic regression over the shared hashed word and character n-grams
 * (src/core/classify/text), score = σ(w·x + b); each subtype is its own logistic regression over
 * the same vector, so one vectorisation of the output serves all of them and every other model.
 * Trained by scripts/models/build-toxicity.ts; data, metrics and failure modes are in
 * models/toxicity/MODEL_CARD.md.
 * Example: with the shipped weights "have a lovely day" scores near 0.1, "f u c k you" above 0.9.
 * Reference: Davidson et al., "Automated Hate Speech Detection and the Problem of Offensive
 * Language", ICWSM 2017 (the n-gram logistic-regression baseline this follows).
 */
import { invalidInput } from '../../errors.js';
import { predictProba } from '../model/linear.js';
import type { LoadedModel } from '../model/format.js';
import type { SparseVector } from '../text/sparse.js';
import { createVectorizer, vectorizerId } from '../text/vectorize.js';
import type { ArgusScores, Classifier, ClassifyItem } from '../types.js';

export const TOXICITY_SUBTYPES = ['insult', 'threat', 'identity_attack', 'sexual', 'profanity'] as const;
export type ToxicitySubtype = (typeof TOXICITY_SUBTYPES)[number];

/** Folder names under models/: the main model and one per subtype. */
export const TOXICITY_MODEL_NAME = 'toxicity';
export const toxicitySubtypeModelName = (subtype: ToxicitySubtype): string => `toxicity-${subtype.replace('_', '-')}`;

export interface ToxicityWeights {
  toxicity: LoadedModel;
  /** Any subset of subtype models; missing subtypes are left out of `subtypes`. */
  subtypes?: Partial<Record<ToxicitySubtype, LoadedModel>>;
}

export type ToxicityResult = ArgusScores['toxicity'];

export interface ToxicityScorer {
  /** Vectoriser config id the input vector must come from. */
  readonly vectorizerId: string;
  /** Scores an output already vectorised with the shared vectoriser. */
  scoreVector(vec: SparseVector): ToxicityResult;
}

function positiveProbability(model: LoadedModel, vec: SparseVector): number {
  return predictProba(model.model, vec)[1]!;
}

function checkBinary(model: LoadedModel, what: string): void {
  if (model.model.kind !== 'binary' || model.model.classes.length !== 2) {
    throw invalidInput(`${what} model '${model.name}' must be binary, got ${model.model.kind} over ${JSON.stringify(model.model.classes)}`);
  }
}

/** Scores pre-vectorised outputs; the suite vectorises once and passes the vector to every model. */
export function createToxicityScorer(weights: ToxicityWeights): ToxicityScorer {
  checkBinary(weights.toxicity, 'toxicity');
  const id = vectorizerId(weights.toxicity.vectorizer);
  const subtypeModels: [ToxicitySubtype, LoadedModel][] = [];
  for (const subtype of TOXICITY_SUBTYPES) {
    const m = weights.subtypes?.[subtype];
    if (!m) continue;
    checkBinary(m, `toxicity subtype ${subtype}`);
    if (vectorizerId(m.vectorizer) !== id) {
      throw invalidInput(`toxicity subtype model '${m.name}' uses vectorizer ${vectorizerId(m.vectorizer)}, expected ${id}`);
    }
    subtypeModels.push([subtype, m]);
  }
  return {
    vectorizerId: id,
    scoreVector(vec) {
      const subtypes: Record<string, number> = {};
      for (const [subtype, m] of subtypeModels) subtypes[subtype] = positiveProbability(m, vec);
      return { score: positiveProbability(weights.toxicity, vec), subtypes };
    },
  };
}

/**
 * A stand-alone `Classifier` over `item.output`, with its own vectoriser. Inside the pipeline
 * prefer `createToxicityScorer` and one shared vectorisation.
 */
export interface ToxicityClassifier extends Classifier, ToxicityScorer {
  /** Synchronous: the linear models need no I/O. */
  classify(item: ClassifyItem): Pick<ArgusScores, 'toxicity'>;
}

export function createToxicityClassifier(weights: ToxicityWeights): ToxicityClassifier {
  const scorer = createToxicityScorer(weights);
  const vectorizer = createVectorizer(weights.toxicity.vectorizer);
  return {
    name: 'toxicity',
    vectorizerId: scorer.vectorizerId,
    scoreVector: scorer.scoreVector,
    classify(item: ClassifyItem) {
      return { toxicity: scorer.scoreVector(vectorizer.vectorize(item.output)) };
    },
  };
}
