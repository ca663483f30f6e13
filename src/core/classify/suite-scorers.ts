import { ArgusError } from '../errors.js';
import type { LoadedModel } from './model/format.js';
import { createFusedLinear } from './model/fused.js';
import { checkRefusalFeatures, refusalClassPositions, refusalResult } from './refusal/refusal.js';
import { refusalFeatures } from './refusal/features.js';
import { JAILBREAK_FEATURE_NAMES, jailbreakFeatures } from './jailbreak/jailbreak.js';
import { TOXICITY_SUBTYPES } from './toxicity/toxicity.js';
import { vectorizerId } from './text/vectorize.js';
import type { SparseVector } from './text/sparse.js';
import { HARM_CATEGORIES, type ArgusScores, type HarmCategory } from './types.js';
import type { SuiteModels } from './suite.js';

export interface OutputScores {
  refusal?: ArgusScores['refusal'];
  policy?: number;
  toxicity?: ArgusScores['toxicity'];
}

/**
 * The models that read the output (refusal, policy, toxicity and its subtypes), fused into one
 * pass over the shared vector (see model/fused.ts); the refusal structure features are computed
 * once and given to both refusal and policy.
 */
export function createOutputScorer(
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

export interface InputScores {
  harm?: ArgusScores['harm_category'];
  jailbreak?: number;
}

/**
 * The models that read the request (harm category, jailbreak), fused into one pass the same way.
 * The harm-category result is shaped exactly as src/core/classify/harm-category's scorer does
 * (probabilities keyed S1…S14, benign; `top` the first maximum in that order).
 */
export function createInputScorer(
  models: SuiteModels,
  vectorizerFor: (m: LoadedModel) => string,
): { id: string; score: (vec: SparseVector, text: string) => InputScores } | undefined {
  const list = [models.harmCategory, models.jailbreak].filter((m): m is LoadedModel => m !== undefined);
  if (list.length === 0) return undefined;
  const id = vectorizerFor(list[0]!);
  for (const m of list) {
    if (vectorizerFor(m) !== id) throw new ArgusError('ARGUS_ERR_MODEL', `model ${m.name} uses vectorizer ${vectorizerId(m.vectorizer)}, but ${list[0]!.name} uses ${id}; retrain it with the shared one`);
  }
  const harm = models.harmCategory;
  if (harm && (harm.model.kind !== 'softmax' || !harm.model.classes.includes('benign') || !harm.model.classes.every((c) => (HARM_CATEGORIES as readonly string[]).includes(c)))) {
    throw new ArgusError('ARGUS_ERR_MODEL', `harm-category model classes ${JSON.stringify(harm.model.classes)} must be a subset of S1..S14, benign, including benign`);
  }
  const harmAt = harm ? HARM_CATEGORIES.map((c) => harm.model.classes.indexOf(c)) : [];
  const jb = models.jailbreak;
  const jbPos = jb ? jb.model.classes.indexOf('jailbreak') : -1;
  if (jb && jbPos < 0) throw new ArgusError('ARGUS_ERR_MODEL', `jailbreak model ${jb.name} has no "jailbreak" class`);
  if (jb && jb.extraFeatures.length > 0 && jb.extraFeatures.join() !== JAILBREAK_FEATURE_NAMES.join()) {
    throw new ArgusError('ARGUS_ERR_MODEL', `jailbreak model ${jb.name} expects features [${jb.extraFeatures.join(', ')}]`);
  }
  const fused = createFusedLinear(list.map((m) => m.model), list[0]!.vectorizer.dim);
  const iHarm = harm ? list.indexOf(harm) : -1;
  const iJb = jb ? list.indexOf(jb) : -1;
  const jbExtras = jb !== undefined && jb.extraFeatures.length > 0;
  return {
    id,
    score(vec, text) {
      const extras = list.map((m) => (m === jb && jbExtras ? jailbreakFeatures(text) : undefined));
      const p = fused.predictAll(vec, extras);
      const result: InputScores = {};
      if (iHarm >= 0) {
        const ph = p[iHarm]!;
        const scores = {} as Record<HarmCategory, number>;
        let top: HarmCategory = 'benign';
        let best = -1;
        HARM_CATEGORIES.forEach((c, k) => {
          const v = harmAt[k]! >= 0 ? ph[harmAt[k]!]! : 0;
          scores[c] = v;
          if (v > best) {
            best = v;
            top = c;
          }
        });
        result.harm = { top, scores };
      }
      if (iJb >= 0) result.jailbreak = text.length === 0 ? 0 : p[iJb]![jbPos]!;
      return result;
    },
  };
}
