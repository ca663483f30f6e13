import { ArgusError } from '../errors.js';
import type { LoadedModel } from './model/format.js';
import { checkRefusalFeatures, refusalClassPositions, refusalResult } from './refusal/refusal.js';
import { refusalFeatures } from './refusal/features.js';
import { createFusedLinear } from './model/fused.js';
import { policyByCategory } from './policy/policy.js';
import { createJailbreakScorer } from './jailbreak/jailbreak.js';
import { createTriggerWatchList, type TriggerSpec, type TriggerWatchList } from './jailbreak/triggers.js';
import { hedgingScore } from './hedging/hedging.js';
import { TOXICITY_SUBTYPES, type ToxicitySubtype } from './toxicity/toxicity.js';
import { createHarmCategoryScorer, requestText } from './harm-category/harm-category.js';
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
  const jailbreak = models.jailbreak ? { id: vectorizerFor(models.jailbreak), score: createJailbreakScorer(models.jailbreak, watchList) } : undefined;
  const harm = models.harmCategory ? { id: vectorizerFor(models.harmCategory), scorer: createHarmCategoryScorer(models.harmCategory) } : undefined;
  const pii = options.pii === false ? undefined : (options.pii ?? createPiiClassifier());
  const missing: (keyof ArgusScores)[] = [];
  if (!models.refusal) missing.push('refusal');
  if (!models.toxicity) missing.push('toxicity');
  if (!harm) missing.push('harm_category');
  if (!models.policy) missing.push('policy_violation');
  if (!pii) missing.push('pii');
  if (!jailbreak) missing.push('jailbreak');

  /** Lazily vectorises one normalised text per vectoriser id, at most once each. */
  const cache = (normalized: string) => {
    const done = new Map<string, SparseVector>();
    return (id: string) => {
      let v = done.get(id);
      if (!v) {
        v = vectorizers.get(id)!.vectorizeNormalized(normalized);
        done.set(id, v);
      }
      return v;
    };
  };

  return {
    name: 'argus-builtin',
    missing,
    classify(item: ClassifyItem): ArgusScores {
      if (typeof item.output !== 'string') throw new ArgusError('ARGUS_ERR_INVALID_INPUT', 'classify: item.output must be a string');
      const output = item.output;
      const outNorm = normalizeText(output);
      const outVec = cache(outNorm);
      const request = requestText(item.input);
      const reqNorm = request ? normalizeText(request) : '';
      const reqVec = cache(reqNorm);
      const jbText = jailbreakText(item.input);
      const jbNorm = jbText === request ? reqNorm : normalizeText(jbText);
      const jbVec = jbText === request ? reqVec : cache(jbNorm);

      const harmScores: ArgusScores['harm_category'] = harm && request.trim()
        ? harm.scorer.scoreVector(reqVec(harm.id))
        : { top: 'benign', scores: benignOnly() };
      const piiPart = pii ? pii.classify(item) : undefined;
      if (piiPart && typeof (piiPart as Promise<unknown>).then === 'function') {
        throw new ArgusError('ARGUS_ERR_INTERNAL', 'the suite needs a synchronous PII classifier');
      }
      const out = outputs ? outputs.score(outVec(outputs.id), output) : undefined;
      return {
        refusal: out?.refusal ?? { label: 'comply', scores: uniform(['comply', 'partial', 'refuse'] as const) },
        toxicity: out?.toxicity ?? { score: 0, subtypes: {} },
        harm_category: harmScores,
        policy_violation: out?.policy !== undefined
          ? { score: out.policy, categories: harm ? policyByCategory(out.policy, harmScores.scores) : {} }
          : { score: 0, categories: {} },
        pii: (piiPart as Partial<ArgusScores> | undefined)?.pii ?? { entities: [] },
        jailbreak: jailbreak && jbText.trim()
          ? jailbreak.score(jbVec(jailbreak.id), jbText, jbNorm)
          : { score: 0, triggers: watchList && jbText ? watchList.match(jbText, jbNorm) : [] },
        hedging: { score: hedgingScore(outNorm) },
      };
    },
  };
}

interface OutputScores {
  refusal?: ArgusScores['refusal'];
  policy?: number;
  toxicity?: ArgusScores['toxicity'];
}

/**
 * The models that read the output (refusal, policy, toxicity and its subtypes), fused into one
 * pass over the shared vector (see model/fused.ts); the refusal structure features are computed
 * once and given to both refusal and policy.
 */
function createOutputScorer(
  models: SuiteModels,
  vectorizerFor: (m: LoadedModel) => string,
): { id: string; score: (vec: SparseVector, output: string) => OutputScores } | undefined {
  const subtypes = TOXICITY_SUBTYPES.flatMap((t) => (models.toxicitySubtypes?.[t] && models.toxicity ? [[t, models.toxicitySubtypes[t]!] as const] : []));
  const list = [models.refusal, models.policy, models.toxicity, ...subtypes.map(([, m]) => m)].filter((m): m is LoadedModel => m !== undefined);
  if (list.length === 0) return undefined;
  const id = vectorizerFor(list[0]!);
  for (const m of list) {
    if (vectorizerFor(m) !== id) throw new ArgusError('ARGUS_ERR_MODEL', `model ${m.name} uses vectorizer ${vectorizerId(m.vectorizer)}, but ${list[0]!.name} uses ${id}; retrain it with the shared one`);
  }
  if (models.refusal) checkRefusalFeatures(models.refusal);
  for (const m of [models.toxicity, ...subtypes.map(([, x]) => x)]) {
    if (m && m.model.kind !== 'binary') throw new ArgusError('ARGUS_ERR_MODEL', `toxicity model ${m.name} must be binary`);
  }
  const refusalAt = models.refusal ? refusalClassPositions(models.refusal) : [];
  const policyPos = models.policy ? models.policy.model.classes.indexOf('violation') : -1;
  if (models.policy && policyPos < 0) throw new ArgusError('ARGUS_ERR_MODEL', `policy model ${models.policy.name} has no "violation" class`);
  if (models.policy && models.policy.extraFeatures.length > 0) checkRefusalFeatures(models.policy);
  const hashDim = list[0]!.vectorizer.dim;
  const fused = createFusedLinear(list.map((m) => m.model), hashDim);
  const at = (m: LoadedModel | undefined) => (m ? list.indexOf(m) : -1);
  const iRefusal = at(models.refusal);
  const iPolicy = at(models.policy);
  const iToxicity = at(models.toxicity);
  const needsFeatures = list.map((m) => m.extraFeatures.length > 0);
  return {
    id,
    score(vec, output) {
      const features = needsFeatures.some(Boolean) ? refusalFeatures(output) : undefined;
      const p = fused.predictAll(vec, needsFeatures.map((n) => (n ? features : undefined)));
      const result: OutputScores = {};
      if (iRefusal >= 0) result.refusal = refusalResult(p[iRefusal]!, refusalAt);
      if (iPolicy >= 0) result.policy = output.trim().length === 0 ? 0 : p[iPolicy]![policyPos]!;
      if (iToxicity >= 0) {
        const sub: Record<string, number> = {};
        subtypes.forEach(([t, m]) => (sub[t] = p[list.indexOf(m)]![1]!));
        result.toxicity = { score: p[iToxicity]![1]!, subtypes: sub };
      }
      return result;
    },
  };
}
