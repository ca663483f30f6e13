import { gammaP, gammaQ } from './gamma.js';

/**
 * The chi-squared distribution with k degrees of freedom.
 *
 * Formulas: cdf(x; k) = P(k/2, x/2), sf(x; k) = Q(k/2, x/2) (regularized incomplete gamma).
 *
 * Example: chi2Sf(3.841458820694124, 1) = 0.05; chi2Sf(40, 3) = 1.065509033425585e-08.
 *
 * Reference: Abramowitz & Stegun 26.4.19; scipy.stats.chi2.sf 1.17 (scipy.special.chdtrc).
 */
export function chi2Cdf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 0;
  return gammaP(dof / 2, x / 2);
}

export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}
