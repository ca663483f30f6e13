import { invalidInput } from '../../errors.js';

/** A named penalty, or a number used exactly as given (in the units of the cost). */
export type PenaltySpec = 'bic' | 'mbic' | 'aic' | number;

/**
 * Penalty per change point in -2 log-likelihood units, for a cost fitting p parameters per
 * segment over n points (each change point adds p parameters and one location):
 *   BIC  = (p + 1) ln n            (Schwarz 1978)
 *   MBIC = (p + 2) ln n            (leading term of Zhang & Siegmund 2007, as in R changepoint 2.2)
 *   AIC  = 2 (p + 1)               (Akaike 1974)
 * Example: n = 1000, p = 1: BIC 13.82, MBIC 20.72, AIC 4.
 * For the l2 and l1 costs, which are -2 log-likelihood times a noise scale, `scalePenalty`
 * converts the value into cost units.
 */
export function penaltyValue(spec: PenaltySpec, n: number, paramsPerSegment: number): number {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec) || spec < 0) throw invalidInput(`penalty must be bic, mbic, aic or a number >= 0, got ${spec}`);
    return spec;
  }
  const logN = Math.log(Math.max(n, 2));
  switch (spec) {
    case 'bic': return (paramsPerSegment + 1) * logN;
    case 'mbic': return (paramsPerSegment + 2) * logN;
    case 'aic': return 2 * (paramsPerSegment + 1);
    default: throw invalidInput(`penalty must be bic, mbic, aic or a number >= 0, got '${String(spec)}'`);
  }
}

/** Parses a CLI or config value: 'bic' | 'mbic' | 'aic' | a number >= 0. */
export function parsePenalty(text: string): PenaltySpec {
  const lower = text.trim().toLowerCase();
  if (lower === 'bic' || lower === 'mbic' || lower === 'aic') return lower;
  const v = Number(lower);
  if (lower === '' || !Number.isFinite(v) || v < 0) throw invalidInput(`penalty must be bic, mbic, aic or a number >= 0, got '${text}'`);
  return v;
}
