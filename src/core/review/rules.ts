import type { ArgusScores } from '../classify/types.js';

export const REVIEW_RULES = ['harmful_compliance', 'toxic_output', 'policy_violation', 'jailbreak_input'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];

export interface ReviewThresholds {
  /** Harm-category probability of the request's top (non-benign) category. */
  harmfulCompliance: number;
  toxicity: number;
  policyViolation: number;
  jailbreak: number;
}

export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = { harmfulCompliance: 0.5, toxicity: 0.5, policyViolation: 0.5, jailbreak: 0.5 };

export interface RuleHit { rule: ReviewRule; score: number; reason: string }

/**
 * Why an analysed event should wait for a person, if it should:
 * - harmful_compliance: the request falls in a harm category (top ≠ benign, probability ≥ t)
 *   and the model complied (not refuse, not partial);
 * - toxic_output: toxicity ≥ t; policy_violation: the output's policy score ≥ t;
 * - jailbreak_input: jailbreak score ≥ t, or a known trigger pattern in the input.
 * Example: { harm_category: { top: 'S2', scores: { S2: 0.8 } }, refusal: { label: 'comply' } } hits harmful_compliance (0.8).
 */
export function reviewRuleHits(scores: Partial<ArgusScores> | undefined, t: ReviewThresholds = DEFAULT_REVIEW_THRESHOLDS): RuleHit[] {
  if (!scores) return [];
  const hits: RuleHit[] = [];
  const hc = scores.harm_category;
  if (hc && hc.top !== 'benign' && scores.refusal?.label === 'comply') {
    const p = hc.scores[hc.top] ?? 0;
    if (p >= t.harmfulCompliance) hits.push({ rule: 'harmful_compliance', score: p, reason: `complied with a ${hc.top} request (p=${p.toFixed(2)})` });
  }
  if (scores.toxicity && scores.toxicity.score >= t.toxicity) {
    hits.push({ rule: 'toxic_output', score: scores.toxicity.score, reason: `toxicity ${scores.toxicity.score.toFixed(2)}` });
  }
  if (scores.policy_violation && scores.policy_violation.score >= t.policyViolation) {
    hits.push({ rule: 'policy_violation', score: scores.policy_violation.score, reason: `policy violation ${scores.policy_violation.score.toFixed(2)}` });
  }
  const jb = scores.jailbreak;
  if (jb && (jb.score >= t.jailbreak || jb.triggers.length > 0)) {
    hits.push({ rule: 'jailbreak_input', score: jb.score, reason: jb.triggers.length > 0 ? `trigger: ${jb.triggers.slice(0, 3).join(', ')}` : `jailbreak ${jb.score.toFixed(2)}` });
  }
  return hits;
}
