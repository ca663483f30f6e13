import { ArgusError } from '../errors.js';
import type { LoadedModel } from './model/format.js';
import { createInputScorer, createOutputScorer } from './suite-scorers.js';
import { policyByCategory } from './policy/policy.js';
import { createTriggerWatchList, type TriggerSpec, type TriggerWatchList } from './jailbreak/triggers.js';
import { hedgingScore } from './hedging/hedging.js';
import type { ToxicitySubtype } from './toxicity/toxicity.js';
import { requestText } from './harm-category/harm-category.js';
import { createPiiClassifier } from './pii/classifier.js';
import { normalizeText } from './text/normalize.js';
import { createVectorizer, vectorizerId, type Vectorizer } from './text/vectorize.js';
import type { SparseVector } from './text/sparse.js';
import { HARM_CATEGORIES, type ArgusScores, type ChatMessage, type Classifier, type ClassifyItem, type HarmCategory } from './types.js';

/** Loaded weights for the built-in models; any may be absent. Core does no I/O: load them in an adapter. */
export interface SuiteModels {
  refusal?: LoadedModel | undefined;
  policy?: LoadedModel | undefined;
  jailbreak?: LoadedModel | undefined;
  toxicity?: LoadedModel | undefined;
  toxicitySubtypes?: Partial<Record<ToxicitySubtype, LoadedModel>> | undefined;
  harmCategory?: LoadedModel | undefined;
}

export interface SuiteOptions {
  models: SuiteModels;
  /** Trigger watch list for inputs: specs or a built list. */
  triggers?: readonly TriggerSpec[] | TriggerWatchList | undefined;
  /** PII classifier; default the built-in one; `false` turns PII off (reported as missing). */
  pii?: Classifier | false | undefined;
}

export interface ClassifierSuite extends Classifier {
  classify(item: ClassifyItem): ArgusScores;
  /** Parts of ArgusScores filled with neutral values because their module or model is absent. */
  readonly missing: readonly (keyof ArgusScores)[];
}

const uniform = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 1 / keys.length])) as Record<K, number>;
const benignOnly = (): Record<HarmCategory, number> =>
  Object.fromEntries(HARM_CATEGORIES.map((c) => [c, c === 'benign' ? 1 : 0])) as Record<HarmCategory, number>;

/** The text checked for jailbreaks: a prompt string, or every user (and system) message joined. */
export function jailbreakText(input: string | readonly ChatMessage[] | undefined): string {
  if (input === undefined) return '';
  if (typeof input === 'string') return input;
  return input.filter((m) => m.role !== 'assistant').map((m) => m.content).join('\n');
}

/**
 * Every built-in classifier behind one `Classifier`. Each text is normalised and vectorised once
 * (the output once, the request once) and the vector is shared by every model built on the same
 * vectoriser. Absent models give neutral values — refusal uniform with label comply, toxicity 0,
 * harm category benign, policy 0, jailbreak 0 — and are listed in `missing`, so a caller can tell
 * "not measured" from "measured as safe".
 */
export function createClassifierSuite(options: SuiteOptions): ClassifierSuite {
  const { models } = options;
  const vectorizers = new Map<string, Vectorizer>();
  const vectorizerFor = (m: LoadedModel) => {
    const id = vectorizerId(m.vectorizer);
    if (!vectorizers.has(id)) vectorizers.set(id, createVectorizer(m.vectorizer));
    return id;
  };
  const outputs = createOutputScorer(models, vectorizerFor);
  const watchList = options.triggers === undefined ? undefined : 'match' in options.triggers ? options.triggers : createTriggerWatchList(options.triggers);
  const inputs = createInputScorer(models, vectorizerFor);
  const pii = options.pii === false ? undefined : (options.pii ?? createPiiClassifier());
  const missing: (keyof ArgusScores)[] = [];
  if (!models.refusal) missing.push('refusal');
  if (!models.toxicity) missing.push('toxicity');
  if (!models.harmCategory) missing.push('harm_category');
  if (!models.policy) missing.push('policy_violation');
  if (!pii) missing.push('pii');
  if (!models.jailbreak) missing.push('jailbreak');

  /**
   * A transient vector: a view of the vectoriser's buffers, valid until its next call. Each one
   * below is scored as soon as it is made (the request's, then the jailbreak text's, then the
   * output's), so none is overwritten while in use, and no text is vectorised twice.
   */
  const vectorOf = (id: string, normalized: string): SparseVector => vectorizers.get(id)!.vectorizeNormalizedTransient(normalized);

  return {
    name: 'argus-builtin',
    missing,
    classify(item: ClassifyItem): ArgusScores {
      if (typeof item.output !== 'string') throw new ArgusError('ARGUS_ERR_INVALID_INPUT', 'classify: item.output must be a string');
      const output = item.output;
      const outNorm = normalizeText(output);
      const request = requestText(item.input);
      const reqNorm = request ? normalizeText(request) : '';
      const jbText = jailbreakText(item.input);
      const jbNorm = jbText === request ? reqNorm : normalizeText(jbText);

      const onRequest = inputs && request.trim() ? inputs.score(vectorOf(inputs.id, reqNorm), request) : undefined;
      const onJailbreakText = jbText === request ? onRequest : inputs && jbText.trim() ? inputs.score(vectorOf(inputs.id, jbNorm), jbText) : undefined;
      const harmScores: ArgusScores['harm_category'] = onRequest?.harm ?? { top: 'benign', scores: benignOnly() };
      const harmKnown = onRequest?.harm !== undefined;
      const piiPart = pii ? pii.classify(item) : undefined;
      if (piiPart && typeof (piiPart as Promise<unknown>).then === 'function') {
        throw new ArgusError('ARGUS_ERR_INTERNAL', 'the suite needs a synchronous PII classifier');
      }
      const out = outputs ? outputs.score(vectorOf(outputs.id, outNorm), output) : undefined;
      return {
        refusal: out?.refusal ?? { label: 'comply', scores: uniform(['comply', 'partial', 'refuse'] as const) },
        toxicity: out?.toxicity ?? { score: 0, subtypes: {} },
        harm_category: harmScores,
        policy_violation: out?.policy !== undefined
          ? { score: out.policy, categories: harmKnown ? policyByCategory(out.policy, harmScores.scores) : {} }
          : { score: 0, categories: {} },
        pii: (piiPart as Partial<ArgusScores> | undefined)?.pii ?? { entities: [] },
        jailbreak: {
          score: onJailbreakText?.jailbreak ?? 0,
          triggers: watchList && jbText ? watchList.match(jbText, jbNorm) : [],
        },
        hedging: { score: hedgingScore(outNorm) },
      };
    },
  };
}

