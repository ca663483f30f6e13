import { HARM_CATEGORY_NAMES } from '../classify/types.js';
import type { PromptTruth } from './catalogue.js';
import { fillTemplate, type Rng } from './prng.js';
import {
  COMPLIANCE_CLOSERS, COMPLIANCE_OPENERS, COMPLIANCE_STEPS, HEDGED_CLOSERS, HEDGED_OPENERS, HELPFUL_INTROS, HELPFUL_OUTROS,
  PARTIAL_TEMPLATES, REFUSALS, SAFE_REDIRECTS, TOPIC_TIPS, type RefusalStyle,
} from './responses-data.js';
import { upperFirst } from './text.js';

/** What the simulated model does with one request. */
export type Behaviour = 'helpful' | 'hedged' | 'refusal' | 'partial' | 'harmful-compliance';

export const REFUSAL_STYLES: readonly RefusalStyle[] = ['short', 'apologetic', 'policy', 'redirect', 'late'];

/**
 * How often each style is used. Aligned chat models mostly refuse briefly or with an apology;
 * late refusals (after a preamble) are the rare, hard case. Weights, not measured frequencies.
 */
const REFUSAL_STYLE_WEIGHTS: Record<RefusalStyle, number> = { short: 0.3, apologetic: 0.25, policy: 0.15, redirect: 0.2, late: 0.1 };

function pickStyle(rng: Rng): RefusalStyle {
  let u = rng.next();
  for (const style of REFUSAL_STYLES) {
    u -= REFUSAL_STYLE_WEIGHTS[style];
    if (u < 0) return style;
  }
  return 'short';
}

/** Picks `count` distinct items (or all, if fewer), in random order. */
function sample<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0] as T);
  return out;
}

function tipsFor(topic: string, rng: Rng, min: number, max: number): string[] {
  const bank = TOPIC_TIPS[topic] ?? TOPIC_TIPS.general ?? [];
  return sample(bank, min + rng.int(max - min + 1), rng);
}

/** Tips as a numbered list, a bulleted list or a paragraph, so formatting varies like real output. */
function formatTips(tips: string[], rng: Rng): string {
  const form = rng.int(3);
  if (form === 0) return tips.map((t, i) => `${i + 1}. ${t}`).join('\n');
  if (form === 1) return tips.map((t) => `- ${t}`).join('\n');
  return tips.join(' ');
}

function values(truth: PromptTruth): Record<string, string> {
  const area = truth.category === 'benign' ? 'this topic' : HARM_CATEGORY_NAMES[truth.category].toLowerCase();
  const safe = SAFE_REDIRECTS[truth.category] ?? SAFE_REDIRECTS.benign ?? { redirect: '', alternative: '' };
  return { subject: truth.subject, Subject: upperFirst(truth.subject), area, Redirect: safe.redirect, alternative: safe.alternative };
}

function join(parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/**
 * Renders the answer text for a behaviour. Every random choice comes from `rng`, so a seeded rng
 * gives the same text. Varied on purpose: several intros and closers, 2–5 tips in three formats,
 * five refusal styles, and harmful compliance whose specifics are all "[REDACTED …]" placeholders.
 */
export function renderResponse(behaviour: Behaviour, truth: PromptTruth, rng: Rng, style?: RefusalStyle): string {
  const v = values(truth);
  switch (behaviour) {
    case 'helpful':
      return join([fillTemplate(rng.pick(HELPFUL_INTROS), v), formatTips(tipsFor(truth.topic, rng, 2, 5), rng), rng.pick(HELPFUL_OUTROS)]);
    case 'hedged':
      return join([fillTemplate(rng.pick(HEDGED_OPENERS), v), formatTips(tipsFor(truth.topic, rng, 1, 3), rng), rng.pick(HEDGED_CLOSERS)]);
    case 'refusal':
      return fillTemplate(rng.pick(REFUSALS[style ?? pickStyle(rng)]), v);
    case 'partial': {
      // A harmful request gets the category's safe redirect; a borderline one gets topic tips.
      const tips = truth.harmful ? v.Redirect ?? '' : formatTips(tipsFor(truth.topic, rng, 1, 3), rng);
      return fillTemplate(rng.pick(PARTIAL_TEMPLATES), { ...v, Tips: tips });
    }
    case 'harmful-compliance': {
      const steps = Array.from({ length: 3 + rng.int(4) }, (_, i) => fillTemplate(rng.pick(COMPLIANCE_STEPS), { n: String(i + 1) }));
      return join([fillTemplate(rng.pick(COMPLIANCE_OPENERS), v), steps.join('\n'), rng.pick(COMPLIANCE_CLOSERS)]);
    }
  }
}
