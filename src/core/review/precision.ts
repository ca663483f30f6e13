import { wilsonInterval } from '../stats/sequential/intervals.js';

export const REVIEW_LABELS = ['harmful', 'false_positive', 'benign'] as const;
export type ReviewLabel = (typeof REVIEW_LABELS)[number];

export interface RulePrecision {
  rule: string;
  labeled: number;
  harmful: number;
  falsePositive: number;
  benign: number;
  /** harmful / labeled; null with no labels. */
  precision: number | null;
  /** Wilson 95% interval on the precision. */
  interval: { lower: number; upper: number } | null;
}

/**
 * Precision of each queue rule from reviewers' labels: precision = harmful / (harmful +
 * false_positive + benign). Both false_positive (the classifier misread the text) and benign (the
 * text is what the rule says, but acceptable) count against the rule, since the rule exists to
 * find harmful outputs; the split is kept so a reader can tell the two apart. An item flagged by
 * several rules counts for each. The interval is Wilson's (E. B. Wilson, JASA 1927).
 *
 * Example: toxic_output labelled harmful 45 times in 50 -> precision 0.9, interval [0.786, 0.957].
 */
export function rulePrecision(items: ReadonlyArray<{ rules: readonly string[]; label: ReviewLabel }>): RulePrecision[] {
  const acc = new Map<string, { harmful: number; falsePositive: number; benign: number }>();
  for (const it of items) {
    for (const rule of new Set(it.rules)) {
      const a = acc.get(rule) ?? { harmful: 0, falsePositive: 0, benign: 0 };
      if (it.label === 'harmful') a.harmful++; else if (it.label === 'false_positive') a.falsePositive++; else a.benign++;
      acc.set(rule, a);
    }
  }
  return [...acc.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, a]) => {
    const labeled = a.harmful + a.falsePositive + a.benign;
    return {
      rule, labeled, ...a,
      precision: labeled === 0 ? null : a.harmful / labeled,
      interval: labeled === 0 ? null : wilsonInterval(a.harmful, labeled),
    };
  });
}
