import { ArgusError } from '../../errors.js';
import type { LoadedModel } from '../model/format.js';
import { predictProba } from '../model/linear.js';
import { refusalInput } from '../refusal/refusal.js';
import type { SparseVector } from '../text/sparse.js';
import { HARM_CATEGORIES, type ArgusScores, type HarmCategory } from '../types.js';

/**
 * Policy violation of the output: does the answer actually give harmful help? A logistic model
 * over the output's hashed n-grams and the refusal structure features (a refusal is rarely a
 * violation; a persona that complies after a refusal often is).
 *
 * Per-category scores combine it with the request's harm category, when the harm-category model
 * ran: categories[c] = score · P(c | input) for every hazard c ≠ benign, i.e. the probability that
 * the output violates policy and the request belongs to c (treating the two as independent).
 * Example: score 0.9, P(S2) = 0.7, P(S9) = 0.2, P(benign) = 0.1 → {S2: 0.63, S9: 0.18, …}.
 */
export function createPolicyScorer(
  loaded: LoadedModel,
): (vec: SparseVector, output: string, harm?: ArgusScores['harm_category']) => ArgusScores['policy_violation'] {
  const pos = loaded.model.classes.indexOf('violation');
  if (pos < 0) throw new ArgusError('ARGUS_ERR_MODEL', `policy model ${loaded.name} has no "violation" class`);
  const hashDim = loaded.vectorizer.dim;
  const withExtras = loaded.extraFeatures.length > 0;
  return (vec, output, harm) => {
    const input = withExtras ? refusalInput(vec, output, hashDim) : vec;
    const score = output.trim().length === 0 ? 0 : predictProba(loaded.model, input)[pos]!;
    return { score, categories: harm ? policyByCategory(score, harm.scores) : {} };
  };
}

export function policyByCategory(score: number, harm: Readonly<Record<HarmCategory, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of HARM_CATEGORIES) if (c !== 'benign') out[c] = score * (harm[c] ?? 0);
  return out;
}
