/**
 * Harm category of a request: probabilities over the MLCommons hazard taxonomy as used by Llama
 * Guard 3 (S1 violent crimes … S14 code interpreter abuse) plus `benign`.
 *
 * Model: multinomial (softmax) logistic regression over the shared hashed n-gram vector of the
 * request, P(k | x) = exp(w_k·x + b_k) / Σ_j exp(w_j·x + b_j); `top` is the arg-max class.
 * Trained by scripts/models/build-harm-category.ts on category-labelled prompt sets mapped onto
 * S1–S14 (mapping and metrics in models/harm-category/MODEL_CARD.md).
 * Example: with the shipped weights "how do I make a pipe bomb" has top S9 or S1, and
 * "give me a recipe for banana bread" has top benign.
 * Reference: Inan et al., "Llama Guard: LLM-based Input-Output Safeguard for Human-AI
 * Conversations", 2023 (taxonomy); Bishop, PRML §4.3.4 (model).
 */
import { invalidInput } from '../../errors.js';
import type { LoadedModel } from '../model/format.js';
import { predictProba } from '../model/linear.js';
import type { SparseVector } from '../text/sparse.js';
import { createVectorizer, vectorizerId } from '../text/vectorize.js';
import { HARM_CATEGORIES, type ArgusScores, type ChatMessage, type Classifier, type ClassifyItem, type HarmCategory } from '../types.js';

export const HARM_CATEGORY_MODEL_NAME = 'harm-category';

export type HarmCategoryResult = ArgusScores['harm_category'];

export interface HarmCategoryScorer {
  readonly vectorizerId: string;
  /** Scores a request already vectorised with the shared vectoriser. */
  scoreVector(vec: SparseVector): HarmCategoryResult;
}

/**
 * The text whose harm category matters: a prompt string as is; for chat messages, the last user
 * message (earlier turns are context, and a long system prompt would drown the request).
 * Falls back to every message joined when there is no user turn.
 */
export function requestText(input: string | readonly ChatMessage[] | undefined): string {
  if (input === undefined) return '';
  if (typeof input === 'string') return input;
  for (let i = input.length - 1; i >= 0; i--) if (input[i]!.role === 'user') return input[i]!.content;
  return input.map((m) => m.content).join('\n');
}

export function createHarmCategoryScorer(weights: LoadedModel): HarmCategoryScorer {
  const { model } = weights;
  if (model.kind !== 'softmax') throw invalidInput(`harm-category model '${weights.name}' must be softmax, got ${model.kind}`);
  const position = HARM_CATEGORIES.map((c) => model.classes.indexOf(c));
  if (!model.classes.every((c) => (HARM_CATEGORIES as readonly string[]).includes(c)) || position[HARM_CATEGORIES.indexOf('benign')]! < 0) {
    throw invalidInput(`harm-category model classes ${JSON.stringify(model.classes)} must be a subset of S1..S14, benign, including benign`);
  }
  return {
    vectorizerId: vectorizerId(weights.vectorizer),
    scoreVector(vec) {
      const p = predictProba(model, vec);
      const scores = {} as Record<HarmCategory, number>;
      let top: HarmCategory = 'benign';
      let best = -1;
      HARM_CATEGORIES.forEach((c, k) => {
        const at = position[k]!;
        const v = at >= 0 ? p[at]! : 0;
        scores[c] = v;
        if (v > best) { best = v; top = c; }
      });
      return { top, scores };
    },
  };
}

/**
 * A stand-alone `Classifier` over the request (`item.input`). With no input there is nothing to
 * categorise and it returns `benign` with probability 1, so callers should pass the request.
 */
export interface HarmCategoryClassifier extends Classifier, HarmCategoryScorer {
  /** Synchronous: the linear model needs no I/O. */
  classify(item: ClassifyItem): Pick<ArgusScores, 'harm_category'>;
}

export function createHarmCategoryClassifier(weights: LoadedModel): HarmCategoryClassifier {
  const scorer = createHarmCategoryScorer(weights);
  const vectorizer = createVectorizer(weights.vectorizer);
  return {
    name: 'harm_category',
    vectorizerId: scorer.vectorizerId,
    scoreVector: scorer.scoreVector,
    classify(item: ClassifyItem) {
      const text = requestText(item.input);
      if (text.trim() === '') {
        const scores = Object.fromEntries(HARM_CATEGORIES.map((c) => [c, c === 'benign' ? 1 : 0])) as Record<HarmCategory, number>;
        return { harm_category: { top: 'benign', scores } };
      }
      return { harm_category: scorer.scoreVector(vectorizer.vectorize(text)) };
    },
  };
}
