import { invalidInput } from '../../errors.js';

/**
 * Multiple-testing corrections: adjusted p-values, in input order, clipped to [0, 1].
 *
 * Formulas: Bonferroni p_i' = min(1, m p_i) (controls the family-wise error rate).
 * Benjamini-Hochberg (FDR under independence or positive dependence): sort p_(1) <= ... <= p_(m),
 * p_(i)' = min_{j >= i} p_(j) m / j; Benjamini-Yekutieli (any dependence) multiplies by
 * c(m) = sum_{j=1}^m 1/j. Reject H_i at level q when p_i' <= q.
 *
 * Example: benjaminiHochberg([0.01, 0.04, 0.03, 0.5]) = [0.04, 0.05333333333333334,
 * 0.05333333333333334, 0.5]; bonferroni([0.01, 0.3]) = [0.02, 0.6].
 *
 * References: Y. Benjamini and Y. Hochberg, JRSS B 57(1), 1995; Y. Benjamini and D. Yekutieli,
 * Ann. Statist. 29(4), 2001; scipy.stats.false_discovery_control 1.17.
 */
function check(pvalues: readonly number[], fn: string): void {
  for (const p of pvalues) if (!(p >= 0 && p <= 1)) throw invalidInput(`${fn}: p-values must be in [0, 1], got ${p}`);
}

export function bonferroni(pvalues: readonly number[]): number[] {
  check(pvalues, 'bonferroni');
  return pvalues.map((p) => Math.min(1, p * pvalues.length));
}

export function benjaminiHochberg(pvalues: readonly number[], options: { method?: 'bh' | 'by' } = {}): number[] {
  check(pvalues, 'benjaminiHochberg');
  const m = pvalues.length;
  const order = pvalues.map((_, i) => i).sort((a, b) => (pvalues[a] as number) - (pvalues[b] as number));
  const adjusted = order.map((idx, k) => (pvalues[idx] as number) * (m / (k + 1)));
  if (options.method === 'by') {
    let c = 0;
    for (let j = 1; j <= m; j++) c += 1 / j;
    for (let k = 0; k < m; k++) adjusted[k] = (adjusted[k] as number) * c;
  }
  for (let k = m - 2; k >= 0; k--) adjusted[k] = Math.min(adjusted[k] as number, adjusted[k + 1] as number);
  const out = new Array<number>(m);
  order.forEach((idx, k) => (out[idx] = Math.min(1, Math.max(0, adjusted[k] as number))));
  return out;
}
